from __future__ import annotations

from flask import Flask
from sqlalchemy import func, select

from portal.models import ServiceUser, User
from portal.services.demo import DEMO_PASSWORD
from tests.conftest import database, sign_in


def _count(app: Flask, model: type) -> int:
    with database(app) as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


def test_seed_demo_loads_once_and_never_duplicates(app: Flask):
    runner = app.test_cli_runner()
    first = runner.invoke(args=["seed-demo", "--if-empty"])
    assert first.exit_code == 0, first.output
    assert "alex@example.org" in first.output
    users = _count(app, User)
    assert users >= 6 and _count(app, ServiceUser) == 2

    again = runner.invoke(args=["seed-demo", "--if-empty"])
    assert again.exit_code == 0
    assert "not loaded" in again.output
    assert _count(app, User) == users


def test_the_demo_service_user_sees_their_key_worker(app: Flask):
    app.test_cli_runner().invoke(args=["seed-demo", "--if-empty"])
    client = app.test_client()
    sign_in(client, "alex@example.org", DEMO_PASSWORD)
    page = client.get("/").text
    assert "Priya Shah" in page and "Community mental health nurse" in page
    assert 'href="tel:03001234501"' in page


def test_the_demo_carer_shows_sharing_a_note_and_an_assessment_request(app: Flask):
    app.test_cli_runner().invoke(args=["seed-demo", "--if-empty"])
    chris = app.test_client()
    sign_in(chris, "chris@example.org", DEMO_PASSWORD)
    alex_id = chris.get("/caring-for").text.split('href="/caring-for/')[1].split('"')[0]
    page = chris.get(f"/caring-for/{alex_id}").text
    assert "Goals" in page and "Alex swam four lengths" in page
    assert chris.get(f"/caring-for/{alex_id}/plan/goals").status_code == 200
    assert "Passed to the local authority" in chris.get("/carers-assessment").text
    alex = app.test_client()
    sign_in(alex, "alex@example.org", DEMO_PASSWORD)
    supporters = alex.get("/people-who-support-me").text
    assert "I can drive Alex to the Thursday group" in supporters
    assert "Please do not mention" not in supporters


def test_the_demo_shows_a_review_request_in_progress(app: Flask):
    """Issue 6: Alex's request has a message from Priya; Chris's, for the
    team only, is overdue on Priya's list and hidden from Alex."""
    app.test_cli_runner().invoke(args=["seed-demo", "--if-empty"])
    alex = app.test_client()
    sign_in(alex, "alex@example.org", DEMO_PASSWORD)
    listed = alex.get("/reviews").text
    assert "RV-DEMO-ALEX" in listed and "Seen by the team" in listed
    assert "RV-DEMO-CHRS" not in listed
    priya = app.test_client()
    sign_in(priya, "priya.shah@example.org", DEMO_PASSWORD)
    requests = priya.get("/requests").text
    assert "RV-DEMO-ALEX" in requests and "RV-DEMO-CHRS" in requests
    assert "Not yet acknowledged" in requests


def test_the_demo_shows_communication_needs_honoured(app: Flask):
    """Issue 7: Jordan's record says large print and Easy Read."""
    app.test_cli_runner().invoke(args=["seed-demo", "--if-empty"])
    client = app.test_client()
    sign_in(client, "jordan@example.org", DEMO_PASSWORD)
    assert 'class="app-text-larger"' in client.get("/").text
    assert "nhsuk-action-link" in client.get("/plan").text
    assert client.get("/plan/easy-read").status_code == 200


def test_create_admin_makes_an_administrator(app: Flask):
    result = app.test_cli_runner().invoke(
        args=[
            "create-admin",
            "--email",
            "Boss@Example.org",
            "--name",
            "Boss",
            "--password",
            "a long admin password",
        ],
    )
    assert result.exit_code == 0, result.output
    client = app.test_client()
    sign_in(client, "boss@example.org", "a long admin password")
    assert client.get("/admin").status_code == 200


def test_create_admin_refuses_a_short_password(app: Flask):
    result = app.test_cli_runner().invoke(
        args=["create-admin", "--email", "b@example.org", "--name", "B", "--password", "short"],
    )
    assert result.exit_code != 0
    assert _count(app, User) == 0
