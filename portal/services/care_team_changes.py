"""Changing a person's care team: the named key worker and the MDT members.

Rules enforced here:
- only staff who can see the person (``staff_can_see``) read or change their
  team; anyone else gets 404;
- memberships are never deleted: ending one sets ``ended_on``, so the history
  of who was in the team, and when, is kept;
- exactly one active named key worker at a time. The database backs this with
  a partial unique index; a change that races another ends in
  ``KeyWorkerChangedMeanwhile``, never a server error;
- the named key worker cannot simply be ended: a new one is chosen instead;
- every read of the team by staff, and every change, is audited.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from flask import abort
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from portal import db
from portal.access import Viewer, staff_can_see
from portal.audit import record
from portal.models import CareTeamMember, ServiceUser, StaffMember, Team


class CareTeamProblem(Exception):
    """A change that cannot be made, for a reason the page explains."""


class UnknownStaffMember(CareTeamProblem):
    pass


class AlreadyKeyWorker(CareTeamProblem):
    pass


class AlreadyInCareTeam(CareTeamProblem):
    pass


class KeyWorkerChangedMeanwhile(CareTeamProblem):
    """Someone else changed the key worker after this page was opened."""


class KeyWorkerCannotBeEnded(CareTeamProblem):
    pass


@dataclass(frozen=True)
class MembershipView:
    id: int
    staff_member_id: int
    name: str
    profession: str
    team_name: str
    organisation: str
    role_in_care: str
    is_key_worker: bool
    started_on: date
    ended_on: date | None
    is_you: bool


@dataclass(frozen=True)
class CareTeamPage:
    service_user_id: int
    person_name: str
    current: list[MembershipView]  # the named key worker first
    past: list[MembershipView]  # the most recently ended first

    @property
    def key_worker(self) -> MembershipView | None:
        return next((m for m in self.current if m.is_key_worker), None)

    def current_member_ids(self) -> frozenset[int]:
        return frozenset(m.staff_member_id for m in self.current)


@dataclass(frozen=True)
class StaffOption:
    id: int
    name: str
    profession: str


@dataclass(frozen=True)
class StaffGroup:
    """The active staff of one team, for a <select> grouped by team."""

    team_name: str
    organisation: str
    options: list[StaffOption] = field(default_factory=list)


def _person_for(viewer: Viewer, service_user_id: int) -> ServiceUser:
    if not staff_can_see(viewer, service_user_id):
        abort(404)
    person = db.session.get(ServiceUser, service_user_id)
    if person is None:
        abort(404)
    return person


def _audit(
    viewer: Viewer, service_user_id: int, action: str, object_type: str, object_id: int
) -> None:
    record(
        actor_user_id=viewer.user.id,
        acting_as="staff",
        action=action,
        object_type=object_type,
        object_id=object_id,
        service_user_id=service_user_id,
    )


def load_care_team(viewer: Viewer, service_user_id: int, *, record_view: bool) -> CareTeamPage:
    """The team now and before, in two queries however long its history."""
    person = _person_for(viewer, service_user_id)
    rows = db.session.execute(
        select(CareTeamMember, StaffMember, Team)
        .join(StaffMember, CareTeamMember.staff_member_id == StaffMember.id)
        .join(Team, StaffMember.team_id == Team.id)
        .where(CareTeamMember.service_user_id == service_user_id)
        .order_by(
            CareTeamMember.is_key_worker.desc(),
            StaffMember.name,
            CareTeamMember.ended_on.desc(),
            CareTeamMember.id.desc(),
        )
    ).all()
    memberships = [
        MembershipView(
            id=membership.id,
            staff_member_id=staff.id,
            name=staff.name,
            profession=staff.profession,
            team_name=team.name,
            organisation=team.organisation,
            role_in_care=membership.role_in_care,
            is_key_worker=membership.is_key_worker,
            started_on=membership.started_on,
            ended_on=membership.ended_on,
            is_you=staff.id == viewer.staff_member_id,
        )
        for membership, staff, team in rows
    ]
    if record_view:
        _audit(viewer, service_user_id, "view", "care_team", service_user_id)
    past = sorted(
        (m for m in memberships if m.ended_on is not None),
        key=lambda m: (m.ended_on, m.started_on, m.id),
        reverse=True,
    )
    return CareTeamPage(
        service_user_id=person.id,
        person_name=person.preferred_name,
        current=[m for m in memberships if m.ended_on is None],
        past=past,
    )


def staff_to_choose_from() -> list[StaffGroup]:
    """Every active staff member of every team and organisation, by team."""
    groups: dict[int, StaffGroup] = {}
    rows = db.session.execute(
        select(StaffMember.id, StaffMember.name, StaffMember.profession, Team)
        .join(Team, StaffMember.team_id == Team.id)
        .where(StaffMember.is_active)
        .order_by(Team.name, Team.id, StaffMember.name, StaffMember.id)
    ).all()
    for staff_id, name, profession, team in rows:
        group = groups.setdefault(team.id, StaffGroup(team.name, team.organisation))
        group.options.append(StaffOption(staff_id, name, profession))
    return list(groups.values())


def _active_staff_member(staff_member_id: int) -> StaffMember:
    staff = db.session.get(StaffMember, staff_member_id)
    if staff is None or not staff.is_active:
        raise UnknownStaffMember
    return staff


def _active_memberships(service_user_id: int, *, for_update: bool = False) -> list[CareTeamMember]:
    query = (
        select(CareTeamMember)
        .where(
            CareTeamMember.service_user_id == service_user_id,
            CareTeamMember.ended_on.is_(None),
        )
        .order_by(CareTeamMember.id)
    )
    if for_update:
        # On PostgreSQL a second change waits here, then finds the key worker
        # it expected already gone.
        query = query.with_for_update()
    return list(db.session.scalars(query))


def _start(
    service_user_id: int, staff_member_id: int, role: str, *, key_worker: bool
) -> CareTeamMember:
    membership = CareTeamMember(
        service_user_id=service_user_id,
        staff_member_id=staff_member_id,
        role_in_care=role.strip(),
        is_key_worker=key_worker,
        started_on=date.today(),
    )
    db.session.add(membership)
    return membership


def change_key_worker(
    viewer: Viewer,
    service_user_id: int,
    *,
    new_staff_member_id: int,
    role: str,
    outgoing_stays: bool,
    outgoing_role: str,
    expected_key_worker_id: int | None,
) -> None:
    """End the current key worker's membership today and start the new one's.

    The outgoing key worker either stays in the team with a new role or
    leaves it. If the new key worker was already an MDT member, that
    membership ends and a key worker one starts, so the history shows both."""
    _person_for(viewer, service_user_id)
    active = _active_memberships(service_user_id, for_update=True)
    current = next((m for m in active if m.is_key_worker), None)
    if (current.id if current else None) != expected_key_worker_id:
        raise KeyWorkerChangedMeanwhile
    new_staff = _active_staff_member(new_staff_member_id)
    if current is not None and current.staff_member_id == new_staff.id:
        raise AlreadyKeyWorker
    today = date.today()
    ended: list[CareTeamMember] = []
    if current is not None:
        current.ended_on = today
        ended.append(current)
    for membership in active:
        if membership.staff_member_id == new_staff.id and not membership.is_key_worker:
            membership.ended_on = today
            ended.append(membership)
    try:
        # Ends are written before starts, so the one-key-worker index only
        # ever sees a second active key worker when another change raced us.
        db.session.flush()
        started = [_start(service_user_id, new_staff.id, role, key_worker=True)]
        if current is not None and outgoing_stays:
            started.append(
                _start(service_user_id, current.staff_member_id, outgoing_role, key_worker=False)
            )
        db.session.flush()
    except IntegrityError as error:
        db.session.rollback()
        raise KeyWorkerChangedMeanwhile from error
    for membership in ended:
        _audit(viewer, service_user_id, "update", "care_team_member", membership.id)
    for membership in started:
        _audit(viewer, service_user_id, "create", "care_team_member", membership.id)


def add_member(viewer: Viewer, service_user_id: int, *, staff_member_id: int, role: str) -> None:
    """Add an MDT member. Someone already in the team is not added twice."""
    _person_for(viewer, service_user_id)
    staff = _active_staff_member(staff_member_id)
    if any(m.staff_member_id == staff.id for m in _active_memberships(service_user_id)):
        raise AlreadyInCareTeam
    membership = _start(service_user_id, staff.id, role, key_worker=False)
    db.session.flush()
    _audit(viewer, service_user_id, "create", "care_team_member", membership.id)


def membership_to_end(viewer: Viewer, service_user_id: int, membership_id: int) -> MembershipView:
    """An active membership in this person's team, or 404."""
    page = load_care_team(viewer, service_user_id, record_view=False)
    membership = next((m for m in page.current if m.id == membership_id), None)
    if membership is None:
        abort(404)
    return membership


def end_membership(viewer: Viewer, service_user_id: int, membership_id: int) -> MembershipView:
    """End an MDT membership today. The named key worker is changed, not ended."""
    view = membership_to_end(viewer, service_user_id, membership_id)
    if view.is_key_worker:
        raise KeyWorkerCannotBeEnded
    membership = db.session.get(CareTeamMember, membership_id)
    assert membership is not None
    membership.ended_on = date.today()
    _audit(viewer, service_user_id, "update", "care_team_member", membership.id)
    db.session.flush()
    return view
