"""Issue 4: only staff on the person's care team reach their plan editor;
everyone else gets 404, and losing a place in the care team ends access at
once. Every look at the editor and every change is audited."""

from __future__ import annotations

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from portal.models import AuditEvent, CareTeamMember, PlanDraftSection, PlanVersion
from portal.models.base import utcnow
from tests.conftest import csrf_token_from, database, sign_in
from tests.integration.conftest import People
from tests.integration.editor_helpers import open_section, signed_in, submit_section
from tests.integration.plan_helpers import build_plan
from tests.integration.test_publishing_a_plan import publish

PAGES = ("", "/what_matters", "/goals", "/actions", "/safety_plan", "/preview", "/publish")


def _every_editor_request(client: FlaskClient, person_id: int, token: str) -> dict[str, int]:
    base = f"/people/{person_id}/plan"
    statuses = {f"GET {base}{page}": client.get(base + page).status_code for page in PAGES}
    headers = {"X-CSRFToken": token}
    statuses[f"POST {base}/what_matters"] = client.post(
        f"{base}/what_matters",
        data={"what_matters_to_me": "x", "draft_version": "0", "published_version": "1"},
        headers=headers,
    ).status_code
    statuses[f"POST {base}/publish"] = client.post(
        f"{base}/publish",
        data={"summary": "x", "review_day": "1", "review_month": "1", "review_year": "2099"},
        headers=headers,
    ).status_code
    statuses[f"GET {base}/no_such_section"] = client.get(f"{base}/no_such_section").status_code
    return statuses


@pytest.mark.parametrize(
    "kind", ["other-team staff", "service user A", "carer of A, summary shared", "administrator"]
)
def test_people_outside_the_care_team_get_404_on_every_editor_route(
    app: Flask, people: People, kind: str
):
    build_plan(app, people.person_a_id)
    client = app.test_client()
    sign_in(client, people.kinds()[kind] or "")
    token = csrf_token_from(client.get("/account").text)
    statuses = _every_editor_request(client, people.person_a_id, token)
    assert set(statuses.values()) == {404}, statuses
    with database(app) as session:
        assert session.scalars(select(PlanDraftSection)).all() == []
        assert len(session.scalars(select(PlanVersion)).all()) == 1
        assert (
            session.scalars(select(AuditEvent).where(AuditEvent.acting_as == "staff")).all() == []
        )


def test_staff_of_another_team_reach_their_own_peoples_editor(app: Flask, people: People):
    client = signed_in(app, people.other_team_staff)
    assert client.get(f"/people/{people.person_b_id}/plan").status_code == 200
    assert client.get(f"/people/{people.person_a_id}/plan").status_code == 404


def test_a_staff_member_removed_from_the_care_team_loses_access_at_once(app: Flask, people: People):
    build_plan(app, people.person_a_id)
    priya = signed_in(app, people.key_worker_of_a)
    fields = open_section(priya, people.person_a_id, "what_matters")
    assert priya.get(f"/people/{people.person_a_id}/plan").status_code == 200
    with database(app) as session:
        for membership in session.scalars(
            select(CareTeamMember).where(CareTeamMember.service_user_id == people.person_a_id)
        ):
            if membership.is_key_worker:
                membership.ended_on = utcnow().date()
    statuses = _every_editor_request(priya, people.person_a_id, fields["csrf_token"])
    assert set(statuses.values()) == {404}, statuses
    refused = submit_section(priya, people.person_a_id, "what_matters", fields, {"x": "y"})
    assert refused.status_code == 404


def _events(app: Flask) -> list[tuple[str, str, str]]:
    with database(app) as session:
        return [
            (e.acting_as, e.action, e.object_type)
            for e in session.scalars(
                select(AuditEvent).where(AuditEvent.acting_as == "staff").order_by(AuditEvent.id)
            )
        ]


def test_every_look_and_every_change_is_audited(app: Flask, people: People):
    build_plan(app, people.person_a_id)
    priya = signed_in(app, people.key_worker_of_a)
    priya.get(f"/people/{people.person_a_id}/plan")
    fields = open_section(priya, people.person_a_id, "goals")
    submit_section(priya, people.person_a_id, "goals", fields, {"goals-0-goal": "Swim daily"})
    priya.get(f"/people/{people.person_a_id}/plan/preview")
    publish(priya, people.person_a_id)  # opens the publish page, then publishes
    events = _events(app)
    assert events == [
        ("staff", "view", "plan_editor"),
        ("staff", "view", "plan_draft"),
        ("staff", "update", "plan_draft"),
        ("staff", "view", "plan_preview"),
        ("staff", "view", "plan_publish"),
        ("staff", "create", "plan_version"),
    ]
    with database(app) as session:
        staff_events = select(AuditEvent).where(AuditEvent.acting_as == "staff")
        assert {e.service_user_id for e in session.scalars(staff_events)} == {people.person_a_id}


def test_a_refused_save_is_not_recorded(app: Flask, people: People):
    build_plan(app, people.person_a_id)
    priya = signed_in(app, people.key_worker_of_a)
    fields = open_section(priya, people.person_a_id, "goals")
    bad = submit_section(priya, people.person_a_id, "goals", fields, {"goals-0-goal": ""})
    assert bad.status_code == 422
    assert ("staff", "update", "plan_draft") not in _events(app)
