"""Build plans through the real services, and count SQL per request."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, timedelta

from flask import Flask
from sqlalchemy import event, select

from portal.models import (
    ActionOwner,
    CarePlan,
    Goal,
    LifeArea,
    PlanAction,
    ServiceUser,
    StaffMember,
    User,
)
from portal.services.plan import plan_for, publish_version
from tests.conftest import database


def build_plan(app: Flask, person_id: int, *, extra_actions: int = 0) -> dict[str, int]:
    """A plan with a goal, an action of each kind, and one published version."""
    with database(app) as session:
        plan = plan_for(person_id)
        plan.what_matters_to_me = "Seeing my family"
        session.add(Goal(plan_id=plan.id, life_area=LifeArea.LEISURE, goal="Swim weekly"))
        staff = session.scalars(select(StaffMember).order_by(StaffMember.id)).first()
        mine = PlanAction(plan_id=plan.id, owner=ActionOwner.ME, description="Walk daily")
        team = PlanAction(
            plan_id=plan.id,
            owner=ActionOwner.TEAM,
            owner_staff_member_id=staff.id if staff else None,
            description="Review my medication",
        )
        carer = PlanAction(
            plan_id=plan.id, owner=ActionOwner.CARER, owner_name="Chris", description="Lifts"
        )
        partner = PlanAction(
            plan_id=plan.id,
            owner=ActionOwner.PARTNER,
            owner_name="Housing",
            description="Fix the boiler",
            due_on=date.today() + timedelta(days=10),
        )
        session.add_all([mine, team, carer, partner])
        for n in range(extra_actions):
            session.add(PlanAction(plan_id=plan.id, owner=ActionOwner.ME, description=f"Step {n}"))
        session.flush()
        publisher = session.scalars(select(User).where(User.email == "priya@example.org")).first()
        assert publisher is not None
        publish_version(
            service_user_id=person_id,
            published_by=publisher,
            summary="First plan",
            next_review_on=date.today() + timedelta(weeks=8),
        )
        return {"plan": plan.id, "mine": mine.id, "team": team.id}


def person_id_for(app: Flask, email: str) -> int:
    with database(app) as session:
        return session.scalars(
            select(ServiceUser.id)
            .join(User, ServiceUser.user_id == User.id)
            .where(User.email == email)
        ).one()


def plan_id_for(app: Flask, person_id: int) -> int:
    with database(app) as session:
        return session.scalars(
            select(CarePlan.id).where(CarePlan.service_user_id == person_id)
        ).one()


@contextmanager
def count_queries(app: Flask) -> Iterator[list[str]]:
    statements: list[str] = []
    engine = app.extensions["portal_engine"]

    def before(_conn, _cursor, statement, *_args) -> None:  # type: ignore[no-untyped-def]
        statements.append(statement)

    event.listen(engine, "before_cursor_execute", before)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", before)
