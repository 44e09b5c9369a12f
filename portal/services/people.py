"""Looking at a person's record as staff or as a carer: access-checked and
audited in one place, so no route can forget either."""

from __future__ import annotations

from dataclasses import dataclass

from flask import abort
from sqlalchemy import select

from portal import db
from portal.access import Viewer, active_carer_link, shared_sections, staff_can_see
from portal.audit import record
from portal.models import (
    CarerLink,
    CarerLinkStatus,
    PlanSection,
    ServiceUser,
)
from portal.services.care_team import CareSummary, TeamContact, care_summary


@dataclass(frozen=True)
class CaredForEntry:
    service_user_id: int
    name: str
    relationship: str


@dataclass(frozen=True)
class CarerView:
    person_name: str
    sections: frozenset[PlanSection]
    summary: CareSummary | None  # only when the summary section is shared
    team: TeamContact | None  # always: a carer can always reach the team


def people_cared_for(viewer: Viewer) -> list[CaredForEntry]:
    if not viewer.is_carer:
        return []
    rows = db.session.execute(
        select(CarerLink, ServiceUser)
        .join(ServiceUser, CarerLink.service_user_id == ServiceUser.id)
        .where(
            CarerLink.carer_user_id == viewer.user.id,
            CarerLink.status == CarerLinkStatus.ACTIVE,
        )
        .order_by(ServiceUser.preferred_name, ServiceUser.id)
    ).all()
    return [
        CaredForEntry(
            service_user_id=person.id,
            name=person.preferred_name,
            relationship=link.relationship_to_person,
        )
        for link, person in rows
    ]


def view_person_as_staff(viewer: Viewer, service_user_id: int) -> CareSummary:
    if not staff_can_see(viewer, service_user_id):
        abort(404)
    summary = care_summary(service_user_id)
    if summary is None:
        abort(404)
    record(
        actor_user_id=viewer.user.id,
        acting_as="staff",
        action="view",
        object_type="care_summary",
        object_id=service_user_id,
        service_user_id=service_user_id,
    )
    return summary


def view_person_as_carer(viewer: Viewer, service_user_id: int) -> CarerView:
    link = active_carer_link(viewer, service_user_id)
    if link is None:
        abort(404)
    sections = shared_sections(link.id)
    summary = care_summary(service_user_id)
    if summary is None:
        abort(404)
    record(
        actor_user_id=viewer.user.id,
        acting_as="carer",
        action="view",
        object_type="care_summary",
        object_id=service_user_id,
        service_user_id=service_user_id,
    )
    return CarerView(
        person_name=summary.preferred_name,
        sections=sections,
        summary=summary if PlanSection.SUMMARY in sections else None,
        team=summary.main_team,
    )
