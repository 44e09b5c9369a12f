"""Single-use links that bring a person onto the portal.

The token is 256 random bits, shown once to the member of staff who made the
link; only its SHA-256 is stored, so the database cannot give links away and
a guessed or altered link finds nothing. Making a new link for someone revokes
their older unused ones. ``check`` says exactly why a link does not work, so
the page can say so kindly instead of failing.
"""

from __future__ import annotations

import enum
import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError

from portal import db
from portal.audit import record
from portal.models import Invitation, InvitationKind, ServiceUser, StaffMember, User
from portal.models.base import utcnow
from portal.passwords import hash_password

# Longer than any token we make, shorter than anything worth hashing.
MAX_TOKEN_LENGTH = 100


class EmailAlreadyUsed(Exception):
    """Another sign-in already uses this email address."""


class LinkProblem(enum.Enum):
    NOT_FOUND = "not_found"  # never issued, mistyped or altered
    EXPIRED = "expired"
    USED = "used"
    REPLACED = "replaced"  # a newer link was made for the same person


@dataclass(frozen=True)
class NewInvitation:
    token: str
    expires_at: datetime


@dataclass(frozen=True)
class IssuedToken:
    token: str  # shown once, never stored
    token_hash: str
    expires_at: datetime


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def could_be_a_token(token: str) -> bool:
    """Cheap check before hashing: empty or overlong input finds nothing."""
    return bool(token) and len(token) <= MAX_TOKEN_LENGTH


def issue_token() -> IssuedToken:
    """A fresh single-use token and its expiry. Carer invitations
    (portal.services.carer_links) use this too, so every link in the portal
    is made, hashed and timed out the same way."""
    token = secrets.token_urlsafe(32)
    expires_at = utcnow() + timedelta(days=current_app.config["INVITATION_VALID_DAYS"])
    return IssuedToken(token, hash_token(token), expires_at)


def _issue(
    *,
    kind: InvitationKind,
    created_by: User,
    service_user_id: int | None,
    staff_member_id: int | None,
) -> NewInvitation:
    now = utcnow()
    same_person = (
        Invitation.service_user_id == service_user_id
        if service_user_id is not None
        else Invitation.staff_member_id == staff_member_id
    )
    db.session.execute(
        update(Invitation)
        .where(same_person, Invitation.used_at.is_(None), Invitation.revoked_at.is_(None))
        .values(revoked_at=now)
    )
    issued = issue_token()
    invitation = Invitation(
        kind=kind,
        token_hash=issued.token_hash,
        service_user_id=service_user_id,
        staff_member_id=staff_member_id,
        created_by_user_id=created_by.id,
        created_at=now,
        expires_at=issued.expires_at,
    )
    db.session.add(invitation)
    db.session.flush()
    record(
        actor_user_id=created_by.id,
        acting_as="admin" if kind is InvitationKind.STAFF else "staff",
        action="create",
        object_type="invitation",
        object_id=invitation.id,
        service_user_id=service_user_id,
    )
    return NewInvitation(issued.token, issued.expires_at)


def invite_service_user(*, person: ServiceUser, created_by: User) -> NewInvitation:
    return _issue(
        kind=InvitationKind.SERVICE_USER,
        created_by=created_by,
        service_user_id=person.id,
        staff_member_id=None,
    )


def invite_staff_member(*, staff_member: StaffMember, created_by: User) -> NewInvitation:
    return _issue(
        kind=InvitationKind.STAFF,
        created_by=created_by,
        service_user_id=None,
        staff_member_id=staff_member.id,
    )


def check(token: str, *, for_update: bool = False) -> Invitation | LinkProblem:
    """The invitation this token opens, or why it does not open one."""
    if not could_be_a_token(token):
        return LinkProblem.NOT_FOUND
    query = select(Invitation).where(Invitation.token_hash == hash_token(token))
    if for_update:
        # Two tabs submitting at once: the second waits, then sees it used.
        query = query.with_for_update()
    invitation = db.session.scalar(query)
    if invitation is None:
        return LinkProblem.NOT_FOUND
    if invitation.used_at is not None:
        return LinkProblem.USED
    if invitation.revoked_at is not None:
        return LinkProblem.REPLACED
    if invitation.expires_at <= utcnow():
        return LinkProblem.EXPIRED
    if invitation.kind is InvitationKind.SERVICE_USER:
        # The person set up a sign-in some other way (another link, or their
        # plan was added to an existing sign-in): this link has done its job.
        person = db.session.get(ServiceUser, invitation.service_user_id)
        if person is None or person.user_id is not None:
            return LinkProblem.USED
    return invitation


def staff_email(invitation: Invitation) -> str | None:
    """The email of the staff account a STAFF invitation sets a password for."""
    if invitation.kind is not InvitationKind.STAFF:
        return None
    return db.session.scalar(
        select(User.email)
        .join(StaffMember, StaffMember.user_id == User.id)
        .where(StaffMember.id == invitation.staff_member_id)
    )


def latest_open_invitation(service_user_id: int) -> Invitation | None:
    """The person's unused, unexpired link, if there is one (not its token)."""
    return db.session.scalar(
        select(Invitation)
        .where(
            Invitation.service_user_id == service_user_id,
            Invitation.used_at.is_(None),
            Invitation.revoked_at.is_(None),
            Invitation.expires_at > utcnow(),
        )
        .order_by(Invitation.created_at.desc())
        .limit(1)
    )


def _mark_used(invitation: Invitation, user: User) -> None:
    invitation.used_at = utcnow()
    invitation.used_by_user_id = user.id
    record(
        actor_user_id=user.id,
        acting_as="self",
        action="update",
        object_type="invitation",
        object_id=invitation.id,
        service_user_id=invitation.service_user_id,
    )


def accept_as_new_user(
    invitation: Invitation, *, email: str, password: str, display_name: str | None = None
) -> User:
    """Service user invitations: make the sign-in and link it to the person.
    Staff invitations: set the password of the account the admin made.

    The caller has checked the invitation (``check(..., for_update=True)``)
    in this transaction, and that the email is free for a service user; an
    email taken in the meantime raises ``EmailAlreadyUsed``."""
    from portal.services.accounts import create_user, normalise_email

    if invitation.kind is InvitationKind.STAFF:
        staff = db.session.get(StaffMember, invitation.staff_member_id)
        assert staff is not None and staff.user_id is not None
        user = db.session.get(User, staff.user_id)
        assert user is not None
        user.password_hash = hash_password(password)
    else:
        person = db.session.get(ServiceUser, invitation.service_user_id)
        assert person is not None and person.user_id is None
        try:
            user = create_user(
                email=normalise_email(email),
                display_name=display_name or person.preferred_name,
                password=password,
            )
        except IntegrityError as error:
            # Taken a moment ago by someone else: the unique index decided.
            db.session.rollback()
            raise EmailAlreadyUsed from error
        person.user_id = user.id
    _mark_used(invitation, user)
    db.session.flush()
    return user


def accept_for_existing_user(invitation: Invitation, user: User) -> None:
    """A signed-in person (a carer, say) adds their own plan to their sign-in."""
    assert invitation.kind is InvitationKind.SERVICE_USER
    person = db.session.get(ServiceUser, invitation.service_user_id)
    assert person is not None and person.user_id is None
    person.user_id = user.id
    _mark_used(invitation, user)
    db.session.flush()
