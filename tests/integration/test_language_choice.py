"""DESIGN §7: the person's saved choice, else a lang choice, else the
browser's languages, else English; <html lang dir> follows."""

from __future__ import annotations

import re

from flask import Flask
from flask.testing import FlaskClient

from portal.models import User
from tests.conftest import database, form_post, sign_in
from tests.integration.conftest import People


def _html_lang(page: str) -> tuple[str, str]:
    match = re.search(r'<html lang="([^"]+)" dir="([^"]+)"', page)
    assert match, "no <html lang dir>"
    return match.group(1), match.group(2)


def test_english_by_default(client: FlaskClient):
    assert _html_lang(client.get("/help").text) == ("en", "ltr")


def test_browser_language_is_used_when_nothing_is_chosen(client: FlaskClient):
    page = client.get("/help", headers={"Accept-Language": "cy-GB,cy;q=0.9,en;q=0.5"}).text
    assert _html_lang(page) == ("cy", "ltr")
    assert "Angen help nawr?" in page


def test_choosing_welsh_without_signing_in_is_remembered(client: FlaskClient):
    response = form_post(client, "/language", {"language": "cy", "next": "/help"})
    assert response.status_code == 303
    assert response.headers["Location"] == "/help"
    assert _html_lang(client.get("/help").text)[0] == "cy"


def test_a_signed_in_persons_choice_is_saved_to_their_account(
    app: Flask, client: FlaskClient, people: People
):
    sign_in(client, people.person_a)
    form_post(client, "/language", {"language": "cy"})
    with database(app) as session:
        assert session.query(User).filter_by(email=people.person_a).one().preferred_language == "cy"
    # A new browser picks it up at sign-in, whatever that browser asks for.
    elsewhere = app.test_client()
    sign_in(elsewhere, people.person_a)
    page = elsewhere.get("/", headers={"Accept-Language": "en"}).text
    assert _html_lang(page)[0] == "cy"


def test_lang_query_switches_and_sticks(client: FlaskClient):
    assert _html_lang(client.get("/help?lang=cy").text)[0] == "cy"
    assert _html_lang(client.get("/privacy").text)[0] == "cy"


def test_an_unknown_language_is_refused_clearly(client: FlaskClient):
    response = form_post(client, "/language", {"language": "xx"})
    assert response.status_code == 422
    assert "Choose a language from the list" in response.text
    assert _html_lang(client.get("/help?lang=xx").text)[0] == "en"


def test_language_next_cannot_leave_the_site(client: FlaskClient):
    response = form_post(client, "/language", {"language": "en", "next": "//evil.example"})
    assert response.headers["Location"] == "/"
