"""What someone typed is never lost: a step posted after the session timed
out comes back after signing in again as the same person, and never for
anyone else; answers already given live in the draft."""

from __future__ import annotations

from datetime import timedelta

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import update

from portal.models import WebSession
from portal.models.base import utcnow
from tests.conftest import csrf_token_from, form_post, sign_in
from tests.factories import TEST_PASSWORD
from tests.integration.conftest import People
from tests.integration.review_helpers import check_page, request_ids

STEP = "/ask-for-a-review/what-has-changed"
WORDS = "My mum died last month and everything feels harder. I am not sleeping."


def _time_out(app: Flask) -> None:
    engine = app.session_interface.engine  # type: ignore[attr-defined]
    with engine.begin() as connection:
        connection.execute(update(WebSession).values(last_seen_at=utcnow() - timedelta(minutes=31)))


def _post_after_timeout(client: FlaskClient) -> str:
    page = client.get(STEP)
    token = csrf_token_from(page.text)
    _time_out(client.application)
    response = client.post(STEP, data={"csrf_token": token, "what_changed": WORDS})
    assert response.status_code == 303
    location = response.headers["Location"]
    assert location.startswith("/sign-in?next=")
    assert "we signed you out" in client.get(location).text
    return location


def _sign_in_again(client: FlaskClient, email: str, location: str) -> str:
    back = form_post(
        client,
        "/sign-in",
        {"email": email, "password": TEST_PASSWORD, "next": STEP},
        token_from=location,
    )
    assert back.status_code == 303
    return back.headers["Location"]


def test_the_words_come_back_after_signing_in_again(
    app: Flask, client: FlaskClient, people: People
):
    sign_in(client, people.person_a)
    location = _post_after_timeout(client)
    target = _sign_in_again(client, people.person_a, location)
    assert target == STEP
    page = client.get(target).text
    assert WORDS in page
    assert "We kept what you typed" in page
    # Saved into the draft at once: it is there on the next visit too.
    assert WORDS in client.get(STEP).text
    assert "We kept what you typed" not in client.get(STEP).text


def test_someone_else_signing_in_on_the_same_browser_never_sees_them(
    app: Flask, client: FlaskClient, people: People
):
    sign_in(client, people.person_a)
    location = _post_after_timeout(client)
    _sign_in_again(client, people.person_b, location)
    page = client.get(STEP).text
    assert WORDS not in page
    assert "We kept what you typed" not in page
    # Nor later for Alex on this browser: they were thrown away.
    form_post(client, "/sign-out", {}, token_from="/")
    sign_in(client, people.person_a)
    assert WORDS not in client.get(STEP).text


def test_answers_already_given_are_in_the_draft_after_a_timeout(
    app: Flask, client: FlaskClient, people: People
):
    from tests.integration.review_helpers import answer_every_step

    sign_in(client, people.person_a)
    answer_every_step(client, "/ask-for-a-review")
    _page, token, key = check_page(client, "/ask-for-a-review")
    _time_out(app)
    response = client.post(
        "/ask-for-a-review/check", data={"csrf_token": token, "idempotency_key": key}
    )
    assert response.status_code == 303
    assert response.headers["Location"].startswith("/sign-in?next=")
    assert request_ids(app) == []  # a post from a dead session never sends
    fresh = app.test_client()
    sign_in(fresh, people.person_a)
    page, token, same_key = check_page(fresh, "/ask-for-a-review")
    assert "I started a new job" in page
    assert same_key == key
    sent = fresh.post(
        "/ask-for-a-review/check", data={"csrf_token": token, "idempotency_key": same_key}
    )
    assert sent.status_code == 303
    assert len(request_ids(app)) == 1


def test_pages_that_do_not_opt_in_keep_nothing(app: Flask, client: FlaskClient, people: People):
    sign_in(client, people.person_a)
    page = client.get("/account/password")
    token = csrf_token_from(page.text)
    _time_out(app)
    response = client.post(
        "/account/password", data={"csrf_token": token, "new_password": "a secret typed here"}
    )
    assert response.status_code == 400  # "This page has expired"
    with app.test_request_context():
        from portal import db

        rows = db.session.scalars(
            WebSession.__table__.select().with_only_columns(WebSession.data)
        ).all()
    assert not any("a secret typed here" in row for row in rows)
