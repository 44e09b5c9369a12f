"""Issue 7: the accessibility statement, in the format UK public sector
bodies use, with the service's own name and contact details."""

from __future__ import annotations

from html import unescape

from flask import Flask
from flask.testing import FlaskClient

from portal.models import ServiceSettings
from tests.conftest import database

SECTIONS = (
    "How accessible this service is",
    "Feedback and contact information",
    "Reporting accessibility problems with this service",
    "Enforcement procedure",
    "Technical information about this service\N{RIGHT SINGLE QUOTATION MARK}s accessibility",
    "Compliance status",
    "Non-accessible content",
    "What we\N{RIGHT SINGLE QUOTATION MARK}re doing to improve accessibility",
    "Preparation of this accessibility statement",
)


def _statement(client: FlaskClient) -> str:
    response = client.get("/accessibility")
    assert response.status_code == 200
    return unescape(response.text)


def test_the_statement_has_every_section_of_the_model_statement(client: FlaskClient):
    page = _statement(client)
    positions = []
    for heading in SECTIONS:
        assert f">{heading}</h" in page, heading
        positions.append(page.index(f">{heading}</h"))
    assert positions == sorted(positions), "sections are out of the model's order"


def test_it_is_honest_about_what_is_not_accessible(client: FlaskClient):
    page = _statement(client)
    assert "partially compliant with the" in page and "version 2.2</a> AA standard" in page
    assert "a qualified translator has not checked them yet" in page
    assert "3.1.2 (Language of Parts)" in page
    assert "2.2.1 (Timing Adjustable)" in page
    assert "not warned before you are signed out after 30 minutes" in page
    assert "has not yet been tested by disabled people" in page


def test_it_names_the_enforcement_bodies_and_how_it_was_tested(client: FlaskClient):
    page = _statement(client)
    assert "Equality and Human Rights Commission (EHRC)" in page
    assert 'href="https://www.equalityadvisoryservice.com/"' in page
    assert "This statement was prepared on 1 December 2026." in page
    for check in ("axe-core", "320 pixels wide", "JavaScript on and off", "right-to-left"):
        assert check in page, check
    assert "W3C Nu HTML Checker" in page
    assert "using only the keyboard" in page


def test_the_service_name_and_contact_details_come_from_the_settings(
    app: Flask, client: FlaskClient
):
    with database(app) as session:
        session.add(
            ServiceSettings(
                id=1,
                service_name="Riverside Minds",
                contact_email="access@riverside.example",
                contact_phone="0300 555 0100",
            )
        )
    page = _statement(client)
    assert "<h1>Accessibility statement for Riverside Minds</h1>" in page
    assert 'href="mailto:access@riverside.example"' in page
    assert 'href="tel:03005550100"' in page


def test_every_page_links_to_it_and_to_the_text_size(client: FlaskClient):
    page = client.get("/help").text
    assert 'href="/accessibility"' in page
    assert 'href="/text-size?next=/help"' in page
