"""A request submitted twice (a double click, a resent form) makes one."""

from __future__ import annotations

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy.exc import IntegrityError

from portal.models import ReviewRequest
from tests.conftest import database, sign_in
from tests.integration.conftest import People
from tests.integration.review_helpers import (
    answer_every_step,
    check_page,
    event_kinds,
    request_ids,
    the_request,
)


def test_the_same_form_sent_twice_makes_one_request(
    app: Flask, client: FlaskClient, people: People
):
    sign_in(client, people.person_a)
    answer_every_step(client, "/ask-for-a-review")
    _page, token, key = check_page(client, "/ask-for-a-review")
    first = client.post(
        "/ask-for-a-review/check", data={"csrf_token": token, "idempotency_key": key}
    )
    second = client.post(
        "/ask-for-a-review/check", data={"csrf_token": token, "idempotency_key": key}
    )
    assert first.status_code == second.status_code == 303
    assert first.headers["Location"] == second.headers["Location"]
    [request_id] = request_ids(app)
    assert event_kinds(app, request_id) == ["submitted"]


def test_the_database_refuses_a_second_request_with_the_same_key(
    app: Flask, client: FlaskClient, people: People
):
    sign_in(client, people.person_a)
    answer_every_step(client, "/ask-for-a-review")
    _page, token, key = check_page(client, "/ask-for-a-review")
    client.post("/ask-for-a-review/check", data={"csrf_token": token, "idempotency_key": key})
    [request_id] = request_ids(app)
    first = the_request(app, request_id)
    with database(app) as session:
        copy = ReviewRequest(
            **{
                column.key: getattr(first, column.key)
                for column in ReviewRequest.__table__.columns
                if column.key not in ("id", "reference")
            },
            reference="RV-COPY-0001",
        )
        session.add(copy)
        with pytest.raises(IntegrityError, match=r"idempotency_key|uq_review_requests"):
            session.flush()
        session.rollback()
