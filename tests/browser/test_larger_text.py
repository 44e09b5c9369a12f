"""Issue 7: choosing the larger text, without JavaScript, makes the text on
every page bigger, and nothing scrolls sideways at 320px."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.browser.conftest import NARROW, SUBMIT_BUTTON, LiveServer, People, Session, sign_in

pytestmark = pytest.mark.browser

SIZES = """() => ({
    root: parseFloat(getComputedStyle(document.documentElement).fontSize),
    // The same elements on every page: what a page shows may change between
    // visits (reading the plan clears "What has changed" on the home page).
    heading: parseFloat(getComputedStyle(document.querySelector("h1")).fontSize),
    link: parseFloat(getComputedStyle(document.querySelector("footer li a")).fontSize),
    small: parseFloat(getComputedStyle(document.querySelector("footer p")).fontSize),
    service: parseFloat(getComputedStyle(document.querySelector("header")).fontSize),
    scrollWidth: document.documentElement.scrollWidth,
})"""

PAGES = ["/", "/plan", "/plan/easy-read", "/plan/actions", "/plan/safety", "/account", "/help"]


@pytest.mark.parametrize("javascript", [False, True], ids=["no-js", "js"])
def test_larger_text_is_chosen_and_applied_on_every_page(
    new_session: Callable[..., Session],
    live_server: LiveServer,
    people: People,
    javascript: bool,
) -> None:
    session = new_session(javascript=javascript)
    page = session.page
    sign_in(page, live_server.url, people.person_with_review)
    standard = {path: _sizes(page, live_server(path)) for path in PAGES}

    # From the footer link, as a person would.
    page.goto(live_server("/plan"))
    page.click("footer >> text=Text size")
    page.check("input[value=larger]")
    with page.expect_navigation():
        page.click(SUBMIT_BUTTON)
    assert page.url == live_server("/plan")

    for path in PAGES:
        larger = _sizes(page, live_server(path))
        before = standard[path]
        for part in ("root", "heading", "link", "small", "service"):
            assert larger[part] == pytest.approx(before[part] * 1.25, abs=0.6), (path, part)
        assert larger["scrollWidth"] <= NARROW, f"{path} scrolls sideways: {larger}"

    # Back to standard; a person's own choice sticks (it is saved to them).
    page.goto(live_server("/text-size"))
    page.check("input[value=standard]")
    with page.expect_navigation():
        page.click(SUBMIT_BUTTON)
    assert _sizes(page, live_server("/"))["root"] == standard["/"]["root"]


def _sizes(page: object, url: str) -> dict[str, float]:
    from playwright.sync_api import Page

    assert isinstance(page, Page)
    page.goto(url)
    sizes: dict[str, float] = page.evaluate(SIZES)
    return sizes
