"""The main journeys with a keyboard alone (issue 7, WCAG 2.1.1): no clicks,
only Tab and Shift+Tab to move, typing, Enter and Space to act and the arrow
keys inside a group of radios; with JavaScript on and off. Every stop shows
where focus is (WCAG 2.4.7)."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta

import pytest
from playwright.sync_api import Locator, Page, expect

from tests.browser.conftest import LiveServer, People, Session
from tests.factories import TEST_PASSWORD

pytestmark = pytest.mark.browser

MODES = pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
# More Tab presses than any page here needs to reach its last control.
MOST_TABS = 150

FOCUS_IS_VISIBLE = """(element) => {
    const style = getComputedStyle(element);
    return style.outlineStyle !== "none" || style.boxShadow !== "none";
}"""


def tab_to(page: Page, target: Locator, *, backwards: bool = False) -> None:
    """Press Tab (or Shift+Tab) until ``target`` has focus, as a keyboard
    user would, and check they can see where focus is."""
    element = target.element_handle()
    for _ in range(MOST_TABS):
        page.keyboard.press("Shift+Tab" if backwards else "Tab")
        if page.evaluate("(element) => document.activeElement === element", element):
            assert page.evaluate(FOCUS_IS_VISIBLE, element), f"focus on {target} is invisible"
            return
    raise AssertionError(f"{target} cannot be reached with the Tab key")


def type_into(page: Page, field: Locator, text: str) -> None:
    tab_to(page, field)
    page.keyboard.type(text)


def choose_radio(page: Page, group_name: str, target: Locator) -> None:
    """Tab stops once in a group of radios, on the chosen one (or the first);
    the arrow keys then move the choice."""
    stop = page.locator(f"input[type=radio][name='{group_name}']:checked")
    if stop.count() == 0:
        stop = page.locator(f"input[type=radio][name='{group_name}']").first
    tab_to(page, stop)
    for _ in range(10):
        if target.is_checked():
            return
        page.keyboard.press("ArrowDown")
    raise AssertionError(f"the arrow keys never chose {target}")


def press_enter_on(page: Page, control: Locator) -> None:
    tab_to(page, control)
    page.keyboard.press("Enter")


def sign_in_by_keyboard(page: Page, server: LiveServer, email: str) -> None:
    page.goto(server("/sign-in"))
    type_into(page, page.get_by_label("Email address"), email)
    type_into(page, page.get_by_role("textbox", name="Password"), TEST_PASSWORD)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "/sign-in" not in page.url


@MODES
def test_sign_in(
    javascript: bool, new_session: Callable[..., Session], live_server: LiveServer, people: People
):
    page = new_session(javascript=javascript).page
    sign_in_by_keyboard(page, live_server, people.person_with_review)
    expect(page.locator("main")).to_contain_text(people.key_worker_name)
    # The skip link is the first stop on every page, and it works.
    page.goto(live_server("/plan"))
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Skip to main content")).to_be_focused()
    page.keyboard.press("Enter")
    # The next Tab goes into the page's own content, past the header.
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.closest('#maincontent') !== null")


@MODES
def test_update_an_action(
    javascript: bool, new_session: Callable[..., Session], live_server: LiveServer, people: People
):
    page = new_session(javascript=javascript).page
    sign_in_by_keyboard(page, live_server, people.person_with_review)
    page.goto(live_server("/plan/actions"))
    action = page.locator(f"#action-{people.own_action_id}")
    status = action.get_by_label("No longer needed", exact=True)
    choose_radio(page, status.get_attribute("name") or "", status)
    type_into(page, action.get_by_label("Add a note (optional)"), "Not needed now, by keyboard")
    press_enter_on(page, action.get_by_role("button", name="Save"))

    expect(action.locator(".app-status")).to_have_text("No longer needed")
    expect(action).to_contain_text("Not needed now, by keyboard")
    if javascript:
        expect(action.locator("h3").first).to_be_focused()  # focus follows the update


@MODES
def test_publish_a_plan(
    javascript: bool, new_session: Callable[..., Session], live_server: LiveServer, people: People
):
    page = new_session(javascript=javascript).page
    sign_in_by_keyboard(page, live_server, people.key_worker)
    page.goto(live_server(f"/people/{people.person_with_review_id}/plan"))
    section = page.locator("#section-what_matters")
    words = f"Tending the allotment, by keyboard ({'js' if javascript else 'no js'})"

    press_enter_on(page, section.get_by_role("link", name="Change What matters to them"))
    box = page.get_by_role("textbox", name="What matters to them")
    tab_to(page, box)
    page.keyboard.press("ControlOrMeta+a")
    page.keyboard.type(words)
    press_enter_on(page, page.get_by_role("button", name="Save What matters to them"))
    expect(page.locator("#section-what_matters")).to_contain_text(words)

    press_enter_on(page, page.get_by_role("button", name="Publish", exact=True))
    expect(page.get_by_role("heading", level=1)).to_have_text("Publish a new version")
    review = date.today() + timedelta(days=50)
    type_into(page, page.get_by_label("What changed, in a few words"), "Keyboard journey")
    type_into(page, page.get_by_label("Day"), str(review.day))
    type_into(page, page.get_by_label("Month"), str(review.month))
    type_into(page, page.get_by_label("Year"), str(review.year))
    press_enter_on(page, page.get_by_role("button", name=re.compile(r"^Publish version \d+$")))
    expect(page.locator(".app-flash")).to_contain_text("is published")
