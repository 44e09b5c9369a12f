"""Issue 5, must show: a carer's "team only" note never appears in any page
or fragment the service user can load. Triangle of Care: a carer can always
write to the team, and the team sees every note on the person's record."""

from __future__ import annotations

from flask import Flask
from flask.testing import FlaskClient

from tests.conftest import form_post, sign_in
from tests.integration.conftest import People
from tests.integration.plan_helpers import build_plan
from tests.integration.test_authorisation_matrix import (
    PUBLIC,
    ROUTES,
    SERVICE_USERS,
    SIGNED_IN,
    _review_requests,
)

TEAM_ONLY = "Worried about the pills in the kitchen drawer"
SHARED = "We had a lovely walk on Sunday"


def _signed_in(app: Flask, email: str) -> FlaskClient:
    client = app.test_client()
    sign_in(client, email)
    return client


def _write(carer: FlaskClient, person_id: int, body: str, visibility: str) -> None:
    path = f"/caring-for/{person_id}/share"
    response = form_post(carer, path, {"body": body, "visibility": visibility})
    assert response.status_code == 303


def _pages_the_person_can_load(app: Flask, people: People) -> list[str]:
    ids = {**people.ids, **_review_requests(app, people)}
    paths = []
    for template, allowed in ROUTES.values():
        if allowed in (SIGNED_IN, PUBLIC) or (
            isinstance(allowed, set) and (allowed & SERVICE_USERS)
        ):
            paths.append(template.format(a=people.person_a_id, b=people.person_b_id, **ids))
    return paths


def test_a_team_only_note_is_nowhere_the_person_can_look(app: Flask, people: People):
    build_plan(app, people.person_a_id)
    carer = _signed_in(app, people.carer_of_a_with_nothing)  # nothing shared: still heard
    _write(carer, people.person_a_id, TEAM_ONLY, "team")
    _write(carer, people.person_a_id, SHARED, "team_and_person")

    person = _signed_in(app, people.person_a)
    pages = _pages_the_person_can_load(app, people)
    assert "/people-who-support-me" in pages and "/plan" in pages
    seen_shared = False
    for path in pages:
        for headers in ({}, {"HX-Request": "true"}):  # the page, and its fragment
            text = person.get(path, headers=headers).text
            assert TEAM_ONLY not in text, path
            seen_shared = seen_shared or SHARED in text
    assert seen_shared, "the note meant for the person shows somewhere they look"


def test_the_care_team_sees_every_note_marked_with_who_wrote_it(app: Flask, people: People):
    carer = _signed_in(app, people.carer_of_a_with_nothing)
    _write(carer, people.person_a_id, TEAM_ONLY, "team")
    _write(carer, people.person_a_id, SHARED, "team_and_person")
    record = _signed_in(app, people.key_worker_of_a).get(f"/people/{people.person_a_id}").text
    assert TEAM_ONLY in record and SHARED in record
    assert "For the team only: do not share with Alex" in record
    assert "Chris Example (Brother)" in record
    other_staff = _signed_in(app, people.other_team_staff)
    assert other_staff.get(f"/people/{people.person_a_id}").status_code == 404


def test_the_carer_sees_what_they_wrote_and_who_can_read_it(app: Flask, people: People):
    carer = _signed_in(app, people.carer_of_a_with_nothing)
    _write(carer, people.person_a_id, TEAM_ONLY, "team")
    page = carer.get(f"/caring-for/{people.person_a_id}").text
    assert TEAM_ONLY in page and "The care team only" in page
    other_carer = _signed_in(app, people.carer_of_a_with_summary)
    assert TEAM_ONLY not in other_carer.get(f"/caring-for/{people.person_a_id}").text


def test_a_note_needs_words_and_a_choice_of_who_reads_it(app: Flask, people: People):
    carer = _signed_in(app, people.carer_of_a_with_nothing)
    response = form_post(carer, f"/caring-for/{people.person_a_id}/share", {"body": "  "})
    assert response.status_code == 422
    assert "<title>Error: " in response.text
    assert "Write what you would like the care team to know" in response.text
    assert "Choose who can read it" in response.text
