"""Issue 4: support steps up and down with a reason and a date; the person
(and a carer they share their summary with) sees it in plain words, and
stepping down keeps the plan, the team and the route back."""

from __future__ import annotations

from datetime import date, timedelta
from html import unescape

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from portal.models import AuditEvent, ServiceUser, SupportLevel, SupportLevelChange
from tests.conftest import database, form_post, sign_in
from tests.integration.conftest import People

STEPPED_DOWN_WORDS = (
    "You see your team less often now. Your plan stays in place, and you can ask for more "
    "support at any time by contacting your key worker or the team."
)
STEPPED_UP_WORDS = "Your team is giving you extra support at the moment."


def _record(client: FlaskClient, person_id: int, **fields: str):  # type: ignore[no-untyped-def]
    today = date.today()
    data = {
        "level": "stepped_down",
        "reason": "Things have been settled for three months.",
        "changed_day": str(today.day),
        "changed_month": str(today.month),
        "changed_year": str(today.year),
        **fields,
    }
    return form_post(client, f"/people/{person_id}/support-level", data)


def _page(client: FlaskClient, path: str) -> str:
    return unescape(client.get(path).text)


def test_stepping_down_is_recorded_with_history_and_told_to_the_person_plainly(
    app: Flask, client: FlaskClient, people: People
):
    sign_in(client, people.key_worker_of_a)
    assert "Support now: Standard" in _page(client, f"/people/{people.person_a_id}/support-level")
    response = _record(client, people.person_a_id)
    assert response.status_code == 303

    page = _page(client, f"/people/{people.person_a_id}/support-level")
    assert "Alex's support has been stepped down. Their plan, care team and named key" in page
    assert "Support now: Stepped down" in page
    history = page.split('id="history"', 1)[1]
    assert "From Standard to Stepped down" in history
    assert "Things have been settled for three months." in history
    assert "Priya Shah" in history

    with database(app) as session:
        person = session.get(ServiceUser, people.person_a_id)
        assert person is not None and person.support_level is SupportLevel.STEPPED_DOWN
        change = session.scalars(select(SupportLevelChange)).one()
        assert (change.from_level, change.to_level, change.changed_on) == (
            SupportLevel.STANDARD,
            SupportLevel.STEPPED_DOWN,
            date.today(),
        )
        assert session.execute(
            select(AuditEvent.acting_as, AuditEvent.action).where(
                AuditEvent.object_type == "support_level_change"
            )
        ).one() == ("staff", "create")

    person_client = app.test_client()
    sign_in(person_client, people.person_a)
    home = _page(person_client, "/")
    assert STEPPED_DOWN_WORDS in home
    assert 'Call Priya Shah on <a href="tel:03001234501">0300 123 4501</a>.' in home
    assert "Priya Shah" in home.split('id="key-worker"', 1)[1]  # the key worker stays


def test_stepping_up_then_down_keeps_every_change_in_order(
    app: Flask, client: FlaskClient, people: People
):
    sign_in(client, people.key_worker_of_a)
    last_week = date.today() - timedelta(days=7)
    _record(
        client,
        people.person_a_id,
        level="stepped_up",
        reason="A hard month",
        changed_day=str(last_week.day),
        changed_month=str(last_week.month),
        changed_year=str(last_week.year),
    )
    person_client = app.test_client()
    sign_in(person_client, people.person_a)
    assert STEPPED_UP_WORDS in _page(person_client, "/")
    _record(client, people.person_a_id, level="standard", reason="Feeling better")
    home = _page(person_client, "/")
    assert STEPPED_UP_WORDS not in home and STEPPED_DOWN_WORDS not in home
    history = _page(client, f"/people/{people.person_a_id}/support-level").split('id="history"')[1]
    assert history.index("Feeling better") < history.index("A hard month")


def test_a_carer_sees_the_support_level_only_when_the_summary_is_shared(
    app: Flask, client: FlaskClient, people: People
):
    sign_in(client, people.key_worker_of_a)
    _record(client, people.person_a_id)
    words = "Alex sees the team less often now. Their plan stays in place"
    shared = app.test_client()
    sign_in(shared, people.carer_of_a_with_summary)
    assert words in _page(shared, f"/caring-for/{people.person_a_id}")
    not_shared = app.test_client()
    sign_in(not_shared, people.carer_of_a_with_nothing)
    page = _page(not_shared, f"/caring-for/{people.person_a_id}")
    assert "has not shared their care plan with you" in page
    assert "less often" not in page


def test_a_reason_is_required_and_everything_typed_is_kept(
    app: Flask, client: FlaskClient, people: People
):
    sign_in(client, people.key_worker_of_a)
    response = _record(client, people.person_a_id, level="stepped_up", reason="  ", changed_day="3")
    assert response.status_code == 422
    page = unescape(response.text)
    assert "<title>Error: " in page
    assert 'href="#reason"' in page and "Write why the support is changing" in page
    assert 'value="stepped_up" checked' in page
    assert 'name="changed_day" type="text" inputmode="numeric" value="3"' in page
    with database(app) as session:
        assert session.scalars(select(SupportLevelChange)).all() == []


def test_a_date_in_the_future_or_not_a_date_is_refused(
    app: Flask, client: FlaskClient, people: People
):
    sign_in(client, people.key_worker_of_a)
    tomorrow = date.today() + timedelta(days=1)
    future = _record(
        client,
        people.person_a_id,
        changed_day=str(tomorrow.day),
        changed_month=str(tomorrow.month),
        changed_year=str(tomorrow.year),
    )
    assert future.status_code == 422
    assert "The date must be today or in the past" in future.text
    nonsense = _record(client, people.person_a_id, changed_day="31", changed_month="2")
    assert nonsense.status_code == 422
    assert "Enter a real date" in nonsense.text
    words = _record(client, people.person_a_id, changed_month="June")
    assert words.status_code == 422


def test_recording_the_level_the_person_is_already_at_is_refused(
    app: Flask, client: FlaskClient, people: People
):
    sign_in(client, people.key_worker_of_a)
    response = _record(client, people.person_a_id, level="standard")
    assert response.status_code == 422
    assert "Alex's support is already at this level" in unescape(response.text)
