from __future__ import annotations

import html
import re

from flask.testing import FlaskClient

from tests.conftest import csrf_token_from, sign_in
from tests.integration.conftest import People


def test_a_post_without_a_csrf_token_is_refused_with_400(client: FlaskClient, people: People):
    sign_in(client, people.person_a)
    response = client.post("/sign-out")
    assert response.status_code == 400
    assert "This page has expired" in response.text
    assert client.get("/").status_code == 200  # still signed in: the POST did nothing


def test_a_sign_in_without_a_csrf_token_is_refused(client: FlaskClient, people: People):
    response = client.post(
        "/sign-in", data={"email": people.person_a, "password": "a long test password"}
    )
    assert response.status_code == 400


def test_htmx_requests_carry_the_token_in_a_header(client: FlaskClient, people: People):
    sign_in(client, people.person_a)
    body_tag = re.search(r"<body[^>]*>", client.get("/").text)
    assert body_tag
    header_token = re.search(r'"X-CSRFToken": "([^"]+)"', html.unescape(body_tag.group(0)))
    assert header_token, "the body's hx-headers must carry the CSRF token"
    refused = client.post("/session/stay-signed-in", headers={"HX-Request": "true"})
    assert refused.status_code == 400
    accepted = client.post(
        "/session/stay-signed-in",
        headers={"HX-Request": "true", "X-CSRFToken": header_token.group(1)},
    )
    assert accepted.status_code == 200
    assert "You are still signed in." in accepted.text
    assert "<html" not in accepted.text  # the fragment, not the page
    assert "HX-Request" in accepted.headers["Vary"]


def test_csp_has_a_nonce_and_no_unsafe_inline(client: FlaskClient):
    response = client.get("/sign-in")
    csp = response.headers["Content-Security-Policy"]
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    nonce = re.search(r"'nonce-([^']+)'", csp)
    assert nonce
    assert "frame-ancestors 'none'" in csp
    # Every script on the page carries this request's nonce.
    scripts = re.findall(r"<script[^>]*>", response.text)
    assert scripts
    for tag in scripts:
        assert f'nonce="{nonce.group(1)}"' in tag, tag
    assert client.get("/sign-in").headers["Content-Security-Policy"] != csp  # fresh per request


def test_protective_headers_on_every_page(client: FlaskClient, people: People):
    sign_in(client, people.person_a)
    response = client.get("/")
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Cache-Control"] == "no-store"
    assert response.headers["Referrer-Policy"] == "same-origin"


def test_no_page_loads_anything_from_another_server(client: FlaskClient):
    page = client.get("/sign-in").text
    for url in re.findall(r'(?:src|href)="([^"]+)"', page):
        assert not url.startswith(("http://", "https://", "//")), url


def test_csrf_token_is_in_every_form(client: FlaskClient, people: People):
    sign_in(client, people.person_a)
    for path in ("/", "/account/password", "/language"):
        page = client.get(path).text
        for form in re.findall(r"<form[^>]*method=\"post\"[^>]*>.*?</form>", page, re.S):
            assert csrf_token_from(form)


def test_anonymous_pages_without_forms_create_no_session(client: FlaskClient):
    for path in ("/help", "/accessibility", "/privacy", "/contact", "/signed-out"):
        response = client.get(path)
        assert "Set-Cookie" not in response.headers, path
