"""Issue 5, must show: a carer sees exactly the sections shared with them and
nothing else (404 for the rest, and no other person's names or identifiers
in any response); withdrawing a share blocks the very next request; a carer
of person A gets 404 for everything about person B; an ended link loses all
access."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from portal.models import AuditEvent, CarerLink, PlanSection, SharingConsent
from tests.conftest import database, form_post, sign_in, without_random_values
from tests.integration.carer_helpers import link_of
from tests.integration.conftest import People
from tests.integration.plan_helpers import build_plan

CARER_PAGES = ("", "/share", "/suggest-action")
# What each section shows of A's plan (tests/factories.make_plan), so a page
# that leaks a section it should not is caught by its content too.
SECTION_TEXT = {
    PlanSection.SUMMARY: "Seeing my family",
    PlanSection.GOALS: "Swim weekly",
    PlanSection.ACTIONS: "Fix the boiler",
    PlanSection.SAFETY_PLAN: "Not sleeping",
    PlanSection.REVIEWS: "The next review is on",
    PlanSection.HISTORY: "First plan",
}


def _carer(app: Flask, email: str) -> FlaskClient:
    client = app.test_client()
    sign_in(client, email)
    return client


def _share_only(app: Flask, link_id: int, sections: set[PlanSection]) -> None:
    with database(app) as session:
        for consent in session.scalars(
            select(SharingConsent).where(SharingConsent.carer_link_id == link_id)
        ):
            session.delete(consent)
        for section in sections:
            session.add(SharingConsent(carer_link_id=link_id, section=section))


@pytest.mark.parametrize("shared", list(PlanSection))
def test_a_carer_sees_the_one_section_shared_and_no_other(
    app: Flask, people: People, shared: PlanSection
):
    build_plan(app, people.person_a_id)
    _share_only(app, link_of(app, people.carer_of_a_with_summary), {shared})
    client = _carer(app, people.carer_of_a_with_summary)
    a = people.person_a_id
    for section in PlanSection:
        response = client.get(f"/caring-for/{a}/plan/{section.value}")
        if section is shared:
            assert response.status_code == 200, section
            if section in SECTION_TEXT:
                assert SECTION_TEXT[section] in response.text
        else:
            assert response.status_code == 404, section
    overview = client.get(f"/caring-for/{a}").text
    for section, text in SECTION_TEXT.items():
        if section is not shared and section is not PlanSection.REVIEWS:
            assert text not in overview, section
    for path in CARER_PAGES:
        assert client.get(f"/caring-for/{a}{path}").status_code == 200


def test_a_carer_with_nothing_shared_gets_404_for_every_section(app: Flask, people: People):
    build_plan(app, people.person_a_id)
    client = _carer(app, people.carer_of_a_with_nothing)
    for section in PlanSection:
        assert (
            client.get(f"/caring-for/{people.person_a_id}/plan/{section.value}").status_code == 404
        )
    page = client.get(f"/caring-for/{people.person_a_id}").text
    assert "has not shared their care plan with you" in page
    assert "Seeing my family" not in page


def test_an_unknown_section_is_404(app: Flask, people: People):
    client = _carer(app, people.carer_of_a_with_summary)
    assert client.get(f"/caring-for/{people.person_a_id}/plan/notes").status_code == 404


def test_a_carer_of_a_gets_404_for_everything_about_b(app: Flask, people: People):
    build_plan(app, people.person_a_id)
    client = _carer(app, people.carer_of_a_with_summary)
    b = people.person_b_id
    paths = [f"/caring-for/{b}{p}" for p in CARER_PAGES] + [
        f"/caring-for/{b}/plan/{s.value}" for s in PlanSection
    ]
    for path in paths:
        assert client.get(path).status_code == 404, path
    response = form_post(
        client,
        f"/caring-for/{b}/share",
        {"body": "x", "visibility": "team"},
        token_from=f"/caring-for/{people.person_a_id}/share",
    )
    assert response.status_code == 404


def test_no_page_a_carer_can_open_names_anyone_else(app: Flask, people: People):
    build_plan(app, people.person_a_id)
    client = _carer(app, people.carer_of_a_with_summary)
    a = people.person_a_id
    paths = [
        "/",
        "/caring-for",
        "/carers-assessment",
        f"/carers-assessment/{people.ids['a_request']}",
        "/carers-assessment/questions/who",
        *[f"/caring-for/{a}{p}" for p in CARER_PAGES],
        *[f"/caring-for/{a}/plan/{s.value}" for s in (PlanSection.SUMMARY, PlanSection.REVIEWS)],
    ]
    for path in paths:
        text = client.get(path).text
        assert "Bea" not in without_random_values(text), path
        assert "erin@example.org" not in text, path
        assert f"/caring-for/{people.person_b_id}" not in text, path


def test_withdrawing_a_share_blocks_the_very_next_request(app: Flask, people: People):
    build_plan(app, people.person_a_id)
    carer = _carer(app, people.carer_of_a_with_summary)
    person = _carer(app, people.person_a)
    a, link = people.person_a_id, people.ids["a_link"]
    assert carer.get(f"/caring-for/{a}/plan/reviews").status_code == 200
    # A keeps the summary and stops sharing review dates.
    response = form_post(person, f"/people-who-support-me/{link}", {"share_summary": "y"})
    assert response.status_code == 303
    assert carer.get(f"/caring-for/{a}/plan/reviews").status_code == 404
    assert carer.get(f"/caring-for/{a}/plan/summary").status_code == 200
    # The withdrawn consent is kept, marked withdrawn.
    with database(app) as session:
        withdrawn = session.scalars(
            select(SharingConsent).where(
                SharingConsent.carer_link_id == link, SharingConsent.withdrawn_at.is_not(None)
            )
        ).all()
    assert [c.section for c in withdrawn] == [PlanSection.REVIEWS]


def test_a_share_ends_on_its_date(app: Flask, people: People):
    link = people.ids["a_link"]
    with database(app) as session:
        for consent in session.scalars(
            select(SharingConsent).where(SharingConsent.carer_link_id == link)
        ):
            consent.until = date.today() - timedelta(days=1)
    client = _carer(app, people.carer_of_a_with_summary)
    assert client.get(f"/caring-for/{people.person_a_id}/plan/summary").status_code == 404


def test_an_ended_link_loses_all_access(app: Flask, people: People):
    build_plan(app, people.person_a_id)
    carer = _carer(app, people.carer_of_a_with_summary)
    a = people.person_a_id
    assert carer.get(f"/caring-for/{a}").status_code == 200
    person = _carer(app, people.person_a)
    stop = f"/people-who-support-me/{people.ids['a_link']}/stop"
    assert form_post(person, stop, {}).status_code == 303
    for path in [f"/caring-for/{a}{p}" for p in CARER_PAGES] + [
        f"/caring-for/{a}/plan/{s.value}" for s in PlanSection
    ]:
        assert carer.get(path).status_code == 404, path
    assert "Alex" not in carer.get("/caring-for").text
    with database(app) as session:
        ended = session.get(CarerLink, people.ids["a_link"])
        assert ended is not None and ended.ended_at is not None
    # The request Chris made stays his to follow, with its status.
    assert carer.get(f"/carers-assessment/{people.ids['a_request']}").status_code == 200


def test_every_section_a_carer_reads_is_audited(app: Flask, people: People):
    build_plan(app, people.person_a_id)
    client = _carer(app, people.carer_of_a_with_summary)
    client.get(f"/caring-for/{people.person_a_id}/plan/reviews")
    client.get(f"/caring-for/{people.person_a_id}/plan/goals")  # not shared: 404
    with database(app) as session:
        events = session.scalars(
            select(AuditEvent).where(AuditEvent.action == "view").order_by(AuditEvent.id)
        ).all()
        seen = [(e.acting_as, e.object_type, e.service_user_id) for e in events]
    assert seen == [("carer", "plan_section:reviews", people.person_a_id)]
