"""Registering a person with the service.

Rules enforced here:
- an NHS number belongs to one person; a duplicate is refused without saying
  whose it is;
- the staff member who registers someone always joins their care team, as
  named key worker or as an MDT member, in the same transaction: a person is
  never registered into a care team of no one, out of everyone's sight;
- the person gets an empty plan at once, and every step is audited.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import exists, select
from sqlalchemy.exc import IntegrityError

from portal import db
from portal.access import Viewer
from portal.audit import record
from portal.models import CareTeamMember, ServiceUser
from portal.services.caseload import CommunicationNeeds
from portal.services.plan import plan_for


class NhsNumberAlreadyRegistered(Exception):
    """Someone with this NHS number is already registered."""


@dataclass(frozen=True)
class NewPerson:
    full_name: str
    preferred_name: str
    nhs_number: str  # ten digits, already checked
    date_of_birth: date
    pronouns: str | None
    needs: CommunicationNeeds
    role_in_care: str
    is_key_worker: bool


def nhs_number_registered(nhs_number: str) -> bool:
    return bool(db.session.scalar(select(exists().where(ServiceUser.nhs_number == nhs_number))))


def register_person(viewer: Viewer, details: NewPerson) -> int:
    """Register the person, give them an empty plan, and put the staff member
    in their care team. Returns the new person's id."""
    assert viewer.staff_member_id is not None, "only staff register people"
    if nhs_number_registered(details.nhs_number):
        raise NhsNumberAlreadyRegistered
    needs = details.needs
    person = ServiceUser(
        full_name=details.full_name.strip(),
        preferred_name=details.preferred_name.strip() or details.full_name.strip(),
        nhs_number=details.nhs_number,
        date_of_birth=details.date_of_birth,
        pronouns=(details.pronouns or "").strip() or None,
        needs_interpreter=needs.needs_interpreter,
        interpreter_language=needs.interpreter_language if needs.needs_interpreter else None,
        needs_easy_read=needs.easy_read,
        needs_large_print=needs.large_print,
        needs_bsl=needs.bsl,
        other_communication_needs=(needs.other or "").strip() or None,
    )
    db.session.add(person)
    try:
        db.session.flush()
    except IntegrityError as error:
        # Registered by someone else a moment ago: the unique index decided.
        db.session.rollback()
        if "nhs_number" in str(error.orig):
            raise NhsNumberAlreadyRegistered from error
        raise
    plan_for(person.id)
    membership = CareTeamMember(
        service_user_id=person.id,
        staff_member_id=viewer.staff_member_id,
        role_in_care=details.role_in_care.strip(),
        is_key_worker=details.is_key_worker,
        started_on=date.today(),
    )
    db.session.add(membership)
    db.session.flush()
    for object_type, object_id in (
        ("service_user", person.id),
        ("care_team_member", membership.id),
    ):
        record(
            actor_user_id=viewer.user.id,
            acting_as="staff",
            action="create",
            object_type=object_type,
            object_id=object_id,
            service_user_id=person.id,
        )
    return person.id
