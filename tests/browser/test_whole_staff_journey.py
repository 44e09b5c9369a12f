"""Issue 4, end to end: a key worker registers a person, invites them, the
person sets a password, the key worker drafts and publishes a plan, and the
person reads it. Once with JavaScript and once without, with axe on every
page the journey passes through."""

from __future__ import annotations

import itertools
from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect

from portal.nhs_number import with_check_digit
from tests.browser.conftest import (
    LiveServer,
    People,
    Session,
    axe_violations,
    describe_violations,
    sign_in,
)
from tests.browser.test_edit_and_publish_a_plan import SECTION, _publish

pytestmark = pytest.mark.browser

NEW_PASSWORD = "a long password for Sam"


def _unused_nhs_numbers() -> itertools.chain[str]:
    """Valid NHS numbers far from the ones the browser database holds."""
    candidates = (with_check_digit(f"9{n:08d}") for n in range(4_000_000, 4_001_000))
    return itertools.chain(number for number in candidates if number)


NHS_NUMBERS = _unused_nhs_numbers()


def _accessible(page: Page, javascript: bool) -> None:
    violations = axe_violations(page, javascript=javascript)
    assert violations == [], f"{page.url}: {describe_violations(violations)}"


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_register_invite_sign_up_publish_and_read(
    javascript: bool,
    new_session: Callable[..., Session],
    live_server: LiveServer,
    people: People,
):
    name = "Sam Okafor JS" if javascript else "Sam Okafor no JS"
    email = "sam.js@example.org" if javascript else "sam.nojs@example.org"
    staff = new_session(javascript=javascript).page
    sign_in(staff, live_server.url, people.key_worker)

    # The key worker registers Sam from their caseload.
    staff.goto(live_server("/caseload"))
    _accessible(staff, javascript)
    staff.get_by_role("link", name="Register a person").click()
    _accessible(staff, javascript)
    staff.get_by_label("Full name").fill(name)
    staff.get_by_label("NHS number").fill(next(NHS_NUMBERS))
    staff.get_by_label("Day").fill("4")
    staff.get_by_label("Month").fill("7")
    staff.get_by_label("Year").fill("1990")
    staff.get_by_label("Yes", exact=True).check()
    staff.get_by_role("button", name="Register this person").click()
    expect(staff.get_by_role("heading", level=1)).to_have_text(name)
    _accessible(staff, javascript)
    person_path = staff.url.split(live_server.url, 1)[1].split("#")[0].split("?")[0]

    # They make an invitation link and give it to Sam.
    staff.get_by_role("button", name="Create an invitation link").first.click()
    link = staff.locator("#invitation-link").inner_text().strip()
    _accessible(staff, javascript)

    # Sam opens it, sets a password and lands on their home page.
    sam = new_session(javascript=javascript).page
    sam.goto(link)
    _accessible(sam, javascript)
    sam.get_by_label("Email address").fill(email)
    sam.get_by_label("Create a password").fill(NEW_PASSWORD)
    sam.get_by_label("Type your password again").fill(NEW_PASSWORD)
    sam.locator("main form button[type=submit]").click()
    expect(sam.get_by_role("heading", level=1)).to_contain_text(name)
    expect(sam.locator("main")).to_contain_text("Priya Shah")  # their key worker
    _accessible(sam, javascript)

    # The key worker drafts "What matters to them" with Sam and publishes.
    staff.goto(live_server(f"{person_path}/plan"))
    _accessible(staff, javascript)
    section = staff.locator("#section-what_matters")
    section.get_by_role("link", name=f"Change {SECTION}").click()
    words = f"Getting back to the allotment ({'js' if javascript else 'no js'})"
    staff.get_by_role("textbox", name=SECTION).fill(words)
    _accessible(staff, javascript)
    staff.get_by_role("button", name=f"Save {SECTION}").click()
    expect(staff.locator("#section-what_matters")).to_contain_text(words)
    staff.goto(live_server(f"{person_path}/plan/preview"))
    expect(staff.locator("main")).to_contain_text(words)
    _accessible(staff, javascript)
    staff.goto(live_server(f"{person_path}/plan"))
    _publish(staff, "What matters to Sam, in their words")
    _accessible(staff, javascript)

    # Sam reads the published plan.
    sam.goto(live_server("/plan"))
    expect(sam.locator("main")).to_contain_text(words)
    _accessible(sam, javascript)
