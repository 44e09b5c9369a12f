"""The idle timeout warns in time, and staying signed in works with the
keyboard alone (DESIGN §8). Without JavaScript there is no warning: the next
page after the timeout asks the person to sign in again, then takes them back.

A second server runs with a short idle timeout. The browser counts from one
touch interval earlier than the server (portal/sessions.py), so with 20 s
the page ends the session after 18 s and warns 12 s before that.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import LiveServer, People, Session, sign_in

pytestmark = pytest.mark.browser

IDLE_TIMEOUT = 20
WARNING = 12
STILL_SIGNED_IN = "You are still signed in."


@pytest.fixture(scope="module")
def short_timeout_server(live_server_factory: Callable[..., LiveServer]) -> LiveServer:
    return live_server_factory(
        SESSION_IDLE_TIMEOUT_SECONDS=IDLE_TIMEOUT, SESSION_WARNING_SECONDS=WARNING
    )


def wait_until(moment: float) -> None:
    """Let time pass without touching the server."""
    remaining = moment - time.monotonic()
    if remaining > 0:
        time.sleep(remaining)


def focus_is_in_dialog(page: Page) -> bool:
    return bool(
        page.evaluate(
            "document.getElementById('session-timeout-dialog').contains(document.activeElement)"
        )
    )


def sign_in_and_wait_for_warning(
    session: Session, server: LiveServer, people: People
) -> tuple[Page, float]:
    page = session.page
    sign_in(page, server.url, people.person_with_review)
    signed_in_at = time.monotonic()
    # A keyboard user is somewhere on the page when the warning opens.
    page.keyboard.press("Tab")
    page.evaluate("() => { window.focusBeforeWarning = document.activeElement; }")
    assert page.evaluate("document.activeElement !== document.body")

    dialog = page.locator("#session-timeout-dialog")
    expect(dialog).to_be_hidden()
    expect(dialog).to_be_visible(timeout=IDLE_TIMEOUT * 1000)
    assert page.evaluate("document.getElementById('session-timeout-dialog').open")
    assert focus_is_in_dialog(page), "the warning opened without moving focus into it"
    return page, signed_in_at


def assert_warning_closed_and_announced(page: Page) -> None:
    expect(page.locator("#session-timeout-dialog")).to_be_hidden()
    expect(page.locator("#status-region")).to_have_text(STILL_SIGNED_IN)
    assert page.evaluate("document.activeElement === window.focusBeforeWarning"), (
        "focus did not go back to where the person was"
    )


def assert_still_signed_in_after_timeout(
    session: Session, server: LiveServer, signed_in_at: float
) -> None:
    """Close the page (its timers would make requests of their own), let the
    original timeout pass, then load the home page afresh."""
    session.page.close()
    wait_until(signed_in_at + IDLE_TIMEOUT + 1.5)
    page = session.context.new_page()
    page.goto(server("/"))
    assert urlsplit(page.url).path == "/", f"signed out: landed on {page.url}"
    expect(page.locator("h1")).to_have_text("Hello, Alex")


def test_keyboard_user_stays_signed_in(
    new_session: Callable[..., Session], short_timeout_server: LiveServer, people: People
) -> None:
    session = new_session(javascript=True)
    page, signed_in_at = sign_in_and_wait_for_warning(session, short_timeout_server, people)

    stay = page.locator("#session-timeout-dialog").get_by_role("button", name="Stay signed in")
    for _ in range(5):
        if stay.evaluate("button => button === document.activeElement"):
            break
        page.keyboard.press("Tab")
    expect(stay).to_be_focused()
    page.keyboard.press("Enter")

    assert_warning_closed_and_announced(page)
    assert_still_signed_in_after_timeout(session, short_timeout_server, signed_in_at)
    assert session.outside_requests == []
    assert session.console_errors == []


def test_escape_keeps_the_person_signed_in(
    new_session: Callable[..., Session], short_timeout_server: LiveServer, people: People
) -> None:
    session = new_session(javascript=True)
    page, signed_in_at = sign_in_and_wait_for_warning(session, short_timeout_server, people)

    page.keyboard.press("Escape")

    assert_warning_closed_and_announced(page)
    assert_still_signed_in_after_timeout(session, short_timeout_server, signed_in_at)
    assert session.outside_requests == []
    assert session.console_errors == []


def test_without_javascript_sign_in_again_returns_to_the_page(
    new_session: Callable[..., Session], short_timeout_server: LiveServer, people: People
) -> None:
    session = new_session(javascript=False)
    page = session.page
    server = short_timeout_server
    sign_in(page, server.url, people.person_with_review)
    signed_in_at = time.monotonic()
    expect(page.locator("#session-timeout-dialog")).to_be_hidden()

    wait_until(signed_in_at + IDLE_TIMEOUT + 1.5)
    page.goto(server("/account"))

    landed = urlsplit(page.url)
    assert landed.path == "/sign-in", f"still signed in after the timeout: {page.url}"
    assert parse_qs(landed.query).get("next") == ["/account"]
    expect(page.locator("#maincontent")).to_contain_text(
        "For your security, we signed you out because you had not done anything for a while."
    )

    sign_in(page, server.url, people.person_with_review, path="")
    assert urlsplit(page.url).path == "/account"
    expect(page.locator("h1")).to_have_text("Settings")
    assert session.outside_requests == []
    assert session.console_errors == []
