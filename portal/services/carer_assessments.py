"""Carer's assessment requests (Care Act 2014 s.10; for carers under 18, a
young carer's needs assessment, Children and Families Act 2014 s.17ZA).

Rules enforced here:
- anyone signed in may ask, for someone in this service they have an active
  link to, or for someone not using this service: the right to ask does not
  depend on the person's consent or on our service;
- who answers: the care team of the person cared for (staff who can see that
  person); for someone outside this service, the team managers of every team
  (the service's carer leads) answer, and the carer is told to contact the
  service's contact details meanwhile;
- the carer always sees the current status and the team's latest note;
- status moves along received -> passed to the local authority -> assessment
  arranged -> completed, or is closed with a reason (a note is required).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from flask import abort
from sqlalchemy import or_, select

from portal import db
from portal.access import Viewer, active_carer_link, people_staff_can_see
from portal.audit import record
from portal.models import (
    AssessmentStatus,
    CarerAssessmentRequest,
    CaringHours,
    ContactMethod,
    ServiceUser,
    User,
)
from portal.models.base import utcnow

AFFECTS = ("health", "work", "sleep", "money", "own_time")


@dataclass(frozen=True)
class Answers:
    """What the carer told us, page by page, before they send it."""

    service_user_id: int | None  # None: someone not using this service
    cared_for_name: str
    is_young_carer: bool
    caring_hours: CaringHours
    affects: frozenset[str]
    what_would_help: str
    consent_to_local_authority: bool
    contact_method: ContactMethod
    contact_details: str
    best_time_to_contact: str


@dataclass(frozen=True)
class RequestView:
    id: int
    carer_name: str
    service_user_id: int | None
    cared_for_name: str
    in_this_service: bool
    is_young_carer: bool
    caring_hours: CaringHours
    affects: tuple[str, ...]
    what_would_help: str
    consent_to_local_authority: bool
    contact_method: ContactMethod
    contact_details: str
    best_time_to_contact: str
    status: AssessmentStatus
    status_note: str
    status_changed_at: datetime | None
    status_changed_by_name: str | None
    created_at: datetime


def _view(row: CarerAssessmentRequest, carer_name: str) -> RequestView:
    return RequestView(
        id=row.id,
        carer_name=carer_name,
        service_user_id=row.service_user_id,
        cared_for_name=row.cared_for_name,
        in_this_service=row.service_user_id is not None,
        is_young_carer=row.is_young_carer,
        caring_hours=row.caring_hours,
        affects=tuple(a for a in AFFECTS if getattr(row, f"affects_{a}")),
        what_would_help=row.what_would_help,
        consent_to_local_authority=row.consent_to_local_authority,
        contact_method=row.contact_method,
        contact_details=row.contact_details,
        best_time_to_contact=row.best_time_to_contact,
        status=row.status,
        status_note=row.status_note,
        status_changed_at=row.status_changed_at,
        status_changed_by_name=row.status_changed_by_name,
        created_at=row.created_at,
    )


def submit(viewer: Viewer, answers: Answers) -> RequestView:
    """Save the request. A named person in this service is kept only while the
    carer's link to them is active; the name alone is kept otherwise."""
    service_user_id = answers.service_user_id
    name = answers.cared_for_name.strip()
    if service_user_id is not None:
        link = active_carer_link(viewer, service_user_id)
        if link is None:
            abort(404)
        if answers.is_young_carer:
            # The care team sees, on the link, that this carer is a child.
            link.is_young_carer = True
        person = db.session.get(ServiceUser, service_user_id)
        assert person is not None
        name = person.preferred_name
    row = CarerAssessmentRequest(
        carer_user_id=viewer.user.id,
        service_user_id=service_user_id,
        cared_for_name=name,
        is_young_carer=answers.is_young_carer,
        caring_hours=answers.caring_hours,
        what_would_help=answers.what_would_help.strip(),
        consent_to_local_authority=answers.consent_to_local_authority,
        contact_method=answers.contact_method,
        contact_details=answers.contact_details.strip(),
        best_time_to_contact=answers.best_time_to_contact.strip(),
        status=AssessmentStatus.RECEIVED,
        status_note="",
        **{f"affects_{a}": a in answers.affects for a in AFFECTS},
    )
    db.session.add(row)
    db.session.flush()
    record(
        actor_user_id=viewer.user.id,
        acting_as="carer",
        action="create",
        object_type="carer_assessment_request",
        object_id=row.id,
        service_user_id=service_user_id,
    )
    return _view(row, viewer.user.display_name)


def my_requests(user: User) -> list[RequestView]:
    rows = db.session.scalars(
        select(CarerAssessmentRequest)
        .where(CarerAssessmentRequest.carer_user_id == user.id)
        .order_by(CarerAssessmentRequest.created_at.desc(), CarerAssessmentRequest.id.desc())
    )
    return [_view(row, user.display_name) for row in rows]


def my_request(user: User, request_id: int) -> RequestView:
    row = db.session.scalar(
        select(CarerAssessmentRequest).where(
            CarerAssessmentRequest.id == request_id,
            CarerAssessmentRequest.carer_user_id == user.id,
        )
    )
    if row is None:
        abort(404)
    return _view(row, user.display_name)


def about_person(service_user_id: int) -> list[RequestView]:
    """Requests from this person's carers, newest first, for their care team
    (the caller has checked the viewer may see the person): one query."""
    rows = db.session.execute(
        select(CarerAssessmentRequest, User.display_name)
        .join(User, CarerAssessmentRequest.carer_user_id == User.id)
        .where(CarerAssessmentRequest.service_user_id == service_user_id)
        .order_by(CarerAssessmentRequest.created_at.desc(), CarerAssessmentRequest.id.desc())
    )
    return [_view(row, name) for row, name in rows]


def _in_reach(viewer: Viewer):  # type: ignore[no-untyped-def]
    reach = CarerAssessmentRequest.service_user_id.in_(people_staff_can_see(viewer))
    if viewer.is_team_manager:
        return or_(reach, CarerAssessmentRequest.service_user_id.is_(None))
    return reach


def for_staff(viewer: Viewer) -> list[RequestView]:
    """Requests this member of staff answers, open ones first, oldest first:
    one query, whatever the number."""
    if not viewer.is_staff:
        return []
    rows = db.session.execute(
        select(CarerAssessmentRequest, User.display_name)
        .join(User, CarerAssessmentRequest.carer_user_id == User.id)
        .where(_in_reach(viewer))
        .order_by(
            CarerAssessmentRequest.status.in_(
                [AssessmentStatus.COMPLETED, AssessmentStatus.CLOSED]
            ),
            CarerAssessmentRequest.created_at,
            CarerAssessmentRequest.id,
        )
    )
    return [_view(row, name) for row, name in rows]


def _staff_row(viewer: Viewer, request_id: int) -> tuple[CarerAssessmentRequest, str]:
    found = db.session.execute(
        select(CarerAssessmentRequest, User.display_name)
        .join(User, CarerAssessmentRequest.carer_user_id == User.id)
        .where(CarerAssessmentRequest.id == request_id, _in_reach(viewer))
    ).one_or_none()
    if found is None:
        abort(404)
    return found[0], found[1]


def for_staff_one(viewer: Viewer, request_id: int) -> RequestView:
    row, name = _staff_row(viewer, request_id)
    record(
        actor_user_id=viewer.user.id,
        acting_as="staff",
        action="view",
        object_type="carer_assessment_request",
        object_id=row.id,
        service_user_id=row.service_user_id,
    )
    return _view(row, name)


def update_status(
    viewer: Viewer, request_id: int, *, status: AssessmentStatus, note: str
) -> RequestView:
    row, name = _staff_row(viewer, request_id)
    staff_name = viewer.user.display_name
    row.status = status
    row.status_note = note.strip()
    row.status_changed_at = utcnow()
    row.status_changed_by_name = staff_name
    record(
        actor_user_id=viewer.user.id,
        acting_as="staff",
        action="update",
        object_type="carer_assessment_request",
        object_id=row.id,
        service_user_id=row.service_user_id,
    )
    return _view(row, name)
