"""A request nobody has acknowledged is highlighted for the team after a
configurable number of working days."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import update

from portal.models import ReviewRequest
from portal.services.review_requests import working_days_between
from tests.conftest import database, sign_in
from tests.integration.conftest import People
from tests.integration.review_helpers import ask_for_a_review, request_ids, staff_post

OVERDUE = "Not yet acknowledged"


@pytest.fixture
def app_config() -> dict[str, Any]:
    return {"REVIEW_ACKNOWLEDGE_WORKING_DAYS": 3}


def _sent_working_days_ago(app: Flask, request_id: int, days: int) -> None:
    # The latest moment that is exactly this many working days ago, so the
    # test means the same on a weekend as on a weekday.
    now = datetime.now(UTC)
    sent = now
    while working_days_between(sent.date(), now.date()) < days:
        sent -= timedelta(days=1)
    with database(app) as session:
        session.execute(
            update(ReviewRequest).where(ReviewRequest.id == request_id).values(submitted_at=sent)
        )


def test_highlighted_after_the_configured_working_days(app: Flask, people: People):
    alex = app.test_client()
    sign_in(alex, people.person_a)
    ask_for_a_review(alex)
    [request_id] = request_ids(app)
    priya = app.test_client()
    sign_in(priya, people.key_worker_of_a)
    assert OVERDUE not in priya.get("/requests").text
    _sent_working_days_ago(app, request_id, 2)
    assert OVERDUE not in priya.get("/requests").text
    _sent_working_days_ago(app, request_id, 3)
    listed = priya.get("/requests").text
    assert OVERDUE in listed and "app-requests__row--overdue" in listed
    assert OVERDUE in priya.get(f"/requests/{request_id}").text
    # Acknowledging it ends the highlight.
    staff_post(priya, request_id, "acknowledge", {"expected_status": "submitted"})
    assert OVERDUE not in priya.get("/requests").text


def test_the_most_urgent_come_first_then_the_newest(app: Flask, people: People):
    alex = app.test_client()
    sign_in(alex, people.person_a)
    ask_for_a_review(alex, how_soon={"urgency": "next_review"})
    ask_for_a_review(alex, how_soon={"urgency": "this_week"})
    ask_for_a_review(alex, how_soon={"urgency": "next_review"})
    first, urgent, newest = request_ids(app)
    priya = app.test_client()
    sign_in(priya, people.key_worker_of_a)
    page = priya.get("/requests").text
    positions = [page.index(f'/requests/{rid}"') for rid in (urgent, newest, first)]
    assert positions == sorted(positions)
    only_urgent = priya.get("/requests?urgency=this_week").text
    assert f'/requests/{urgent}"' in only_urgent and f'/requests/{first}"' not in only_urgent
    # With htmx the same address answers with the results alone.
    fragment = priya.get("/requests?urgency=this_week", headers={"HX-Request": "true"})
    assert "<html" not in fragment.text and f'/requests/{urgent}"' in fragment.text
    assert "HX-Request" in fragment.headers["Vary"]
