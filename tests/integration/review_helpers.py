"""Walking the review request journey the way a browser does, and reading
what it left in the database."""

from __future__ import annotations

import re
from typing import Any

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from portal.models import AuditEvent, ReviewRequest, ReviewRequestEvent
from tests.conftest import csrf_token_from, database, form_post

ANSWERS: dict[str, dict[str, str]] = {
    "what-has-changed": {"what_changed": "I started a new job and my sleep has got worse."},
    "what-to-change": {"what_to_change": "Move my appointments to the evening."},
    "how-soon": {"urgency": "within_a_month"},
    "support": {"support_wanted": "more"},
    "contact": {
        "contact_method": "phone",
        "contact_details": "07700 900123",
        "contact_times": "After 6pm",
    },
    "who-sees-it": {"visibility": "team_and_person"},
}
KEY = re.compile(r'name="idempotency_key" value="([^"]+)"')


def journey_base(service_user_id: int | None = None) -> str:
    if service_user_id is None:
        return "/ask-for-a-review"
    return f"/caring-for/{service_user_id}/ask-for-a-review"


def answer_every_step(
    client: FlaskClient, base: str, *, carer: bool = False, **overrides: dict[str, str]
) -> None:
    for step, answers in ANSWERS.items():
        if step == "who-sees-it" and not carer:
            continue
        data = {**answers, **overrides.get(step.replace("-", "_"), {})}
        response = form_post(client, f"{base}/{step}", data)
        assert response.status_code == 303, f"{step}: {response.status_code}"


def check_page(client: FlaskClient, base: str) -> tuple[str, str, str]:
    """The check-answers page, its CSRF token and submission key."""
    page = client.get(f"{base}/check")
    assert page.status_code == 200, page.status_code
    match = KEY.search(page.text)
    assert match, "no submission key on the check page"
    return page.text, csrf_token_from(page.text), match.group(1)


def ask_for_a_review(
    client: FlaskClient, service_user_id: int | None = None, **overrides: Any
) -> Any:
    """The whole journey: every step, then send. Returns the send response."""
    base = journey_base(service_user_id)
    answer_every_step(client, base, carer=service_user_id is not None, **overrides)
    _page, token, key = check_page(client, base)
    response = client.post(f"{base}/check", data={"csrf_token": token, "idempotency_key": key})
    assert response.status_code == 303, response.status_code
    return response


def request_ids(app: Flask) -> list[int]:
    with database(app) as session:
        return list(session.scalars(select(ReviewRequest.id).order_by(ReviewRequest.id)))


def the_request(app: Flask, request_id: int) -> ReviewRequest:
    with database(app) as session:
        request = session.get(ReviewRequest, request_id)
        assert request is not None
        session.expunge(request)
        return request


def event_kinds(app: Flask, request_id: int) -> list[str]:
    with database(app) as session:
        return [
            event.kind.value
            for event in session.scalars(
                select(ReviewRequestEvent)
                .where(ReviewRequestEvent.review_request_id == request_id)
                .order_by(ReviewRequestEvent.id)
            )
        ]


def audit_actions(app: Flask, request_id: int) -> list[tuple[str, str]]:
    with database(app) as session:
        return [
            (event.acting_as, event.action)
            for event in session.scalars(
                select(AuditEvent)
                .where(
                    AuditEvent.object_type == "review_request", AuditEvent.object_id == request_id
                )
                .order_by(AuditEvent.id)
            )
        ]


def staff_post(client: FlaskClient, request_id: int, action: str, data: dict[str, str]) -> Any:
    """Post one of the team's answers, taking the token from the request page."""
    return form_post(
        client,
        f"/requests/{request_id}/{action}",
        data,
        token_from=f"/requests/{request_id}",
    )
