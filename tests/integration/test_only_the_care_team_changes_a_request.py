"""Only the person's care team reads or changes a request; anyone else gets
404, as if it did not exist. Requesters see only what is theirs."""

from __future__ import annotations

import pytest
from flask import Flask

from tests.conftest import form_post, sign_in
from tests.integration.conftest import People
from tests.integration.review_helpers import ask_for_a_review, request_ids, the_request

STAFF_ACTIONS = ("acknowledge", "message", "arrange", "complete", "decline")


@pytest.fixture
def request_id(app: Flask, people: People) -> int:
    alex = app.test_client()
    sign_in(alex, people.person_a)
    ask_for_a_review(alex)
    [made] = request_ids(app)
    return made


@pytest.mark.parametrize(
    "kind",
    [
        "other-team staff",
        "service user A",
        "service user B",
        "carer of A, summary shared",
        "administrator",
    ],
)
def test_nobody_outside_the_care_team_can_change_it(
    app: Flask, people: People, request_id: int, kind: str
):
    client = app.test_client()
    sign_in(client, people.kinds()[kind])
    assert client.get(f"/requests/{request_id}").status_code == 404
    for action in STAFF_ACTIONS:
        response = form_post(
            client,
            f"/requests/{request_id}/{action}",
            {"expected_status": "submitted", "reason": "x", "message": "x", "outcome": "x"},
            token_from="/",
        )
        assert response.status_code == 404, action
    assert the_request(app, request_id).status.value == "submitted"
    assert the_request(app, request_id).reference not in client.get("/requests").text


def test_other_people_cannot_read_it(app: Flask, people: People, request_id: int):
    for email in (people.person_b, people.carer_of_a_with_summary, people.carer_of_b):
        client = app.test_client()
        sign_in(client, email)
        assert client.get(f"/reviews/{request_id}").status_code == 404
        assert client.get(f"/reviews/{request_id}/sent").status_code == 404
        assert the_request(app, request_id).reference not in client.get("/reviews").text


def test_the_key_worker_loses_it_on_leaving_the_care_team(
    app: Flask, people: People, request_id: int
):
    from sqlalchemy import select

    from portal.models import CareTeamMember, StaffMember, User
    from portal.models.base import utcnow
    from tests.conftest import database

    priya = app.test_client()
    sign_in(priya, people.key_worker_of_a)
    assert priya.get(f"/requests/{request_id}").status_code == 200
    with database(app) as session:
        membership = session.scalars(
            select(CareTeamMember)
            .join(StaffMember)
            .join(User, StaffMember.user_id == User.id)
            .where(User.email == people.key_worker_of_a)
        ).one()
        membership.ended_on = utcnow().date()
    assert priya.get(f"/requests/{request_id}").status_code == 404
