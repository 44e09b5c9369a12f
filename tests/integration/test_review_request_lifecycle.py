"""The team answers a request: seen, arranged, done or not going ahead. The
requester sees every status change and message, and nothing disappears."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from tests.conftest import sign_in
from tests.integration.conftest import People
from tests.integration.review_helpers import (
    ask_for_a_review,
    audit_actions,
    event_kinds,
    request_ids,
    staff_post,
    the_request,
)


@pytest.fixture
def asked(app: Flask, people: People) -> tuple[FlaskClient, FlaskClient, int]:
    """Alex has asked; Priya, the key worker, is signed in."""
    alex = app.test_client()
    sign_in(alex, people.person_a)
    ask_for_a_review(alex)
    [request_id] = request_ids(app)
    priya = app.test_client()
    sign_in(priya, people.key_worker_of_a)
    return alex, priya, request_id


def _arrange_data(on: date, **extra: str) -> dict[str, str]:
    return {
        "expected_status": "acknowledged",
        "day": str(on.day),
        "month": str(on.month),
        "year": str(on.year),
        "at_time": "2:30pm",
        "how": "At North Hub, 12 High Street",
        "message": "",
        **extra,
    }


def test_the_whole_lifecycle_as_the_requester_sees_it(
    app: Flask, asked: tuple[FlaskClient, FlaskClient, int]
):
    alex, priya, request_id = asked
    page = f"/reviews/{request_id}"
    assert "They have not marked it as seen yet" in alex.get(page).text

    seen = staff_post(
        priya, request_id, "acknowledge", {"expected_status": "submitted", "note": "Thanks, Alex."}
    )
    assert seen.status_code == 303
    now = alex.get(page).text
    assert "Seen by the team" in now and "Thanks, Alex." in now

    on = date.today() + timedelta(days=9)
    arranged = staff_post(priya, request_id, "arrange", _arrange_data(on, step_up="no"))
    assert arranged.status_code == 303, arranged.text
    now = alex.get(page).text
    assert "Your review is arranged" in now
    assert "14:30" in now and "At North Hub, 12 High Street" in now
    assert str(on.year) in now

    message = staff_post(
        priya,
        request_id,
        "message",
        {"expected_status": "arranged", "message": "Bring your sleep diary if you can."},
    )
    assert message.status_code == 303
    assert "Bring your sleep diary if you can." in alex.get(page).text

    done = staff_post(
        priya,
        request_id,
        "complete",
        {"expected_status": "arranged", "outcome": "no_change_needed", "step_up": "no"},
    )
    assert done.status_code == 303
    final = alex.get(page).text
    assert "No change to the plan was needed" in final
    # Every step is still there, oldest first, with the team's words.
    for line in (
        "Request sent by Alex",
        "Seen by the team",
        "Review arranged by Priya Shah",
        "Message from Priya Shah",
        "Marked as done by Priya Shah",
        "Thanks, Alex.",
    ):
        assert line in final
    assert event_kinds(app, request_id) == [
        "submitted",
        "acknowledged",
        "arranged",
        "message",
        "completed",
    ]
    assert "Done" in alex.get("/reviews").text
    # Closed requests leave the team's open list but are found under "All".
    reference = the_request(app, request_id).reference
    assert reference not in priya.get("/requests").text
    assert reference in priya.get("/requests?status=all").text
    assert reference in priya.get("/requests?status=completed").text


def test_every_change_is_audited(app: Flask, asked: tuple[FlaskClient, FlaskClient, int]):
    _alex, priya, request_id = asked
    priya.get(f"/requests/{request_id}")
    staff_post(priya, request_id, "acknowledge", {"expected_status": "submitted"})
    staff_post(priya, request_id, "message", {"message": "Hello"})
    staff_post(priya, request_id, "decline", {"expected_status": "acknowledged", "reason": "No"})
    actions = audit_actions(app, request_id)
    assert actions[0] == ("service_user", "create")
    assert actions.count(("staff", "update")) == 3
    assert ("staff", "view") in actions


def test_declining_needs_a_reason_in_plain_words(
    app: Flask, asked: tuple[FlaskClient, FlaskClient, int]
):
    alex, priya, request_id = asked
    refused = staff_post(
        priya, request_id, "decline", {"expected_status": "submitted", "reason": "   "}
    )
    assert refused.status_code == 422
    assert "Write why the review is not going ahead" in refused.text
    assert "<title>Error:" in refused.text
    assert the_request(app, request_id).status.value == "submitted"
    reason = "We reviewed your plan last week. Your key worker will call you to talk it through."
    declined = staff_post(
        priya, request_id, "decline", {"expected_status": "submitted", "reason": reason}
    )
    assert declined.status_code == 303
    page = alex.get(f"/reviews/{request_id}").text
    assert "Not going ahead" in page and reason in page
    assert "You can ask for a review again at any time" in page


def test_a_change_made_meanwhile_is_not_overwritten(
    app: Flask, asked: tuple[FlaskClient, FlaskClient, int]
):
    _alex, priya, request_id = asked
    staff_post(priya, request_id, "acknowledge", {"expected_status": "submitted"})
    staff_post(priya, request_id, "decline", {"expected_status": "acknowledged", "reason": "No"})
    # A page loaded before the decline still says "acknowledged".
    late = staff_post(
        priya,
        request_id,
        "arrange",
        _arrange_data(date.today() + timedelta(days=3)),
    )
    assert late.status_code == 303
    assert "Someone else changed this request" in priya.get(late.headers["Location"]).text
    assert the_request(app, request_id).status.value == "declined"


def test_arranging_checks_the_date_and_time(
    app: Flask, asked: tuple[FlaskClient, FlaskClient, int]
):
    _alex, priya, request_id = asked
    past = staff_post(
        priya,
        request_id,
        "arrange",
        _arrange_data(date.today() - timedelta(days=1), expected_status="submitted"),
    )
    assert past.status_code == 422
    assert "must be today or in the future" in past.text
    bad_time = staff_post(
        priya,
        request_id,
        "arrange",
        _arrange_data(date.today(), expected_status="submitted", at_time="25:99"),
    )
    assert bad_time.status_code == 422
    assert "Enter a real time" in bad_time.text
    assert "At North Hub, 12 High Street" in bad_time.text  # input kept
    assert the_request(app, request_id).status.value == "submitted"


def test_the_plan_has_been_updated_only_once_a_new_version_is_published(
    app: Flask, asked: tuple[FlaskClient, FlaskClient, int]
):
    from portal.models import ServiceUser, User
    from portal.services.plan import publish_version
    from tests.conftest import database

    alex, priya, request_id = asked
    data = {"expected_status": "submitted", "outcome": "plan_updated", "step_up": "no"}
    early = staff_post(priya, request_id, "complete", data)
    assert early.status_code == 422
    assert "No new version of Alex's plan has been published" in early.text
    with database(app) as session:
        person = session.scalars(
            select(ServiceUser).where(ServiceUser.preferred_name == "Alex")
        ).one()
        publisher = session.scalars(select(User).where(User.email == "priya@example.org")).one()
        publish_version(
            service_user_id=person.id,
            published_by=publisher,
            summary="Evening appointments",
            next_review_on=date.today() + timedelta(weeks=12),
        )
    done = staff_post(priya, request_id, "complete", data)
    assert done.status_code == 303
    page = alex.get(f"/reviews/{request_id}").text
    assert "The plan has been updated" in page
    assert 'href="/plan/history"' in page
    # The next review date agreed at publishing is on the person's home page.
    home = alex.get("/").text
    assert (date.today() + timedelta(weeks=12)).strftime("%Y") in home
    assert "This date was agreed with you" in home
