"""A person's details as their care team sees them, and bringing them onto
the portal with an invitation link.

Rules enforced here:
- staff reach a person only through ``staff_can_see``; anyone else gets 404;
- a person who already has a sign-in gets no new link;
- every staff read of these details and every link made is audited (the
  person's page records its own view: see ``people.view_person_as_staff``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from flask import abort, current_app

from portal import db
from portal.access import Viewer, staff_can_see
from portal.audit import record
from portal.models import ServiceUser
from portal.models.base import utcnow
from portal.services.caseload import CommunicationNeeds
from portal.services.invitations import NewInvitation, invite_service_user, latest_open_invitation


@dataclass(frozen=True)
class PortalAccess:
    has_sign_in: bool
    # The open link's expiry; None when there is no link that still works.
    invitation_expires_at: datetime | None
    invitation_created_at: datetime | None

    @property
    def is_invited(self) -> bool:
        return not self.has_sign_in and self.invitation_expires_at is not None


@dataclass(frozen=True)
class PersonDetails:
    service_user_id: int
    full_name: str
    preferred_name: str
    nhs_number: str
    date_of_birth: date
    pronouns: str | None
    needs: CommunicationNeeds
    access: PortalAccess


def _access(person: ServiceUser) -> PortalAccess:
    if person.user_id is not None:
        return PortalAccess(True, None, None)
    link = latest_open_invitation(person.id)
    return PortalAccess(False, link.expires_at if link else None, link.created_at if link else None)


def _details(person: ServiceUser) -> PersonDetails:
    return PersonDetails(
        service_user_id=person.id,
        full_name=person.full_name,
        preferred_name=person.preferred_name,
        nhs_number=person.nhs_number,
        date_of_birth=person.date_of_birth,
        pronouns=person.pronouns,
        needs=CommunicationNeeds.of(person),
        access=_access(person),
    )


def person_details(service_user_id: int) -> PersonDetails:
    """For the person's page, after ``view_person_as_staff`` has checked
    access and recorded the view. The person is already in the session's
    identity map by then, so this costs one query at most (the open link)."""
    person = db.session.get(ServiceUser, service_user_id)
    if person is None:
        abort(404)
    return _details(person)


def _person_in_reach(viewer: Viewer, service_user_id: int) -> ServiceUser:
    if not staff_can_see(viewer, service_user_id):
        abort(404)
    person = db.session.get(ServiceUser, service_user_id)
    if person is None:
        abort(404)
    return person


def invitation_status(viewer: Viewer, service_user_id: int) -> PersonDetails:
    """What the invitation page shows: whether the person can sign in yet."""
    person = _person_in_reach(viewer, service_user_id)
    record(
        actor_user_id=viewer.user.id,
        acting_as="staff",
        action="view",
        object_type="portal_access",
        object_id=service_user_id,
        service_user_id=service_user_id,
    )
    return _details(person)


def new_link_would_expire_at() -> datetime:
    return utcnow() + timedelta(days=current_app.config["INVITATION_VALID_DAYS"])


def create_invitation_link(
    viewer: Viewer, service_user_id: int
) -> tuple[PersonDetails, NewInvitation | None]:
    """A new single-use link, which stops any older one working. None when
    the person already has a sign-in: they need no link."""
    person = _person_in_reach(viewer, service_user_id)
    if person.user_id is not None:
        return _details(person), None
    invitation = invite_service_user(person=person, created_by=viewer.user)
    return _details(person), invitation
