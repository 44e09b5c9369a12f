"""What a person needs to know about their care team, as plain values."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from portal import db
from portal.models import CareTeamMember, ServiceUser, StaffMember, Team


@dataclass(frozen=True)
class TeamContact:
    name: str
    organisation: str
    phone: str | None
    opening_hours: str | None
    out_of_hours_advice: str | None


@dataclass(frozen=True)
class CareTeamPerson:
    name: str
    profession: str
    role_in_care: str
    phone: str | None
    working_hours: str | None
    team: TeamContact
    is_key_worker: bool


@dataclass(frozen=True)
class CareSummary:
    """The named key worker, the rest of the team, and the next review."""

    service_user_id: int
    preferred_name: str
    key_worker: CareTeamPerson | None
    others: list[CareTeamPerson]
    next_review_on: date | None
    support_level: str

    @property
    def main_team(self) -> TeamContact | None:
        if self.key_worker:
            return self.key_worker.team
        return self.others[0].team if self.others else None


def care_summary(service_user_id: int) -> CareSummary | None:
    """Two queries whatever the size of the team."""
    person = db.session.get(ServiceUser, service_user_id)
    if person is None:
        return None
    rows = db.session.execute(
        select(CareTeamMember, StaffMember, Team)
        .join(StaffMember, CareTeamMember.staff_member_id == StaffMember.id)
        .join(Team, StaffMember.team_id == Team.id)
        .where(CareTeamMember.service_user_id == service_user_id, CareTeamMember.ended_on.is_(None))
        .order_by(CareTeamMember.is_key_worker.desc(), StaffMember.name, CareTeamMember.id)
    ).all()
    people = [
        CareTeamPerson(
            name=staff.name,
            profession=staff.profession,
            role_in_care=membership.role_in_care,
            phone=staff.work_phone,
            working_hours=staff.working_hours,
            team=TeamContact(
                name=team.name,
                organisation=team.organisation,
                phone=team.phone,
                opening_hours=team.opening_hours,
                out_of_hours_advice=team.out_of_hours_advice,
            ),
            is_key_worker=membership.is_key_worker,
        )
        for membership, staff, team in rows
    ]
    key_worker = next((p for p in people if p.is_key_worker), None)
    return CareSummary(
        service_user_id=person.id,
        preferred_name=person.preferred_name,
        key_worker=key_worker,
        others=[p for p in people if not p.is_key_worker],
        next_review_on=person.next_review_on,
        support_level=person.support_level.value,
    )
