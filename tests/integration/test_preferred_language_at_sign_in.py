"""Issue 7: the person's saved language is applied when they sign in; where
they have not chosen one, an interpreter language recorded by their care team
is applied if the portal ships it (matched by name or code through Babel)."""

from __future__ import annotations

import re

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from portal.models import ServiceUser, User
from portal.services.communication_needs import shipped_language_for
from tests.conftest import database, form_post, sign_in
from tests.integration.conftest import People


def _html_lang(page: str) -> str:
    match = re.search(r'<html lang="([^"]+)"', page)
    assert match, "no <html lang>"
    return match.group(1)


def _record_interpreter(app: Flask, person_id: int, language: str) -> None:
    with database(app) as session:
        person = session.get(ServiceUser, person_id)
        assert person is not None
        person.needs_interpreter = True
        person.interpreter_language = language


def _saved_language(app: Flask, email: str) -> str | None:
    with database(app) as session:
        return session.scalars(select(User.preferred_language).where(User.email == email)).one()


@pytest.mark.parametrize(
    ("recorded", "expected"),
    [
        ("Welsh", "cy"),
        ("welsh ", "cy"),
        ("Cymraeg", "cy"),
        ("CY", "cy"),
        ("cy-GB", "cy"),
        ("Welsh (North Wales)", "cy"),
        ("English", "en"),
        ("Tigrinya", None),
        ("", None),
        (None, None),
    ],
)
def test_a_recorded_language_is_matched_to_a_shipped_one(recorded: str | None, expected: str):
    assert shipped_language_for(recorded, ["en", "cy"]) == expected


def test_the_saved_language_is_applied_at_sign_in_whatever_the_browser_says(
    app: Flask, people: People
):
    with database(app) as session:
        user = session.scalars(select(User).where(User.email == people.person_a)).one()
        user.preferred_language = "cy"
    client = app.test_client()
    client.get("/help?lang=en")  # this browser chose English before signing in
    sign_in(client, people.person_a)
    assert _html_lang(client.get("/", headers={"Accept-Language": "en"}).text) == "cy"
    # The browser takes the person's language on, so signing out keeps it.
    cookie = client.get_cookie("lang")
    assert cookie is not None and cookie.value == "cy"


def test_an_interpreter_language_the_portal_ships_is_applied_at_first_sign_in(
    app: Flask, client: FlaskClient, people: People
):
    _record_interpreter(app, people.person_a_id, "Welsh")
    sign_in(client, people.person_a)
    page = client.get("/").text
    assert _html_lang(page) == "cy"
    assert _saved_language(app, people.person_a) == "cy"
    # Told so, in the language now shown, with how to change it.
    assert "Cymraeg" in page and "Your care team recorded" not in page
    assert 'role="status"' in page


def test_the_person_can_change_it_and_it_sticks(app: Flask, client: FlaskClient, people: People):
    _record_interpreter(app, people.person_a_id, "Welsh")
    sign_in(client, people.person_a)
    form_post(client, "/language", {"language": "en"})
    again = app.test_client()
    sign_in(again, people.person_a)
    assert _html_lang(again.get("/").text) == "en"


def test_a_language_chosen_in_the_browser_before_signing_in_is_kept(
    app: Flask, client: FlaskClient, people: People
):
    _record_interpreter(app, people.person_a_id, "Welsh")
    form_post(client, "/language", {"language": "en"})
    sign_in(client, people.person_a)
    assert _html_lang(client.get("/").text) == "en"
    assert _saved_language(app, people.person_a) is None


def test_on_a_shared_device_the_last_persons_language_is_not_the_next_persons_choice(
    app: Flask, client: FlaskClient, people: People
):
    """Someone chose English here, signed in and out; the next person, whose
    team recorded Welsh, still gets Welsh: only a choice made since the last
    sign-in counts as theirs."""
    _record_interpreter(app, people.person_a_id, "Welsh")
    form_post(client, "/language", {"language": "en"})
    sign_in(client, people.person_b)
    form_post(client, "/sign-out", {}, token_from="/")
    assert client.get_cookie("lang") is not None  # the signed-out pages keep a language
    sign_in(client, people.person_a)
    assert _html_lang(client.get("/").text) == "cy"
    assert _saved_language(app, people.person_a) == "cy"


def test_a_language_chosen_with_the_lang_link_before_signing_in_is_kept(
    app: Flask, client: FlaskClient, people: People
):
    _record_interpreter(app, people.person_a_id, "Welsh")
    client.get("/sign-in?lang=en")
    sign_in(client, people.person_a)
    assert _html_lang(client.get("/").text) == "en"


def test_a_language_the_portal_does_not_ship_changes_nothing(
    app: Flask, client: FlaskClient, people: People
):
    _record_interpreter(app, people.person_a_id, "Tigrinya")
    sign_in(client, people.person_a)
    page = client.get("/").text
    assert _html_lang(page) == "en"
    assert "Your care team recorded" not in page
    assert _saved_language(app, people.person_a) is None
