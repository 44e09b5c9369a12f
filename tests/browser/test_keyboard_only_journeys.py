"""The main journeys of issues 3 to 6 with a keyboard alone (issue 7, WCAG
2.1.1): sign in, update an action, publish a plan, ask for a review, share
with a carer, request a carer's assessment. No clicks: only Tab to move,
typing, Enter and Space to act and the arrow keys inside a group of radios;
with JavaScript on and off. Every stop shows where focus is (WCAG 2.4.7)."""

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


def _keyboard_continue(page: Page) -> None:
    with page.expect_navigation():
        press_enter_on(page, page.get_by_role("button", name="Continue"))


@MODES
def test_ask_for_a_review(
    javascript: bool, new_session: Callable[..., Session], live_server: LiveServer, people: People
):
    page = new_session(javascript=javascript).page
    sign_in_by_keyboard(page, live_server, people.person_with_review)
    page.goto(live_server("/ask-for-a-review"))
    again = page.get_by_role("button", name="Start again")
    if again.count():  # a draft from another test: start afresh, by keyboard
        with page.expect_navigation():
            press_enter_on(page, again)
    with page.expect_navigation():
        press_enter_on(page, page.get_by_role("link", name="Start now"))

    type_into(page, page.get_by_label("What has changed?"), "My mum has moved in with me")
    _keyboard_continue(page)
    _keyboard_continue(page)  # what to change is optional
    soon = page.get_by_label("In the next month")
    choose_radio(page, soon.get_attribute("name") or "", soon)
    _keyboard_continue(page)
    same = page.get_by_label("About the same")
    choose_radio(page, same.get_attribute("name") or "", same)
    _keyboard_continue(page)
    email = page.get_by_label("Email", exact=True)
    choose_radio(page, email.get_attribute("name") or "", email)
    _keyboard_continue(page)

    expect(page.locator(".nhsuk-summary-list")).to_contain_text("My mum has moved in with me")
    with page.expect_navigation():
        press_enter_on(page, page.get_by_role("button", name="Send request"))
    expect(page.locator("#request-sent")).to_contain_text("Your request has been sent")


@MODES
def test_share_with_a_carer(
    javascript: bool, new_session: Callable[..., Session], live_server: LiveServer, people: People
):
    page = new_session(javascript=javascript).page
    sign_in_by_keyboard(page, live_server, people.person_with_review)
    page.goto(live_server("/people-who-support-me"))
    with page.expect_navigation():
        press_enter_on(page, page.get_by_role("link", name="Invite a carer or family member"))
    type_into(page, page.get_by_label("Their name"), "Morgan, by keyboard")
    type_into(page, page.get_by_label("How do they know you?"), "My sister")
    goals = page.get_by_role("checkbox", name="Goals")
    tab_to(page, goals)
    page.keyboard.press("Space")
    expect(goals).to_be_checked()
    with page.expect_navigation():
        press_enter_on(page, page.get_by_role("button", name="Make an invitation link"))
    expect(page.locator("main")).to_contain_text("You will not see this link again")


@MODES
def test_request_a_carers_assessment(
    javascript: bool, new_session: Callable[..., Session], live_server: LiveServer, people: People
):
    page = new_session(javascript=javascript).page
    sign_in_by_keyboard(page, live_server, people.carer_with_summary)
    page.goto(live_server("/carers-assessment"))
    with page.expect_navigation():
        press_enter_on(page, page.get_by_role("link", name="Start now"))

    def radio(label: str) -> None:
        choice = page.get_by_label(label, exact=True)
        choose_radio(page, choice.get_attribute("name") or "", choice)

    radio("No")  # not under 18
    _keyboard_continue(page)
    radio("Someone not using this service")
    type_into(page, page.get_by_label("Their name"), "My uncle")
    _keyboard_continue(page)
    radio("20 to 34 hours a week")
    _keyboard_continue(page)
    sleep = page.get_by_label("My sleep")
    tab_to(page, sleep)
    page.keyboard.press("Space")
    _keyboard_continue(page)
    type_into(page, page.get_by_label("What would help you?"), "A night off now and then")
    _keyboard_continue(page)
    radio("Yes")
    _keyboard_continue(page)
    radio("By phone")
    type_into(
        page,
        page.get_by_label("Your phone number, email address or postal address"),
        "07700 900456",
    )
    _keyboard_continue(page)

    expect(page.locator(".nhsuk-summary-list")).to_contain_text("My uncle")
    with page.expect_navigation():
        press_enter_on(page, page.get_by_role("button", name="Send my request"))
    expect(page.locator("main")).to_contain_text("Status: Received")
