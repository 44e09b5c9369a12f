"""Signing in: same answer for unknown and known emails, throttling, safe
redirects, bad input handled, passwords changeable."""

from __future__ import annotations

import re

import pytest
from flask.testing import FlaskClient

from tests.conftest import form_post, sign_in
from tests.factories import TEST_PASSWORD
from tests.integration.conftest import People

VARYING = re.compile(r'(nonce|value|content)="[^"]*"|"X-CSRFToken": "[^"]*"')


def _normalised(html: str) -> str:
    return VARYING.sub("", html)


def test_unknown_and_known_emails_get_the_same_response(client: FlaskClient, people: People):
    known = form_post(client, "/sign-in", {"email": people.person_a, "password": "wrong password!"})
    unknown = form_post(
        client, "/sign-in", {"email": "nobody@example.org", "password": "wrong password!"}
    )
    assert known.status_code == unknown.status_code == 422
    # The only differences are the email typed back and per-request tokens.
    assert _normalised(known.text).replace(people.person_a, "X") == _normalised(
        unknown.text
    ).replace("nobody@example.org", "X")
    assert "Enter a correct email address and password" in known.text


def test_a_disabled_account_gets_the_same_answer_as_a_wrong_password(
    client: FlaskClient, people: People
):
    response = form_post(client, "/sign-in", {"email": people.disabled, "password": TEST_PASSWORD})
    assert response.status_code == 422
    assert "Enter a correct email address and password" in response.text


def test_email_is_case_insensitive(client: FlaskClient, people: People):
    sign_in(client, people.person_a.upper())
    assert client.get("/").status_code == 200


def test_repeated_wrong_passwords_are_throttled_per_account(client: FlaskClient, people: People):
    for _attempt in range(5):
        response = form_post(
            client, "/sign-in", {"email": people.person_a, "password": "not the password"}
        )
        assert response.status_code == 422
    # Even the right password is refused until the window passes.
    blocked = form_post(client, "/sign-in", {"email": people.person_a, "password": TEST_PASSWORD})
    assert blocked.status_code == 429
    assert "Too many attempts" in blocked.text
    # Another account from the same address is not locked out by this one.
    sign_in(client, people.person_b)


@pytest.mark.parametrize(
    "next_path", ["//evil.example", "https://evil.example", "/\\evil.example", "javascript:x"]
)
def test_next_only_accepts_local_paths(client: FlaskClient, people: People, next_path: str):
    response = form_post(
        client,
        "/sign-in",
        {"email": people.person_a, "password": TEST_PASSWORD, "next": next_path},
    )
    assert response.status_code == 303
    assert response.headers["Location"] == "/"


def test_next_returns_to_a_local_page(client: FlaskClient, people: People):
    response = form_post(
        client,
        "/sign-in",
        {"email": people.person_a, "password": TEST_PASSWORD, "next": "/account"},
    )
    assert response.headers["Location"] == "/account"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "Enter your email address"),
        ({"email": "", "password": ""}, "Enter your email address"),
        (
            {"email": "a" * 10_000 + "@example.org", "password": "x"},
            "must be 254 characters or fewer",
        ),
        ({"email": "not an email", "password": "x"}, "in the correct format"),
        ({"email": "alex@example.org"}, "Enter your password"),
    ],
)
def test_bad_sign_in_input_gets_an_error_summary_and_a_4xx(
    client: FlaskClient, people: People, data: dict[str, str], message: str
):
    response = form_post(client, "/sign-in", data)
    assert response.status_code == 422
    assert "nhsuk-error-summary" in response.text
    assert message in response.text
    assert "<title>Error: " in response.text


def test_typed_email_is_kept_after_an_error(client: FlaskClient, people: People):
    response = form_post(client, "/sign-in", {"email": "alex@example.org", "password": ""})
    assert 'value="alex@example.org"' in response.text


def test_malformed_utf8_is_a_clear_4xx_not_a_500(client: FlaskClient, people: People):
    page = client.get("/sign-in")
    from tests.conftest import csrf_token_from

    body = b"csrf_token=" + csrf_token_from(page.text).encode() + b"&email=%ff%fe%fd&password=x"
    response = client.post("/sign-in", data=body, content_type="application/x-www-form-urlencoded")
    assert response.status_code == 422
    assert "nhsuk-error-summary" in response.text


def test_a_huge_request_body_is_refused_clearly(client: FlaskClient, people: People):
    response = client.post("/sign-in", data={"email": "x" * (2 * 1024 * 1024)})
    assert response.status_code == 413
    assert "too large" in response.text


def test_password_change_needs_the_current_password_and_12_characters(
    client: FlaskClient, people: People
):
    sign_in(client, people.person_a)
    short = form_post(
        client,
        "/account/password",
        {"current_password": TEST_PASSWORD, "new_password": "short", "confirm_password": "short"},
    )
    assert short.status_code == 422
    assert "between 12 and 256 characters" in short.text

    wrong = form_post(
        client,
        "/account/password",
        {
            "current_password": "not it at all",
            "new_password": "a brand new password",
            "confirm_password": "a brand new password",
        },
    )
    assert wrong.status_code == 422
    assert "Your current password is not right" in wrong.text

    changed = form_post(
        client,
        "/account/password",
        {
            "current_password": TEST_PASSWORD,
            "new_password": "a brand new password",
            "confirm_password": "a brand new password",
        },
    )
    assert changed.status_code == 303
    assert client.get("/").status_code == 200  # this session carries on

    other = client.application.test_client()
    assert (
        form_post(
            other, "/sign-in", {"email": people.person_a, "password": TEST_PASSWORD}
        ).status_code
        == 422
    )
    sign_in(other, people.person_a, "a brand new password")


def test_password_change_signs_out_other_sessions(client: FlaskClient, people: People):
    elsewhere = client.application.test_client()
    sign_in(elsewhere, people.person_a)
    sign_in(client, people.person_a)
    form_post(
        client,
        "/account/password",
        {
            "current_password": TEST_PASSWORD,
            "new_password": "a brand new password",
            "confirm_password": "a brand new password",
        },
    )
    assert elsewhere.get("/").status_code == 302
