from __future__ import annotations

from flask.testing import FlaskClient

from tests.conftest import sign_in
from tests.integration.conftest import People


def test_home_shows_key_worker_name_role_and_phone_link(client: FlaskClient, people: People):
    sign_in(client, people.person_a)
    page = client.get("/")
    assert page.status_code == 200
    assert "Priya Shah" in page.text
    assert "Community mental health nurse" in page.text
    assert 'href="tel:03001234501"' in page.text
    assert "Psychological therapy" in page.text  # the rest of the care team


def test_person_without_review_date_is_told_plainly(client: FlaskClient, people: People):
    sign_in(client, people.person_b)
    page = client.get("/")
    assert "Your next review date has not been agreed yet" in page.text
