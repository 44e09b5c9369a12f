"""A request for more support records a step-up once the team agrees it,
through the support-level service, and the requester sees it."""

from __future__ import annotations

from datetime import date, timedelta

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from portal.models import ServiceUser, SupportLevelChange
from tests.conftest import database, sign_in
from tests.integration.conftest import People
from tests.integration.review_helpers import ask_for_a_review, event_kinds, request_ids, staff_post


def _asked(
    app: Flask, people: People, support: str = "more"
) -> tuple[FlaskClient, FlaskClient, int]:
    alex = app.test_client()
    sign_in(alex, people.person_a)
    ask_for_a_review(alex, support={"support_wanted": support})
    [request_id] = request_ids(app)
    priya = app.test_client()
    sign_in(priya, people.key_worker_of_a)
    return alex, priya, request_id


def _arrange(on: date, **extra: str) -> dict[str, str]:
    return {
        "expected_status": "submitted",
        "day": str(on.day),
        "month": str(on.month),
        "year": str(on.year),
        "at_time": "10:00",
        "how": "By phone",
        **extra,
    }


def test_arranging_can_record_the_step_up(app: Flask, people: People):
    alex, priya, request_id = _asked(app, people)
    page = priya.get(f"/requests/{request_id}/arrange").text
    assert "Record a step-up in support now?" in page
    missing_reason = staff_post(
        priya, request_id, "arrange", _arrange(date.today() + timedelta(days=2), step_up="yes")
    )
    assert missing_reason.status_code == 422
    assert "Write why the support is stepping up" in missing_reason.text
    done = staff_post(
        priya,
        request_id,
        "arrange",
        _arrange(
            date.today() + timedelta(days=2),
            step_up="yes",
            step_up_reason="Alex asked for more support after losing their job.",
        ),
    )
    assert done.status_code == 303
    with database(app) as session:
        person = session.get(ServiceUser, people.person_a_id)
        assert person is not None and person.support_level.value == "stepped_up"
        change = session.scalars(select(SupportLevelChange)).one()
        assert change.reason == "Alex asked for more support after losing their job."
    assert event_kinds(app, request_id) == ["submitted", "stepped_up", "arranged"]
    assert "Support stepped up" in alex.get(f"/reviews/{request_id}").text


def test_the_step_up_must_be_answered_and_is_not_offered_otherwise(app: Flask, people: People):
    _alex, priya, request_id = _asked(app, people)
    unanswered = staff_post(
        priya, request_id, "arrange", _arrange(date.today() + timedelta(days=2))
    )
    assert unanswered.status_code == 422
    assert "Choose whether to record a step-up in support" in unanswered.text


def test_no_step_up_is_offered_for_the_same_support(app: Flask, people: People):
    _alex, priya, request_id = _asked(app, people, support="same")
    assert "Record a step-up" not in priya.get(f"/requests/{request_id}/complete").text
    done = staff_post(
        priya,
        request_id,
        "complete",
        {"expected_status": "submitted", "outcome": "no_change_needed"},
    )
    assert done.status_code == 303
    with database(app) as session:
        assert session.scalars(select(SupportLevelChange)).all() == []
