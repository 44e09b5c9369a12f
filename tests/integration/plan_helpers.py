"""Build plans through the real services, and count SQL per request."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from flask import Flask
from sqlalchemy import event, select

from portal.models import (
    CarePlan,
    ServiceUser,
    StaffMember,
    User,
)
from tests.conftest import database
from tests.factories import make_plan


def build_plan(app: Flask, person_id: int, *, extra_actions: int = 0) -> dict[str, int]:
    """A plan with one of everything, published once by priya@example.org."""
    with database(app) as session:
        person = session.get(ServiceUser, person_id)
        staff = session.scalars(select(StaffMember).order_by(StaffMember.id)).first()
        publisher = session.scalars(select(User).where(User.email == "priya@example.org")).one()
        assert person is not None and staff is not None
        return make_plan(person, staff, publisher, extra_actions=extra_actions)


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
