"""The people who support a service user, and what each of them may see.

Rules enforced here:
- only the service user invites a carer and chooses what they see, section
  by section, each optionally until a date;
- an invitation link is single-use and expiring, made and hashed exactly as
  every other link (``invitations.issue_token``); it is shown once;
- a change of sharing withdraws the old consent rows (kept, for history) and
  grants new ones, so it acts on the carer's very next request;
- stopping sharing ends the link: the carer loses every section at once, and
  an unused link stops working.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime

from flask import abort
from sqlalchemy import select, update

from portal import db
from portal.audit import record
from portal.models import (
    CarerLink,
    CarerLinkStatus,
    PlanSection,
    ServiceUser,
    SharingConsent,
    User,
)
from portal.models.base import utcnow
from portal.services.invitations import (
    IssuedToken,
    LinkProblem,
    could_be_a_token,
    hash_token,
    issue_token,
)

# What the person chose: each shared section, with its end date if any.
Shares = dict[PlanSection, date | None]


class CannotAccept(Exception):
    """The signed-in person cannot take this link (it is their own, say)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class SupporterView:
    link_id: int
    name: str
    relationship: str
    status: CarerLinkStatus
    invitation_expires_at: datetime | None
    shares: Shares

    @property
    def invitation_open(self) -> bool:
        return (
            self.status is CarerLinkStatus.INVITED
            and self.invitation_expires_at is not None
            and self.invitation_expires_at > utcnow()
        )


def _own(service_user_id: int, link_id: int) -> CarerLink:
    link = db.session.scalar(
        select(CarerLink).where(
            CarerLink.id == link_id,
            CarerLink.service_user_id == service_user_id,
            CarerLink.status != CarerLinkStatus.ENDED,
        )
    )
    if link is None:
        abort(404)
    return link


def _current_shares(link_ids: list[int], today: date) -> dict[int, Shares]:
    shares: dict[int, Shares] = defaultdict(dict)
    if not link_ids:
        return shares
    for consent in db.session.scalars(
        select(SharingConsent)
        .where(
            SharingConsent.carer_link_id.in_(link_ids),
            SharingConsent.withdrawn_at.is_(None),
        )
        .order_by(SharingConsent.id)
    ):
        if consent.until is None or consent.until >= today:
            shares[consent.carer_link_id][consent.section] = consent.until
    return shares


def supporters(service_user_id: int) -> list[SupporterView]:
    """Everyone the person has invited and not stopped sharing with: two queries."""
    links = list(
        db.session.scalars(
            select(CarerLink)
            .where(
                CarerLink.service_user_id == service_user_id,
                CarerLink.status != CarerLinkStatus.ENDED,
            )
            .order_by(CarerLink.carer_name, CarerLink.id)
        )
    )
    shares = _current_shares([link.id for link in links], date.today())
    return [
        SupporterView(
            link_id=link.id,
            name=link.carer_name,
            relationship=link.relationship_to_person,
            status=link.status,
            invitation_expires_at=link.invitation_expires_at,
            shares=shares.get(link.id, {}),
        )
        for link in links
    ]


def supporter(service_user_id: int, link_id: int) -> SupporterView:
    for view in supporters(service_user_id):
        if view.link_id == link_id:
            return view
    abort(404)


def _record(user: User, action: str, link: CarerLink, acting_as: str = "self") -> None:
    record(
        actor_user_id=user.id,
        acting_as=acting_as,
        action=action,
        object_type="carer_link",
        object_id=link.id,
        service_user_id=link.service_user_id,
    )


def _grant(link_id: int, shares: Shares) -> None:
    for section, until in shares.items():
        db.session.add(SharingConsent(carer_link_id=link_id, section=section, until=until))


def invite_carer(
    *, service_user_id: int, by: User, name: str, relationship: str, shares: Shares
) -> IssuedToken:
    """A new carer link with its sharing choices and a fresh single-use link."""
    issued = issue_token()
    link = CarerLink(
        service_user_id=service_user_id,
        carer_name=name.strip(),
        relationship_to_person=relationship.strip(),
        status=CarerLinkStatus.INVITED,
        invitation_token_hash=issued.token_hash,
        invitation_expires_at=issued.expires_at,
    )
    db.session.add(link)
    db.session.flush()
    _grant(link.id, shares)
    _record(by, "create", link)
    return issued


def new_invitation_link(*, service_user_id: int, link_id: int, by: User) -> IssuedToken:
    """A fresh link for a carer who has not accepted yet; the old one stops working."""
    link = _own(service_user_id, link_id)
    if link.status is not CarerLinkStatus.INVITED:
        abort(404)
    issued = issue_token()
    link.invitation_token_hash = issued.token_hash
    link.invitation_expires_at = issued.expires_at
    _record(by, "update", link)
    return issued


def change_sharing(*, service_user_id: int, link_id: int, by: User, shares: Shares) -> None:
    """Withdraw what is no longer chosen (or has a new end date), grant the rest."""
    link = _own(service_user_id, link_id)
    current = _current_shares([link.id], date.today()).get(link.id, {})
    changed = [s for s in current if s not in shares or shares[s] != current[s]]
    now = utcnow()
    if changed:
        db.session.execute(
            update(SharingConsent)
            .where(
                SharingConsent.carer_link_id == link.id,
                SharingConsent.section.in_(changed),
                SharingConsent.withdrawn_at.is_(None),
            )
            .values(withdrawn_at=now)
        )
    _grant(link.id, {s: until for s, until in shares.items() if s not in current or s in changed})
    _record(by, "update", link)


def stop_sharing(*, service_user_id: int, link_id: int, by: User) -> str:
    """End the link: every section withdrawn, an unused link dead. Returns the name."""
    link = _own(service_user_id, link_id)
    now = utcnow()
    db.session.execute(
        update(SharingConsent)
        .where(SharingConsent.carer_link_id == link.id, SharingConsent.withdrawn_at.is_(None))
        .values(withdrawn_at=now)
    )
    link.status = CarerLinkStatus.ENDED
    link.ended_at = now
    if link.carer_user_id is None:
        # Never accepted: the link must find nothing from now on.
        link.invitation_token_hash = None
    _record(by, "update", link)
    return link.carer_name


def check_carer_invitation(token: str, *, for_update: bool = False) -> CarerLink | LinkProblem:
    """The carer link this token opens, or why it does not open one."""
    if not could_be_a_token(token):
        return LinkProblem.NOT_FOUND
    query = select(CarerLink).where(CarerLink.invitation_token_hash == hash_token(token))
    if for_update:
        query = query.with_for_update()
    link = db.session.scalar(query)
    if link is None or link.status is CarerLinkStatus.ENDED:
        return LinkProblem.NOT_FOUND
    if link.status is CarerLinkStatus.ACTIVE:
        return LinkProblem.USED
    if link.invitation_expires_at is None or link.invitation_expires_at <= utcnow():
        return LinkProblem.EXPIRED
    return link


def invited_by_name(link: CarerLink) -> str:
    name = db.session.scalar(
        select(ServiceUser.preferred_name).where(ServiceUser.id == link.service_user_id)
    )
    return name or ""


def accept_carer_invitation(link: CarerLink, user: User) -> None:
    """The signed-in carer takes the link. The caller checked it under a row
    lock in this transaction. A person cannot be their own carer, and one
    carer has at most one active link to a person."""
    own = db.session.scalar(
        select(ServiceUser.user_id).where(ServiceUser.id == link.service_user_id)
    )
    if own == user.id:
        raise CannotAccept("own_link")
    already = db.session.scalar(
        select(CarerLink.id).where(
            CarerLink.carer_user_id == user.id,
            CarerLink.service_user_id == link.service_user_id,
            CarerLink.status == CarerLinkStatus.ACTIVE,
        )
    )
    if already is not None:
        raise CannotAccept("already_linked")
    link.carer_user_id = user.id
    link.status = CarerLinkStatus.ACTIVE
    _record(user, "update", link, acting_as="carer")
    db.session.flush()
