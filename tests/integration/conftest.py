"""A small service with one of every kind of user in DESIGN §8."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest
from flask import Flask
from sqlalchemy import select

from portal import db
from portal.models import CareTeamMember, User
from tests.conftest import database
from tests.factories import make_assessment_request, make_carer_note, make_small_service


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
    # --- Staff workspace (issue 4): more ids for paths, e.g. "{a_mdt}".
    ids: dict[str, int] = field(default_factory=dict)

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


def _user(user_id: int | None) -> User:
    user = db.session.get(User, user_id)
    assert user is not None
    return user


def _make_people() -> People:
    service = make_small_service()
    a, b = service.person_a, service.person_b
    ids = {
        # A's psychologist, an MDT member (not the key worker).
        "a_mdt": db.session.scalars(
            select(CareTeamMember.id).where(
                CareTeamMember.service_user_id == a.id, CareTeamMember.is_key_worker.is_(False)
            )
        ).one(),
        "team": service.key_worker.team_id,
        "staff": service.key_worker.id,
        # --- Carers (issue 5): each carer's link, an action Chris offered A,
        # and a carer's assessment request from each of Chris and Erin.
        "a_link": service.carer_link_a.id,
        "b_link": service.carer_link_b.id,
        "a_suggestion": make_carer_note(service.carer_link_a, "Lifts on Tuesdays", suggestion=True),
        "a_request": make_assessment_request(_user(service.carer_link_a.carer_user_id), a),
        "b_request": make_assessment_request(_user(service.carer_link_b.carer_user_id), b),
    }
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
        ids=ids,
    )
