"""Issue 3: a person updates their own action, in place with JavaScript (focus
on the updated action, the status region says what happened) and as full
pages without it."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import LiveServer, People, Session, sign_in

pytestmark = pytest.mark.browser


def _update(session: Session, server: LiveServer, people: People, status_label: str, note: str):
    page = session.page
    sign_in(page, server.url, people.person_with_review)
    page.goto(server("/plan/actions"))
    action = page.locator(f"#action-{people.own_action_id}")
    action.get_by_label(status_label, exact=True).check()
    action.get_by_label("Add a note (optional)").fill(note)
    action.get_by_role("button", name="Save").click()
    return action


def test_with_javascript_the_action_updates_in_place(
    new_session: Callable[..., Session], live_server: LiveServer, people: People
):
    session = new_session(javascript=True)
    page = session.page
    action = _update(session, live_server, people, "In progress", "Walked twice this week")
    expect(page.locator("#status-region")).to_have_text(
        "Your update to “Walk daily” has been saved."
    )
    heading = action.locator("h3").first
    expect(heading).to_be_focused()
    assert page.url.endswith("/plan/actions")  # no page load: updated in place
    expect(action.locator(".app-status")).to_have_text("In progress")
    expect(action).to_contain_text("Walked twice this week")


def test_without_javascript_the_same_form_works_as_a_full_page(
    new_session: Callable[..., Session], live_server: LiveServer, people: People
):
    session = new_session(javascript=False)
    page = session.page
    _update(session, live_server, people, "Done", "Finished it")
    assert page.url.endswith(f"/plan/actions#action-{people.own_action_id}")
    expect(page.locator(".app-flash")).to_contain_text("has been saved")
    action = page.locator(f"#action-{people.own_action_id}")
    expect(action.locator(".app-status")).to_have_text("Done")
    expect(action).to_contain_text("Finished it")


def test_with_javascript_a_mistake_shows_in_place_and_keeps_the_typing(
    new_session: Callable[..., Session], live_server: LiveServer, people: People
):
    session = new_session(javascript=True)
    page = session.page
    sign_in(page, live_server.url, people.person_with_review)
    page.goto(live_server("/plan/actions"))
    action = page.locator(f"#action-{people.own_action_id}")
    action.get_by_label("Add a note (optional)").fill("x" * 2001)
    action.get_by_role("button", name="Save").click()
    summary = action.locator(".nhsuk-error-summary")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("2,000 characters or fewer")
    expect(action.get_by_label("Add a note (optional)")).to_have_value("x" * 2001)
