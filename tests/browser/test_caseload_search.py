"""Issue 4: searching the caseload. With JavaScript the results change in
place, the address bar keeps up (so Back and sharing work) and the status
region says how many were found; without it the same form loads the page."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import LiveServer, People, Session, sign_in

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_searching_the_caseload(
    new_session: Callable[..., Session], live_server: LiveServer, people: People, javascript: bool
):
    session = new_session(javascript=javascript)
    page = session.page
    sign_in(page, live_server.url, people.key_worker)
    page.goto(live_server("/caseload"))
    expect(page.locator("#caseload-results tbody tr").first).to_contain_text("Alex Example")

    page.get_by_label("Search by name or NHS number").fill("NEWCOMER")
    page.get_by_role("button", name="Search").click()

    rows = page.locator("#caseload-results tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.first).to_contain_text("Kim Newcomer")
    expect(page.locator("#caseload-showing")).to_have_text("Showing 1 to 2 of 2 people")
    page.wait_for_url("**/caseload?q=NEWCOMER")
    if javascript:
        expect(page.locator("#status-region")).to_have_text("Showing 1 to 2 of 2 people")
        expect(page.locator("#caseload-showing")).to_be_focused()
    page.get_by_role("link", name="Sam Newcomer").click()
    expect(page.locator("h1")).to_have_text("Sam")
    assert session.console_errors == []


def test_the_print_button_appears_only_with_javascript(
    new_session: Callable[..., Session], live_server: LiveServer, people: People
):
    for javascript in (True, False):
        page = new_session(javascript=javascript).page
        sign_in(page, live_server.url, people.key_worker)
        page.goto(live_server(f"/people/{people.person_to_invite_id}/invitation"))
        page.get_by_role("button", name=re.compile("Create (an|a new) invitation link")).click()
        expect(page.locator("#invitation-link")).to_contain_text("/invitation/")
        print_button = page.get_by_role("button", name="Print this page")
        if javascript:
            expect(print_button).to_be_visible()
        else:
            expect(print_button).to_be_hidden()
            expect(page.get_by_text("use your browser's Print option")).to_be_visible()
