"""The carer's page for a person and the person's record for staff list what
carers wrote: each costs the same number of queries however much there is."""

from __future__ import annotations

from flask import Flask
from flask.testing import FlaskClient

from portal.models import CarerLink
from tests.conftest import database, sign_in
from tests.factories import make_carer_note
from tests.integration.conftest import People
from tests.integration.plan_helpers import build_plan, count_queries


def _signed_in(app: Flask, email: str) -> FlaskClient:
    client = app.test_client()
    sign_in(client, email)
    return client


def _more_notes(app: Flask, people: People, how_many: int) -> None:
    with database(app) as session:
        link = session.get(CarerLink, people.ids["a_link"])
        assert link is not None
        for n in range(how_many):
            make_carer_note(link, f"Note {n}", team_only=n % 2 == 0)


def test_the_carer_page_and_the_staff_record_do_not_grow_with_notes(app: Flask, people: People):
    build_plan(app, people.person_a_id)
    carer = _signed_in(app, people.carer_of_a_with_summary)
    staff = _signed_in(app, people.key_worker_of_a)
    pages = [
        (carer, f"/caring-for/{people.person_a_id}"),
        (staff, f"/people/{people.person_a_id}"),
        (carer, f"/caring-for/{people.person_a_id}/plan/summary"),
    ]
    for client, path in pages:
        client.get(path)
    before = {}
    for client, path in pages:
        with count_queries(app) as queries:
            assert client.get(path).status_code == 200
        before[path] = len(queries)
    _more_notes(app, people, 8)
    for client, path in pages:
        with count_queries(app) as queries:
            response = client.get(path)
        assert response.status_code == 200
        assert len(queries) == before[path], path
    assert "Note 7" in staff.get(f"/people/{people.person_a_id}").text
    assert "Note 7" in carer.get(f"/caring-for/{people.person_a_id}").text
