"""A small service with one of every kind of user in DESIGN §8."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import pytest
from flask import Flask

from portal.models import PlanSection
from tests.conftest import database
from tests.factories import (
    add_to_care_team,
    make_carer,
    make_service_user,
    make_staff,
    make_team,
    make_user,
)


@dataclass
class People:
    """Emails of each kind of sign-in, and the ids the routes need."""

    person_a: str
    person_b: str
    carer_of_a_with_summary: str
    carer_of_a_with_nothing: str
    carer_of_b: str
    key_worker_of_a: str
    other_team_staff: str
    admin: str
    disabled: str
    person_a_id: int
    person_b_id: int

    def kinds(self) -> dict[str, str | None]:
        return {
            "anonymous": None,
            "service user A": self.person_a,
            "service user B": self.person_b,
            "carer of A, summary shared": self.carer_of_a_with_summary,
            "carer of A, nothing shared": self.carer_of_a_with_nothing,
            "carer of B": self.carer_of_b,
            "key worker of A": self.key_worker_of_a,
            "other-team staff": self.other_team_staff,
            "administrator": self.admin,
            "disabled account": self.disabled,
        }


@pytest.fixture
def people(app: Flask) -> People:
    with database(app):
        return _make_people()


def _make_people() -> People:
    hub = make_team("North Hub", opening_hours="Monday to Friday, 9am to 5pm")
    south = make_team("South Hub")
    key_worker = make_staff(
        hub,
        "Priya Shah",
        email="priya@example.org",
        profession="Community mental health nurse",
        work_phone="0300 123 4501",
    )
    psychologist = make_staff(hub, "Tom Okafor", with_user=False, profession="Psychologist")
    other = make_staff(south, "Oli Other", email="oli@example.org")

    a = make_service_user(
        "Alex", email="alex@example.org", next_review_on=date.today() + timedelta(weeks=6)
    )
    b = make_service_user("Bea", email="bea@example.org")
    add_to_care_team(a, key_worker, "Key worker", key_worker=True)
    add_to_care_team(a, psychologist, "Psychological therapy")
    add_to_care_team(b, other, "Key worker", key_worker=True)

    make_carer(a, sections=(PlanSection.SUMMARY, PlanSection.REVIEWS), email="chris@example.org")
    make_carer(a, email="dana@example.org")
    make_carer(b, sections=(PlanSection.SUMMARY,), email="erin@example.org")
    make_user("admin@example.org", is_admin=True, display_name="Admin")
    make_user("gone@example.org", is_active=False, display_name="Gone")
    return People(
        person_a="alex@example.org",
        person_b="bea@example.org",
        carer_of_a_with_summary="chris@example.org",
        carer_of_a_with_nothing="dana@example.org",
        carer_of_b="erin@example.org",
        key_worker_of_a="priya@example.org",
        other_team_staff="oli@example.org",
        admin="admin@example.org",
        disabled="gone@example.org",
        person_a_id=a.id,
        person_b_id=b.id,
    )
