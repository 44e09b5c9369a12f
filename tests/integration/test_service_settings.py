"""Issue 4: an administrator's service settings show everywhere on the very
next request: the name in the header, the contact page, and the crisis
contacts. Empty settings fall back to the environment, then the defaults."""

from __future__ import annotations

import json
from html import unescape
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import select

from portal.models import AuditEvent, ServiceSettings
from tests.conftest import database, form_post, sign_in
from tests.integration.conftest import People

SETTINGS = {
    "service_name": "Riverside Minds",
    "contact_email": "Help@Riverside.example",
    "contact_phone": "0300 555 0199",
    "contact_address": "Riverside House\n1 River Street",
    "team_duty_line": "0300 555 0123",
    "local_crisis_line_name": "Riverside crisis line",
    "local_crisis_line_phone": "0800 555 0111",
    "local_crisis_line_description": "Open 24 hours for anyone in a mental health crisis.",
}


@pytest.fixture
def app_config(tmp_path: Path) -> dict[str, Any]:
    return {"SERVICE_NAME": "Name from the environment", "CONTACT_EMAIL": "env@example.org"}


def _save(app: Flask, people: People, values: dict[str, str]) -> Any:
    client = app.test_client()
    sign_in(client, people.admin)
    return form_post(client, "/admin/settings", values)


def test_settings_change_the_header_contact_page_and_crisis_contacts_at_once(
    app: Flask, people: People
):
    visitor = app.test_client()
    assert "Name from the environment" in visitor.get("/help").text

    assert _save(app, people, SETTINGS).status_code == 303

    help_page = unescape(visitor.get("/help").text)
    assert "<title>Need help now? \N{EN DASH} Riverside Minds</title>" in help_page
    assert "Riverside crisis line" in help_page and 'href="tel:08005550111"' in help_page
    assert "Your team's duty line" in help_page and 'href="tel:03005550123"' in help_page
    assert help_page.index("Emergency services") < help_page.index("Your team's duty line")
    assert help_page.index("Riverside crisis line") < help_page.index("Samaritans")

    contact = unescape(visitor.get("/contact").text)
    assert 'href="mailto:help@riverside.example"' in contact
    assert 'href="tel:03005550199"' in contact
    assert "Riverside House\n1 River Street" in contact

    person = app.test_client()
    sign_in(person, people.person_a)
    assert "Riverside Minds" in person.get("/").text

    with database(app) as session:
        assert session.execute(
            select(AuditEvent.acting_as, AuditEvent.action).where(
                AuditEvent.object_type == "service_settings"
            )
        ).one() == ("admin", "update")


def test_emptied_settings_fall_back_to_the_environment(app: Flask, people: People):
    _save(app, people, SETTINGS)
    assert _save(app, people, dict.fromkeys(SETTINGS, "")).status_code == 303
    visitor = app.test_client()
    assert "Name from the environment" in visitor.get("/help").text
    assert "Riverside crisis line" not in visitor.get("/help").text
    assert 'href="mailto:env@example.org"' in visitor.get("/contact").text
    with database(app) as session:
        row = session.get(ServiceSettings, 1)
        assert row is not None and row.service_name is None


def test_settings_with_mistakes_are_explained_and_kept(app: Flask, people: People):
    response = _save(
        app,
        people,
        {
            **SETTINGS,
            "contact_email": "not an email",
            "team_duty_line": "ring the office",
            "local_crisis_line_phone": "",
        },
    )
    assert response.status_code == 422
    page = unescape(response.text)
    assert "<title>Error: " in page
    assert "Enter an email address in the correct format" in page
    assert "Enter a phone number using only numbers, spaces, + and brackets" in page
    assert "Enter the phone number of the local crisis line" in page
    assert 'value="not an email"' in page and 'value="ring the office"' in page
    assert "Name from the environment" in app.test_client().get("/help").text


def test_the_settings_form_shows_what_is_saved(app: Flask, people: People):
    _save(app, people, SETTINGS)
    client = app.test_client()
    sign_in(client, people.admin)
    page = client.get("/admin/settings").text
    assert 'value="Riverside Minds"' in page and 'value="0800 555 0111"' in page


def test_a_crisis_contacts_file_still_works_with_the_local_lines_after_it(
    app: Flask, people: People, tmp_path: Path
):
    contacts = tmp_path / "contacts.json"
    contacts.write_text(
        json.dumps(
            [{"name": "Trust crisis team", "phone": "0300 000 9999", "description": "Any time."}]
        )
    )
    app.config["CRISIS_CONTACTS_FILE"] = str(contacts)
    _save(app, people, SETTINGS)
    page = unescape(app.test_client().get("/help").text)
    assert "Trust crisis team" in page
    assert "Samaritans" not in page  # the file is the trust's whole list
    assert page.index("Trust crisis team") < page.index("Riverside crisis line")
