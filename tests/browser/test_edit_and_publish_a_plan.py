"""Issue 4: a key worker changes a section of the plan and publishes a
version, in place with JavaScript (focus on the section, the status region
says what happened) and as full pages without it; the person then reads it."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import LiveServer, People, Session, sign_in

pytestmark = pytest.mark.browser

SECTION = "What matters to them"


def _publish(page: Page, summary: str) -> None:
    page.get_by_role("button", name="Publish", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Publish a new version")
    expect(page.locator("main")).to_contain_text(
        "Any date you agreed together. Reviews do not have to be every 6 or 12 months."
    )
    review = date.today() + timedelta(days=40)
    page.get_by_label("What changed, in a few words").fill(summary)
    page.get_by_label("Day").fill(str(review.day))
    page.get_by_label("Month").fill(str(review.month))
    page.get_by_label("Year").fill(str(review.year))
    page.get_by_role("button", name=re.compile(r"^Publish version \d+$")).click()
    expect(page.locator(".app-flash")).to_contain_text("is published")


def _person_reads(new_session: Callable[..., Session], server: LiveServer, people: People) -> Page:
    page = new_session().page
    sign_in(page, server.url, people.person_with_review)
    page.goto(server("/plan"))
    return page


def test_with_javascript_a_section_is_changed_in_place_then_published(
    new_session: Callable[..., Session], live_server: LiveServer, people: People
):
    page = new_session(javascript=True).page
    sign_in(page, live_server.url, people.key_worker)
    overview = live_server(f"/people/{people.person_with_review_id}/plan")
    page.goto(overview)
    section = page.locator("#section-what_matters")

    section.get_by_role("link", name=f"Change {SECTION}").click()
    expect(section.get_by_role("heading", name=f"Change: {SECTION}")).to_be_focused()
    section.get_by_role("textbox", name=SECTION).fill("Rex, my dog, in place")
    section.get_by_role("button", name=f"Save {SECTION}").click()

    expect(page.locator("#status-region")).to_have_text(
        f"“{SECTION}” is saved in the draft. Alex will see it once you publish a new version."
    )
    expect(section.get_by_role("heading", name=SECTION, exact=True)).to_be_focused()
    expect(section).to_contain_text("Draft: changed by Priya Shah")
    expect(section).to_contain_text("Rex, my dog, in place")
    assert page.url == overview  # no page load: changed in place

    _publish(page, "Rex matters most now, in place")
    person = _person_reads(new_session, live_server, people)
    expect(person.locator("main")).to_contain_text("Rex, my dog, in place")


def test_without_javascript_the_same_journey_works_as_full_pages(
    new_session: Callable[..., Session], live_server: LiveServer, people: People
):
    page = new_session(javascript=False).page
    sign_in(page, live_server.url, people.key_worker)
    page.goto(live_server(f"/people/{people.person_with_review_id}/plan"))

    page.locator("#section-what_matters").get_by_role("link", name=f"Change {SECTION}").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Change: {SECTION}")
    page.get_by_role("textbox", name=SECTION).fill("Rex, my dog, full pages")
    page.get_by_role("button", name=f"Save {SECTION}").click()

    assert page.url.endswith(f"/people/{people.person_with_review_id}/plan#section-what_matters")
    expect(page.locator(".app-flash")).to_contain_text("is saved in the draft")
    section = page.locator("#section-what_matters")
    expect(section).to_contain_text("Draft: changed by Priya Shah")
    expect(section).to_contain_text("Rex, my dog, full pages")

    _publish(page, "Rex matters most now, full pages")
    person = _person_reads(new_session, live_server, people)
    expect(person.locator("main")).to_contain_text("Rex, my dog, full pages")


def test_with_javascript_a_mistake_shows_in_place_and_keeps_the_typing(
    new_session: Callable[..., Session], live_server: LiveServer, people: People
):
    page = new_session(javascript=True).page
    sign_in(page, live_server.url, people.key_worker)
    page.goto(live_server(f"/people/{people.person_with_review_id}/plan"))
    section = page.locator("#section-goals")
    section.get_by_role("link", name="Change Goals").click()
    adding = section.locator("#add-goals")
    adding.get_by_role("textbox", name="Why it matters to them (optional)").fill("It keeps me well")
    section.get_by_role("button", name="Save Goals").click()
    summary = section.locator(".nhsuk-error-summary")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("Add a goal: Write the goal in their words")
    expect(adding.get_by_role("textbox", name="Why it matters to them (optional)")).to_have_value(
        "It keeps me well"
    )
