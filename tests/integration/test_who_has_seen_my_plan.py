"""DESIGN §2: a service user sees everything in their own record, including
who has looked at it. Staff and carer reads are audited; the person reads
that trail back on "Who has seen my plan"."""

from __future__ import annotations

from flask import Flask
from flask.testing import FlaskClient

from portal import db
from portal.audit import record
from tests.conftest import database, form_post, sign_in
from tests.integration.conftest import People
from tests.integration.plan_helpers import build_plan, count_queries

PAGE = "/plan/who-has-seen"


def _as(app: Flask, email: str) -> FlaskClient:
    client = app.test_client()
    sign_in(client, email)
    return client


def test_staff_and_carer_reads_are_listed_with_names_and_roles(app: Flask, people: People):
    _as(app, people.key_worker_of_a).get(f"/people/{people.person_a_id}")
    _as(app, people.carer_of_a_with_summary).get(f"/caring-for/{people.person_a_id}")

    page = _as(app, people.person_a).get(PAGE)

    assert page.status_code == 200
    assert "Priya Shah" in page.text
    assert "Care team" in page.text
    assert "Carer or family" in page.text
    assert page.text.count("Looked at your care team and how to contact them") == 2


def test_my_own_changes_are_not_listed(app: Flask, people: People):
    ids = build_plan(app, people.person_a_id)
    alex = _as(app, people.person_a)
    saved = form_post(
        alex,
        f"/plan/actions/{ids['mine']}",
        {
            f"action-{ids['mine']}-status": "in_progress",
            f"action-{ids['mine']}-note": "Going well",
            f"action-{ids['mine']}-version": "1",
        },
        token_from="/plan/actions",
    )
    assert saved.status_code == 303  # audited as the person's own change
    page = alex.get(PAGE)
    assert "Nobody else has looked at your record yet." in page.text


def test_another_persons_trail_is_never_shown(app: Flask, people: People):
    _as(app, people.key_worker_of_a).get(f"/people/{people.person_a_id}")
    page = _as(app, people.person_b).get(PAGE)
    assert "Priya Shah" not in page.text
    assert "Nobody else has looked at your record yet." in page.text


def _add_views(app: Flask, people: People, count: int) -> None:
    with database(app):
        for _ in range(count):
            record(
                actor_user_id=None,
                acting_as="staff",
                action="view",
                object_type="care_summary",
                object_id=people.person_a_id,
                service_user_id=people.person_a_id,
            )
        db.session.flush()


def test_a_long_trail_is_paged_newest_first_in_a_fixed_number_of_queries(
    app: Flask, people: People
):
    alex = _as(app, people.person_a)
    _add_views(app, people, 5)
    with count_queries(app) as few:
        alex.get(PAGE)
    _add_views(app, people, 55)
    with count_queries(app) as many:
        first = alex.get(PAGE)
    assert len(many) == len(few)

    entries = "Looked at your care team and how to contact them"
    assert first.text.count(entries) == 25
    assert 'href="/plan/who-has-seen?page=3"' in first.text
    last = alex.get(f"{PAGE}?page=3")
    assert last.text.count(entries) == 10
    # A page past the end, or nonsense, still shows people a real page.
    assert alex.get(f"{PAGE}?page=99").text.count(entries) == 10
    assert alex.get(f"{PAGE}?page=abc").text.count(entries) == 25


def test_what_a_carer_told_the_team_leaves_no_trace(app: Flask, people: People):
    """A "team only" note is the carer's to share: the person's trail shows
    the carer reading a shared section, never that they wrote to the team."""
    carer = _as(app, people.carer_of_a_with_summary)
    written = form_post(
        carer,
        f"/caring-for/{people.person_a_id}/share",
        {"body": "Please check on the medication", "visibility": "team"},
    )
    assert written.status_code == 303
    assert carer.get(f"/caring-for/{people.person_a_id}/plan/summary").status_code == 200

    page = _as(app, people.person_a).get(PAGE).text
    assert page.count("Carer or family") == 1
    assert "Looked at a part of your plan you share with them" in page
    assert "Changed your record" not in page
