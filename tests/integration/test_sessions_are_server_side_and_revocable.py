"""DESIGN §8: sessions live on the server, end at sign-out, rotate at sign-in,
and time out after 30 idle minutes or 12 hours in all."""

from __future__ import annotations

from datetime import timedelta

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import update

from portal.models import User, WebSession
from portal.models.base import utcnow
from portal.services.accounts import disable_account
from tests.conftest import database, form_post, sign_in
from tests.integration.conftest import People

COOKIE = "portal_session"


def _cookie(client: FlaskClient) -> str:
    cookie = client.get_cookie(COOKIE)
    assert cookie is not None
    return cookie.value


def test_a_cookie_replayed_after_sign_out_gets_the_sign_in_page(
    client: FlaskClient, people: People
):
    sign_in(client, people.person_a)
    stolen = _cookie(client)
    assert client.get("/").status_code == 200

    signed_out = form_post(client, "/sign-out", {}, token_from="/")
    assert signed_out.status_code == 303

    client.set_cookie(COOKIE, stolen)
    replayed = client.get("/")
    assert replayed.status_code == 302
    assert replayed.headers["Location"].startswith("/sign-in")


def test_the_session_id_changes_at_sign_in(client: FlaskClient, people: People):
    client.get("/sign-in")
    before = _cookie(client)
    sign_in(client, people.person_a)
    after = _cookie(client)
    assert before != after
    attacker = client.application.test_client()
    attacker.set_cookie(COOKIE, before)
    assert attacker.get("/").status_code == 302  # the pre-sign-in id opens nothing
    assert client.get("/").status_code == 200


def test_no_remember_me_cookie_is_set(client: FlaskClient, people: People):
    response = sign_in(client, people.person_a)
    for header in response.headers.getlist("Set-Cookie"):
        assert "Expires=" not in header and "Max-Age=" not in header, header
        assert "HttpOnly" in header


def _age_sessions(app: Flask, *, idle: timedelta = timedelta(0), age: timedelta = timedelta(0)):
    engine = app.session_interface.engine  # type: ignore[attr-defined]
    with engine.begin() as connection:
        connection.execute(
            update(WebSession).values(
                last_seen_at=utcnow() - idle, created_at=utcnow() - age - idle
            )
        )


def test_idle_timeout_asks_to_sign_in_again_and_returns_to_the_page(
    app: Flask, client: FlaskClient, people: People
):
    sign_in(client, people.person_a)
    _age_sessions(app, idle=timedelta(minutes=31))

    response = client.get("/account")
    assert response.status_code == 302
    assert response.headers["Location"] == "/sign-in?next=/account"
    page = client.get(response.headers["Location"])
    assert "we signed you out" in page.text

    back = form_post(
        client,
        "/sign-in",
        {"email": people.person_a, "password": "a long test password", "next": "/account"},
        token_from="/sign-in?next=/account",
    )
    assert back.status_code == 303
    assert back.headers["Location"] == "/account"


def test_activity_within_the_idle_limit_keeps_the_session(
    app: Flask, client: FlaskClient, people: People
):
    sign_in(client, people.person_a)
    _age_sessions(app, idle=timedelta(minutes=29))
    assert client.get("/").status_code == 200


def test_absolute_timeout_ends_a_busy_session_after_12_hours(
    app: Flask, client: FlaskClient, people: People
):
    sign_in(client, people.person_a)
    _age_sessions(app, age=timedelta(hours=12, minutes=1))
    assert client.get("/").status_code == 302


def test_disabling_an_account_ends_its_sessions(app: Flask, client: FlaskClient, people: People):
    sign_in(client, people.person_a)
    with database(app) as session:
        disable_account(session.query(User).filter_by(email=people.person_a).one())
    assert client.get("/").status_code == 302
    assert sign_in_fails(client, people.person_a)


def sign_in_fails(client: FlaskClient, email: str) -> bool:
    response = form_post(client, "/sign-in", {"email": email, "password": "a long test password"})
    return response.status_code == 422


def test_stay_signed_in_without_javascript_returns_to_the_page(client: FlaskClient, people: People):
    sign_in(client, people.person_a)
    response = form_post(client, "/session/stay-signed-in", {"next": "/account"}, token_from="/")
    assert response.status_code == 303
    assert response.headers["Location"] == "/account"
    assert "You are still signed in." in client.get("/account").text


def test_an_htmx_request_after_timeout_reloads_the_sign_in_page_in_full(
    app: Flask, client: FlaskClient, people: People
):
    sign_in(client, people.person_a)
    token_page = client.get("/").text
    _age_sessions(app, idle=timedelta(minutes=31))
    from tests.conftest import csrf_token_from

    response = client.post(
        "/session/stay-signed-in",
        headers={
            "HX-Request": "true",
            "HX-Current-URL": "http://localhost/account",
            "X-CSRFToken": csrf_token_from(token_page),
        },
    )
    # The old session (and its CSRF token) is gone, so the request is refused
    # either way; what matters is that nothing is swapped into the page.
    assert response.status_code in (200, 400)
    if response.status_code == 200:
        assert response.headers["HX-Redirect"] == "/sign-in?next=/account"
