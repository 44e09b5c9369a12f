"""Invariants the database itself keeps, and the migrations that make it."""

from __future__ import annotations

from datetime import date

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from flask import Flask
from sqlalchemy.exc import IntegrityError

from portal.models import Base, CareTeamMember
from tests.conftest import database
from tests.factories import add_to_care_team, make_service_user, make_staff, make_team


def test_migrations_create_exactly_what_the_models_describe(app: Flask):
    engine = app.extensions["portal_engine"]
    with engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert differences == [], "run an Alembic revision for these model changes"


def test_a_person_can_have_only_one_active_key_worker(app: Flask):
    with database(app) as session:
        team = make_team()
        first, second = make_staff(team, "One"), make_staff(team, "Two")
        person = make_service_user()
        add_to_care_team(person, first, key_worker=True)
        with pytest.raises(IntegrityError, match=r"one_active_key_worker|service_user_id"):
            add_to_care_team(person, second, key_worker=True)
        session.rollback()


def test_a_new_key_worker_can_follow_an_ended_one_and_history_is_kept(app: Flask):
    with database(app) as session:
        team = make_team()
        first, second = make_staff(team, "One"), make_staff(team, "Two")
        person = make_service_user()
        old = add_to_care_team(person, first, key_worker=True)
        old.ended_on = date.today()
        session.flush()
        add_to_care_team(person, second, key_worker=True)
        rows = session.query(CareTeamMember).filter_by(service_user_id=person.id).all()
        assert len(rows) == 2
