"""Issue 6: asking for a review in the browser, one question a page, with
JavaScript on and off, axe clean at 320 px on every page of the journey; and
the key worker answering it."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import (
    LiveServer,
    People,
    Session,
    axe_violations,
    describe_violations,
    sign_in,
)

pytestmark = pytest.mark.browser

WHAT_CHANGED = "My support worker left and I have been struggling to get out of bed."


def _axe_clean(page: Page, javascript: bool) -> None:
    violations = axe_violations(page, javascript=javascript)
    assert not violations, f"axe found problems on {page.url}:\n{describe_violations(violations)}"
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= 320, f"{page.url} scrolls sideways: {width}px"


def _continue(page: Page) -> None:
    page.get_by_role("button", name="Continue").click()


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_a_person_asks_for_a_review_and_follows_it(
    new_session: Callable[..., Session],
    live_server: LiveServer,
    people: People,
    javascript: bool,
):
    session = new_session(javascript=javascript)
    page = session.page
    sign_in(page, live_server.url, people.person_without_review)
    page.goto(live_server("/ask-for-a-review"))
    if page.get_by_role("button", name="Start again").count():
        page.get_by_role("button", name="Start again").click()  # a draft from the other mode
    else:
        page.get_by_role("link", name="Start now").click()
    _axe_clean(page, javascript)

    # A mistake: the error summary links to the field, and nothing is lost.
    _continue(page)
    expect(page).to_have_title(re.compile(r"^Error: What has changed\?"))
    summary = page.locator(".nhsuk-error-summary")
    expect(summary).to_contain_text("Write what has changed")
    _axe_clean(page, javascript)
    page.get_by_label("What has changed?").fill(WHAT_CHANGED)
    _continue(page)

    _axe_clean(page, javascript)
    page.get_by_label("What would you like to change in the plan? (optional)").fill(
        "More visits for a while"
    )
    _continue(page)

    expect(page.get_by_text("This is not for emergencies")).to_be_visible()
    expect(page.get_by_role("link", name="Need help now?").first).to_be_visible()
    _axe_clean(page, javascript)
    page.get_by_label("In the next week").check()
    _continue(page)

    _axe_clean(page, javascript)
    page.get_by_label("More support").check()
    _continue(page)

    _axe_clean(page, javascript)
    page.get_by_label("Phone call").check()
    page.get_by_label("When is a good time to contact you? (optional)").fill("Mornings")
    _continue(page)

    expect(page.locator("h1")).to_have_text("Check your answers before asking for a review")
    expect(page.locator(".nhsuk-summary-list")).to_contain_text(WHAT_CHANGED)
    expect(page.locator(".nhsuk-summary-list")).to_contain_text("In the next week")
    _axe_clean(page, javascript)
    page.get_by_role("button", name="Send request").click()

    panel = page.locator("#request-sent")
    expect(panel).to_contain_text("Your request has been sent")
    reference = panel.locator(".app-reference").inner_text()
    assert re.fullmatch(r"RV-[A-Z0-9]{4}-[A-Z0-9]{4}", reference)
    _axe_clean(page, javascript)

    page.get_by_role("link", name="See your request").click()
    expect(page.locator("h1")).to_have_text(f"Request {reference}")
    expect(page.locator("#history")).to_be_visible()
    expect(page.get_by_text(WHAT_CHANGED)).to_be_visible()
    _axe_clean(page, javascript)


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_the_key_worker_arranges_it_and_the_person_sees_when(
    new_session: Callable[..., Session],
    live_server: LiveServer,
    people: People,
    javascript: bool,
):
    # Bea's key worker is Oli, in the other team (tests/factories.py).
    person = new_session(javascript=javascript)
    sign_in(person.page, live_server.url, people.person_without_review)
    page = person.page
    page.goto(live_server("/ask-for-a-review"))
    if page.get_by_role("button", name="Start again").count():
        page.get_by_role("button", name="Start again").click()
    else:
        page.get_by_role("link", name="Start now").click()
    page.get_by_label("What has changed?").fill("Moving house next month")
    _continue(page)
    _continue(page)
    page.get_by_label("In the next month").check()
    _continue(page)
    page.get_by_label("About the same").check()
    _continue(page)
    page.get_by_label("Email", exact=True).check()
    _continue(page)
    page.get_by_role("button", name="Send request").click()
    reference = page.locator(".app-reference").inner_text()

    staff = new_session(javascript=javascript)
    sign_in(staff.page, live_server.url, "oli@example.org")
    team = staff.page
    team.goto(live_server("/requests"))
    team.get_by_label("How soon").select_option("within_a_month")
    team.get_by_role("button", name="Show requests").click()
    # With JavaScript the results swap in place and the address follows.
    expect(team).to_have_url(re.compile(r"urgency=within_a_month"))
    expect(team.locator("#requests-results")).not_to_contain_text("Within a week")
    team.get_by_role("link", name=re.compile(reference)).click()
    _axe_clean(team, javascript)
    team.get_by_role("button", name="Mark as seen").click()
    expect(team.locator(".app-flash")).to_contain_text("marked as seen")
    team.get_by_role("link", name="Arrange the review").click()
    team.get_by_label("Day").fill("14")
    team.get_by_label("Month").fill("1")
    team.get_by_label("Year").fill("2031")
    team.get_by_label("Time").fill("11am")
    team.get_by_label("Where, or how, will the review happen?").fill("By phone")
    _axe_clean(team, javascript)
    team.get_by_role("button", name="Save and tell them").click()
    expect(team.locator(".app-flash")).to_contain_text("The review is arranged")

    page.goto(live_server("/reviews"))
    page.get_by_role("link", name=f"Request {reference}").click()
    arranged = page.locator("#arranged")
    expect(arranged).to_contain_text("Tuesday 14 January 2031 at 11:00")
    expect(arranged).to_contain_text("By phone")
    expect(page.locator(".app-review-history")).to_contain_text("Seen by the team")
    _axe_clean(page, javascript)
