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
from portal.services.plan import PlanView, VersionSummary, load_plan, plan_for, version_history


@dataclass(frozen=True)
class CaredForEntry:
    service_user_id: int
    name: str
    relationship: str


@dataclass(frozen=True)
class CarerView:
    service_user_id: int
    person_name: str
    sections: frozenset[PlanSection]
    summary: CareSummary | None  # only when the summary section is shared
    team: TeamContact | None  # always: a carer can always reach the team
    what_matters_to_me: str | None = None  # part of the summary


@dataclass(frozen=True)
class SharedSectionView:
    """One shared section, with the plan the service user's own templates read."""

    service_user_id: int
    person_name: str
    sections: frozenset[PlanSection]
    plan: PlanView
    versions: list[VersionSummary]


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


def _carer_sections(viewer: Viewer, service_user_id: int) -> frozenset[PlanSection]:
    """What this carer may see of this person now; 404 without an active link.
    Read on every request, so a withdrawal or an ended link acts at once."""
    link = active_carer_link(viewer, service_user_id)
    if link is None:
        abort(404)
    return shared_sections(link.id)


def _audit_carer_read(viewer: Viewer, service_user_id: int, object_type: str) -> None:
    record(
        actor_user_id=viewer.user.id,
        acting_as="carer",
        action="view",
        object_type=object_type,
        object_id=service_user_id,
        service_user_id=service_user_id,
    )


def view_person_as_carer(viewer: Viewer, service_user_id: int, *, audit: bool = True) -> CarerView:
    """The carer's page for a person. ``audit=False`` only for the carer's own
    forms (writing to the team), which show the person's name and nothing else."""
    sections = _carer_sections(viewer, service_user_id)
    summary = care_summary(service_user_id)
    if summary is None:
        abort(404)
    if audit:
        _audit_carer_read(viewer, service_user_id, "care_summary")
    shows_summary = PlanSection.SUMMARY in sections
    return CarerView(
        service_user_id=service_user_id,
        person_name=summary.preferred_name,
        sections=sections,
        summary=summary if shows_summary else None,
        team=summary.main_team,
        what_matters_to_me=plan_for(service_user_id).what_matters_to_me if shows_summary else None,
    )


def view_shared_section(
    viewer: Viewer, service_user_id: int, section: PlanSection
) -> SharedSectionView:
    """One section of the person's plan, only if it is shared with this carer
    (404 otherwise, the same as for a person they do not care for)."""
    sections = _carer_sections(viewer, service_user_id)
    if section not in sections:
        abort(404)
    plan = load_plan(service_user_id)
    versions = version_history(plan.plan_id) if section is PlanSection.HISTORY else []
    _audit_carer_read(viewer, service_user_id, f"plan_section:{section.value}")
    return SharedSectionView(
        service_user_id=service_user_id,
        person_name=plan.preferred_name,
        sections=sections,
        plan=plan,
        versions=versions,
    )
