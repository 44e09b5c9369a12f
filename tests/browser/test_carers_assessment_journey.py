"""Issue 5, must show: the carer's assessment journey in the browser, with
JavaScript on and off: one question per page, the error summary, "Error:"
titles and what was typed kept on every mistake, a check-answers page where
an answer can be changed, and the request's status at the end; axe clean on
every page at 320 px."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import (
    NARROW,
    SUBMIT_BUTTON,
    LiveServer,
    People,
    Session,
    axe_violations,
    describe_violations,
    sign_in,
)

pytestmark = pytest.mark.browser


def _continue(page: Page) -> None:
    with page.expect_navigation():
        page.click(SUBMIT_BUTTON)


def _check_page(page: Page, javascript: bool, *, heading: str, errors: Sequence[str] = ()) -> None:
    expect(page.locator("h1")).to_have_text(heading)
    summary = page.locator(".nhsuk-error-summary")
    if errors:
        assert page.title().startswith("Error: "), page.title()
        for message in errors:
            expect(summary).to_contain_text(message)
    else:
        assert summary.count() == 0
        assert not page.title().startswith("Error: ")
    assert page.evaluate("document.documentElement.scrollWidth") <= NARROW
    violations = axe_violations(page, javascript=javascript)
    assert not violations, f"axe found problems on {page.url}:\n{describe_violations(violations)}"


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_a_carer_asks_for_an_assessment(
    javascript: bool,
    new_session: Callable[..., Session],
    live_server: LiveServer,
    people: People,
) -> None:
    session = new_session(javascript=javascript)
    page = session.page
    sign_in(page, live_server.url, people.carer_with_nothing)
    page.goto(live_server("/carers-assessment"))
    _check_page(page, javascript, heading="Ask for a carer's assessment")
    with page.expect_navigation():
        page.get_by_role("link", name="Start now").click()

    _check_page(page, javascript, heading="Are you under 18?")
    _continue(page)
    _check_page(
        page, javascript, heading="Are you under 18?", errors=["Select yes if you are under 18"]
    )
    page.locator(".nhsuk-error-summary a").first.click()
    page.get_by_label("No").check()
    _continue(page)

    _check_page(page, javascript, heading="Who do you care for?")
    page.get_by_label("Someone not using this service").check()
    _continue(page)
    _check_page(
        page,
        javascript,
        heading="Who do you care for?",
        errors=["Enter the name of the person you care for"],
    )
    expect(page.get_by_label("Someone not using this service")).to_be_checked()
    page.get_by_label("Their name").fill("My dad")
    _continue(page)

    heading = "Roughly how many hours a week do you spend caring?"
    _check_page(page, javascript, heading=heading)
    page.get_by_label("20 to 34 hours a week").check()
    _continue(page)

    _check_page(page, javascript, heading="What does caring affect?")
    _continue(page)
    _check_page(
        page,
        javascript,
        heading="What does caring affect?",
        errors=["Select what caring affects, or select “None of these”"],
    )
    page.get_by_label("My sleep").check()
    page.get_by_label("Time for myself").check()
    _continue(page)

    _check_page(page, javascript, heading="What would help you?")
    _continue(page)
    _check_page(
        page, javascript, heading="What would help you?", errors=["Write what would help you"]
    )
    page.get_by_label("What would help you?").fill("An evening off each week")
    _continue(page)

    _check_page(page, javascript, heading="Can we pass your details to the local authority?")
    page.get_by_label("Yes").check()
    _continue(page)

    _check_page(page, javascript, heading="How should we contact you?")
    page.get_by_label("By email").check()
    page.get_by_label("When is a good time to contact you? (optional)").fill("Mornings")
    _continue(page)
    _check_page(
        page,
        javascript,
        heading="How should we contact you?",
        errors=["Enter how we can reach you"],
    )
    expect(page.get_by_label("When is a good time to contact you? (optional)")).to_have_value(
        "Mornings"
    )
    expect(page.get_by_label("By email")).to_be_checked()
    page.get_by_label("Your phone number, email address or postal address").fill("dana@example.org")
    _continue(page)

    check = "Check your answers before asking for a carer's assessment"
    _check_page(page, javascript, heading=check)
    answers = page.locator(".nhsuk-summary-list")
    expect(answers).to_contain_text("My dad (not using this service)")
    expect(answers).to_contain_text("My sleep, Time for myself")
    with page.expect_navigation():
        page.get_by_role("link", name="Change Hours a week").click()
    expect(page.get_by_label("20 to 34 hours a week")).to_be_checked()
    page.get_by_label("50 hours a week or more").check()
    _continue(page)
    _check_page(page, javascript, heading=check)
    expect(answers).to_contain_text("50 hours a week or more")

    _continue(page)
    _check_page(page, javascript, heading="Your request for a carer's assessment")
    expect(page.locator("main")).to_contain_text("Status: Received")
    expect(page.locator("main")).to_contain_text("My dad")
    page.goto(live_server("/carers-assessment"))
    expect(page.locator("#your-requests + ul")).to_contain_text("My dad")
    assert session.outside_requests == []
    assert session.console_errors == []
