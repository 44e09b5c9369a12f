"""Signing in and out with the keyboard alone, on a small phone, with
JavaScript on and off; after signing out, Back shows nothing private."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Locator, Page, expect

from tests.browser.conftest import LiveServer, People, Session
from tests.factories import TEST_PASSWORD

pytestmark = pytest.mark.browser


def tab_to(page: Page, target: Locator, limit: int = 30) -> None:
    """Press Tab until the target has focus, as a keyboard user would."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if target.evaluate("element => element === document.activeElement"):
            return
    raise AssertionError(f"{target} cannot be reached with Tab in {limit} presses")


def path_of(page: Page) -> str:
    return urlsplit(page.url).path


def assert_home_not_shown(page: Page, people: People) -> None:
    assert path_of(page) == "/sign-in", f"expected the sign-in page, got {page.url}"
    expect(page.locator("h1")).to_have_text("Sign in")
    assert people.key_worker_name not in page.content()
    assert page.locator("#key-worker").count() == 0


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_keyboard_sign_in_then_sign_out(
    javascript: bool,
    new_session: Callable[..., Session],
    live_server: LiveServer,
    people: People,
) -> None:
    session = new_session(javascript=javascript)
    page = session.page
    page.goto(live_server("/sign-in"))

    tab_to(page, page.locator("#email"))
    page.keyboard.type(people.person_with_review)
    page.keyboard.press("Tab")
    expect(page.locator("#password")).to_be_focused()
    page.keyboard.type(TEST_PASSWORD)
    with page.expect_navigation():
        page.keyboard.press("Enter")

    assert path_of(page) == "/"
    expect(page.locator("h1")).to_have_text("Hello, Alex")
    card = page.locator("#key-worker")
    expect(card).to_contain_text(people.key_worker_name)
    phone = card.get_by_role("link", name=people.key_worker_phone)
    expect(phone).to_have_attribute("href", "tel:" + people.key_worker_phone.replace(" ", ""))

    sign_out = page.locator("header").get_by_role("button", name="Sign out")
    tab_to(page, sign_out)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert path_of(page) == "/signed-out"
    expect(page.locator("h1")).to_have_text("You have signed out")

    page.go_back()
    assert_home_not_shown(page, people)
    page.reload()
    assert_home_not_shown(page, people)
    assert session.outside_requests == []
    assert session.console_errors == []
