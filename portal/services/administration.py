"""Administration: teams, staff accounts and the service's settings.

Rules enforced here:
- nothing here reads or returns clinical content: no service users, no plans.
  The one number about care (how many people a staff member is in the care
  team of) is a count, so an administrator can warn a manager before
  disabling someone, without seeing who;
- email addresses are unique whatever their case (stored lower-cased);
- a staff account is created without a password: the person sets one through
  a single-use sign-in link, shown once to the administrator;
- disabling a sign-in ends every session of it at once;
- every change writes an audit event acting as "admin".
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime

from flask import abort
from sqlalchemy import case, func, select
from sqlalchemy.exc import IntegrityError

from portal import db
from portal.audit import record
from portal.models import (
    CareTeamMember,
    Invitation,
    InvitationKind,
    OrganisationType,
    ServiceSettings,
    StaffMember,
    Team,
    User,
)
from portal.models.base import utcnow
from portal.services import accounts, invitations
from portal.services.invitations import NewInvitation
from portal.settings import SETTINGS_ID


class EmailInUse(Exception):
    pass


class NoSignIn(Exception):
    """The staff member is a contact without a sign-in."""


class OwnAccount(Exception):
    """Administrators do not disable their own sign-in."""


class SignInState(enum.Enum):
    NONE = "none"  # a contact without a sign-in
    INVITED = "invited"  # has not set a password yet
    ACTIVE = "active"
    DISABLED = "disabled"


@dataclass(frozen=True)
class TeamValues:
    name: str
    organisation: str
    organisation_type: OrganisationType
    phone: str | None
    opening_hours: str | None
    out_of_hours_advice: str | None


@dataclass(frozen=True)
class StaffValues:
    name: str
    profession: str
    job_title: str | None
    work_phone: str | None
    working_hours: str | None
    is_team_manager: bool


@dataclass(frozen=True)
class SettingsValues:
    service_name: str | None
    contact_email: str | None
    contact_phone: str | None
    contact_address: str | None
    team_duty_line: str | None
    local_crisis_line_name: str | None
    local_crisis_line_phone: str | None
    local_crisis_line_description: str | None


@dataclass(frozen=True)
class TeamSummary:
    id: int
    name: str
    organisation: str
    staff_count: int


@dataclass(frozen=True)
class StaffSummary:
    id: int
    name: str
    profession: str
    job_title: str | None
    is_team_manager: bool
    sign_in: SignInState


@dataclass(frozen=True)
class TeamDetails:
    id: int
    values: TeamValues
    staff: list[StaffSummary]


@dataclass(frozen=True)
class StaffDetails:
    id: int
    team_id: int
    team_name: str
    organisation: str
    values: StaffValues
    is_active: bool
    email: str | None
    sign_in: SignInState
    link_expires_at: datetime | None  # an unused sign-in link, if there is one
    care_teams: int  # how many people's care teams they are in now
    key_worker_for: int  # of which as the named key worker
    is_you: bool


def _record(admin: User, action: str, object_type: str, object_id: int) -> None:
    record(
        actor_user_id=admin.id,
        acting_as="admin",
        action=action,
        object_type=object_type,
        object_id=object_id,
    )


def _none_if_empty(value: str | None) -> str | None:
    return (value or "").strip() or None


def _sign_in_state(user: User | None, staff_active: bool) -> SignInState:
    if user is None:
        return SignInState.NONE
    if not user.is_active or not staff_active:
        return SignInState.DISABLED
    return SignInState.ACTIVE if user.password_hash else SignInState.INVITED


# --- Teams -----------------------------------------------------------------


def teams() -> list[TeamSummary]:
    rows = db.session.execute(
        select(Team.id, Team.name, Team.organisation, func.count(StaffMember.id))
        .outerjoin(StaffMember, (StaffMember.team_id == Team.id) & StaffMember.is_active)
        .group_by(Team.id, Team.name, Team.organisation)
        .order_by(Team.name, Team.id)
    ).all()
    return [TeamSummary(*row) for row in rows]


def _team(team_id: int) -> Team:
    team = db.session.get(Team, team_id)
    if team is None:
        abort(404)
    return team


def _team_values(team: Team) -> TeamValues:
    return TeamValues(
        name=team.name,
        organisation=team.organisation,
        organisation_type=team.organisation_type,
        phone=team.phone,
        opening_hours=team.opening_hours,
        out_of_hours_advice=team.out_of_hours_advice,
    )


def team_values(team_id: int) -> TeamValues:
    return _team_values(_team(team_id))


def team_details(team_id: int) -> TeamDetails:
    """The team and everyone in it, active or not, in two queries."""
    team = _team(team_id)
    rows = db.session.execute(
        select(StaffMember, User)
        .outerjoin(User, StaffMember.user_id == User.id)
        .where(StaffMember.team_id == team_id)
        .order_by(StaffMember.is_active.desc(), StaffMember.name, StaffMember.id)
    ).all()
    return TeamDetails(
        id=team.id,
        values=_team_values(team),
        staff=[
            StaffSummary(
                id=staff.id,
                name=staff.name,
                profession=staff.profession,
                job_title=staff.job_title,
                is_team_manager=staff.is_team_manager,
                sign_in=_sign_in_state(user, staff.is_active),
            )
            for staff, user in rows
        ],
    )


def _apply_team(team: Team, values: TeamValues) -> None:
    team.name = values.name
    team.organisation = values.organisation
    team.organisation_type = values.organisation_type
    team.phone = _none_if_empty(values.phone)
    team.opening_hours = _none_if_empty(values.opening_hours)
    team.out_of_hours_advice = _none_if_empty(values.out_of_hours_advice)


def create_team(admin: User, values: TeamValues) -> int:
    team = Team(name=values.name, organisation=values.organisation)
    _apply_team(team, values)
    db.session.add(team)
    db.session.flush()
    _record(admin, "create", "team", team.id)
    return team.id


def update_team(admin: User, team_id: int, values: TeamValues) -> None:
    _apply_team(_team(team_id), values)
    _record(admin, "update", "team", team_id)
    db.session.flush()


# --- Staff -----------------------------------------------------------------


def create_staff_member(
    admin: User, team_id: int, values: StaffValues, *, email: str | None
) -> tuple[int, NewInvitation | None]:
    """A staff member, and with an email a sign-in without a password and
    the link that lets them set one. Without an email, a contact (a housing
    officer, say) who can be in care teams but never signs in."""
    _team(team_id)
    user = None
    if email is not None:
        if accounts.email_in_use(email):
            raise EmailInUse
        try:
            user = accounts.create_user(email=email, display_name=values.name, password=None)
        except IntegrityError as error:
            # Taken by a request running alongside this one. Nothing else has
            # been written yet, so the whole transaction can go.
            db.session.rollback()
            raise EmailInUse from error
        _record(admin, "create", "user", user.id)
    staff = StaffMember(
        team_id=team_id,
        user_id=user.id if user else None,
        name=values.name,
        profession=values.profession,
        job_title=_none_if_empty(values.job_title),
        work_phone=_none_if_empty(values.work_phone),
        working_hours=_none_if_empty(values.working_hours),
        is_team_manager=values.is_team_manager,
    )
    db.session.add(staff)
    db.session.flush()
    _record(admin, "create", "staff_member", staff.id)
    link = invitations.invite_staff_member(staff_member=staff, created_by=admin) if user else None
    return staff.id, link


def _staff(staff_id: int) -> StaffMember:
    staff = db.session.get(StaffMember, staff_id)
    if staff is None:
        abort(404)
    return staff


def staff_details(admin: User, staff_id: int) -> StaffDetails:
    staff = _staff(staff_id)
    team = db.session.get(Team, staff.team_id)
    assert team is not None
    user = db.session.get(User, staff.user_id) if staff.user_id else None
    link_expires_at = db.session.scalar(
        select(Invitation.expires_at)
        .where(
            Invitation.staff_member_id == staff.id,
            Invitation.kind == InvitationKind.STAFF,
            Invitation.used_at.is_(None),
            Invitation.revoked_at.is_(None),
            Invitation.expires_at > utcnow(),
        )
        .order_by(Invitation.created_at.desc())
        .limit(1)
    )
    counts = db.session.execute(
        select(
            func.count(CareTeamMember.id),
            func.coalesce(func.sum(case((CareTeamMember.is_key_worker, 1), else_=0)), 0),
        ).where(CareTeamMember.staff_member_id == staff.id, CareTeamMember.ended_on.is_(None))
    ).one()
    return StaffDetails(
        id=staff.id,
        team_id=team.id,
        team_name=team.name,
        organisation=team.organisation,
        values=StaffValues(
            name=staff.name,
            profession=staff.profession,
            job_title=staff.job_title,
            work_phone=staff.work_phone,
            working_hours=staff.working_hours,
            is_team_manager=staff.is_team_manager,
        ),
        is_active=staff.is_active,
        email=user.email if user else None,
        sign_in=_sign_in_state(user, staff.is_active),
        link_expires_at=link_expires_at,
        care_teams=int(counts[0]),
        key_worker_for=int(counts[1]),
        is_you=user is not None and user.id == admin.id,
    )


def new_sign_in_link(admin: User, staff_id: int) -> NewInvitation:
    """A fresh link; any older unused one stops working. It also serves as a
    password reset for someone who has forgotten theirs."""
    staff = _staff(staff_id)
    if staff.user_id is None:
        raise NoSignIn
    return invitations.invite_staff_member(staff_member=staff, created_by=admin)


def set_active(admin: User, staff_id: int, *, active: bool) -> None:
    """Disable or re-enable a staff member. Disabling their sign-in ends every
    session of it at once; they drop out of the lists staff choose from."""
    staff = _staff(staff_id)
    if staff.user_id is not None and staff.user_id == admin.id and not active:
        raise OwnAccount
    user = db.session.get(User, staff.user_id) if staff.user_id is not None else None
    if user is not None:
        if active:
            user.is_active = True
        else:
            # First, before this transaction writes anything: sessions are
            # ended on their own connection, which SQLite would make wait
            # for this request's write lock.
            accounts.disable_account(user)
    staff.is_active = active
    _record(admin, "update", "staff_member", staff.id)
    if user is not None:
        _record(admin, "update", "user", user.id)
    db.session.flush()


# --- Settings --------------------------------------------------------------


def stored_settings() -> SettingsValues:
    """What an administrator has set; empty means "use the default"."""
    row = db.session.get(ServiceSettings, SETTINGS_ID)
    return SettingsValues(
        service_name=row.service_name if row else None,
        contact_email=row.contact_email if row else None,
        contact_phone=row.contact_phone if row else None,
        contact_address=row.contact_address if row else None,
        team_duty_line=row.team_duty_line if row else None,
        local_crisis_line_name=row.local_crisis_line_name if row else None,
        local_crisis_line_phone=row.local_crisis_line_phone if row else None,
        local_crisis_line_description=row.local_crisis_line_description if row else None,
    )


def save_settings(admin: User, values: SettingsValues) -> None:
    row = db.session.get(ServiceSettings, SETTINGS_ID, with_for_update=True)
    if row is None:
        row = ServiceSettings(id=SETTINGS_ID)
        db.session.add(row)
    row.service_name = _none_if_empty(values.service_name)
    row.contact_email = accounts.normalise_email(values.contact_email or "") or None
    row.contact_phone = _none_if_empty(values.contact_phone)
    row.contact_address = _none_if_empty(values.contact_address)
    row.team_duty_line = _none_if_empty(values.team_duty_line)
    row.local_crisis_line_name = _none_if_empty(values.local_crisis_line_name)
    row.local_crisis_line_phone = _none_if_empty(values.local_crisis_line_phone)
    row.local_crisis_line_description = _none_if_empty(values.local_crisis_line_description)
    row.updated_by_user_id = admin.id
    db.session.flush()
    _record(admin, "update", "service_settings", SETTINGS_ID)
