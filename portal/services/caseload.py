"""A staff member's caseload: the people they work with, a page at a time.

Rules enforced here:
- "mine" is everyone with an active care-team membership of this staff
  member (named key worker or MDT member); "team", for team managers only, is
  everyone with an active membership of anyone in their team: exactly the
  reach ``portal.access.staff_can_see`` gives them, so a row always opens;
- a membership that has ended drops the person at once: nothing is cached;
- a page costs two queries whatever the caseload size: a count, and the page
  itself with everything it shows. The columns that need other tables (this
  staff member's role, the key worker, the newest answer to the latest plan
  version) are correlated subqueries, which PostgreSQL works out only for the
  rows of the page (indexes: migration 0004).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, distinct, exists, func, literal, or_, select

from portal import db
from portal.access import Viewer
from portal.models import (
    AssessmentStatus,
    CarePlan,
    CarerAssessmentRequest,
    CarerContribution,
    CareTeamMember,
    PlanResponse,
    PlanVersion,
    PlanVersionResponse,
    ReviewRequest,
    ServiceUser,
    StaffMember,
    SupportLevel,
)
from portal.models.base import utcnow
from portal.models.reviews import OPEN_STATUSES
from portal.nhs_number import normalise

PAGE_SIZE = 25
CARER_NOTES_DAYS = 28
OPEN_ASSESSMENT_STATUSES = (
    AssessmentStatus.RECEIVED,
    AssessmentStatus.PASSED_TO_LOCAL_AUTHORITY,
    AssessmentStatus.ASSESSMENT_ARRANGED,
)
# Long enough for any name; a longer query is cut, not refused.
MAX_QUERY_LENGTH = 100


class CaseloadScope(enum.Enum):
    MINE = "mine"
    TEAM = "team"


@dataclass(frozen=True)
class CommunicationNeeds:
    """What the Accessible Information Standard asks us to record and honour."""

    needs_interpreter: bool
    interpreter_language: str | None
    easy_read: bool
    large_print: bool
    bsl: bool
    other: str | None

    @property
    def is_empty(self) -> bool:
        return not (
            self.needs_interpreter
            or self.easy_read
            or self.large_print
            or self.bsl
            or (self.other or "").strip()
        )

    @classmethod
    def of(cls, person: Any) -> CommunicationNeeds:
        """From a ServiceUser or a row with the same column names."""
        return cls(
            needs_interpreter=bool(person.needs_interpreter),
            interpreter_language=person.interpreter_language or None,
            easy_read=bool(person.needs_easy_read),
            large_print=bool(person.needs_large_print),
            bsl=bool(person.needs_bsl),
            other=person.other_communication_needs or None,
        )


@dataclass(frozen=True)
class CaseloadRow:
    service_user_id: int
    full_name: str
    preferred_name: str
    nhs_number: str
    your_role: str | None  # None: a team manager's view of someone else's person
    you_are_key_worker: bool
    key_worker_name: str | None
    next_review_on: date | None
    review_overdue: bool
    support_level: SupportLevel
    wants_to_talk: bool  # "I'd like to talk about it" to the latest version
    needs: CommunicationNeeds
    # Carers' notes and offered actions in the last four weeks, and open
    # carer's assessment requests (issue 5); open review requests (issue 6).
    recent_carer_notes: int = 0
    open_carer_assessments: int = 0
    open_review_requests: int = 0  # asked for a review; not yet done or declined


@dataclass(frozen=True)
class CaseloadPage:
    rows: list[CaseloadRow]
    total: int
    page: int
    page_count: int
    scope: CaseloadScope
    query: str

    @property
    def first_shown(self) -> int:
        return (self.page - 1) * PAGE_SIZE + 1 if self.rows else 0

    @property
    def last_shown(self) -> int:
        return (self.page - 1) * PAGE_SIZE + len(self.rows)


def _active() -> ColumnElement[bool]:
    return CareTeamMember.ended_on.is_(None)


def _person(column: Any) -> Any:
    """One column of the membership's person, looked up by primary key.

    A correlated scalar subquery on purpose: PostgreSQL never turns it into
    a join, so the caseload is always found through the care-team index and
    each person read by key. A join would let the planner scan every service
    user in the database for a large caseload (see the EXPLAIN test)."""
    return select(column).where(ServiceUser.id == CareTeamMember.service_user_id).scalar_subquery()


def _in_reach(viewer: Viewer, scope: CaseloadScope) -> ColumnElement[bool]:
    """Active memberships of this staff member (or, for a team manager's
    team view, of anyone in their team)."""
    if scope is CaseloadScope.TEAM and viewer.is_team_manager:
        in_team = select(StaffMember.id).where(StaffMember.team_id == viewer.team_id)
        return and_(CareTeamMember.staff_member_id.in_(in_team), _active())
    return and_(CareTeamMember.staff_member_id == viewer.staff_member_id, _active())


def people_in_reach(viewer: Viewer) -> Select[Any]:
    """The ids of everyone this staff member can see (``staff_can_see``):
    their own caseload, or for a team manager their team's."""
    scope = CaseloadScope.TEAM if viewer.is_team_manager else CaseloadScope.MINE
    return select(CareTeamMember.service_user_id).where(_in_reach(viewer, scope))


def _matching(query: str) -> ColumnElement[bool] | None:
    """Digits (spaces and dashes allowed) search NHS numbers; anything else
    searches full and preferred names, ignoring case."""
    query = query.strip()[:MAX_QUERY_LENGTH]
    if not query:
        return None
    digits = normalise(query)
    if digits.isascii() and digits.isdigit():
        if len(digits) == 10:
            # Uncorrelated: found once through the unique index.
            by_number = select(ServiceUser.id).where(ServiceUser.nhs_number == digits)
            return CareTeamMember.service_user_id == by_number.scalar_subquery()
        starts_with: ColumnElement[bool] = _person(ServiceUser.nhs_number).startswith(
            digits, autoescape=True
        )
        return starts_with
    named = (
        select(literal(1))
        .where(
            ServiceUser.id == CareTeamMember.service_user_id,
            or_(
                ServiceUser.full_name.icontains(query, autoescape=True),
                ServiceUser.preferred_name.icontains(query, autoescape=True),
            ),
        )
        .scalar_subquery()
    )
    found: ColumnElement[bool] = named.is_not(None)
    return found


def _memberships(
    statement: Select[*tuple[Any, ...]], viewer: Viewer, scope: CaseloadScope, query: str
) -> Any:
    statement = statement.where(_in_reach(viewer, scope))
    search = _matching(query)
    return statement if search is None else statement.where(search)


def caseload_statement(
    viewer: Viewer, scope: CaseloadScope, query: str, page: int
) -> Select[*tuple[Any, ...]]:
    """The page query, also run under EXPLAIN by the tests and the benchmark.

    First the page's people: from the care-team index, one row per person,
    in name order, cut to the page. Then, for those 25 only, the columns the
    page shows."""
    sort_name = _person(ServiceUser.full_name).label("sort_name")
    on_page = (
        _memberships(
            select(CareTeamMember.service_user_id.label("id"), sort_name), viewer, scope, query
        )
        .group_by(CareTeamMember.service_user_id)
        .order_by(sort_name, CareTeamMember.service_user_id)
        .limit(PAGE_SIZE)
        .offset((page - 1) * PAGE_SIZE)
        .subquery("on_page")
    )
    mine = and_(
        CareTeamMember.service_user_id == ServiceUser.id,
        CareTeamMember.staff_member_id == viewer.staff_member_id,
        _active(),
    )
    your_role = (
        select(CareTeamMember.role_in_care)
        .where(mine)
        .order_by(CareTeamMember.is_key_worker.desc(), CareTeamMember.id)
        .limit(1)
        .scalar_subquery()
    )
    you_are_key_worker = exists().where(mine, CareTeamMember.is_key_worker)
    key_worker_name = (
        select(StaffMember.name)
        .join(CareTeamMember, CareTeamMember.staff_member_id == StaffMember.id)
        .where(
            CareTeamMember.service_user_id == ServiceUser.id,
            CareTeamMember.is_key_worker,
            _active(),
        )
        .limit(1)
        .scalar_subquery()
    )
    latest_version_id = (
        select(PlanVersion.id)
        .join(CarePlan, PlanVersion.plan_id == CarePlan.id)
        .where(CarePlan.service_user_id == ServiceUser.id)
        .order_by(PlanVersion.number.desc())
        .limit(1)
        .correlate(ServiceUser)
        .scalar_subquery()
    )
    latest_response = (
        select(PlanVersionResponse.response)
        .where(PlanVersionResponse.version_id == latest_version_id)
        .order_by(PlanVersionResponse.created_at.desc(), PlanVersionResponse.id.desc())
        .limit(1)
        .scalar_subquery()
    )
    # [carers] Issue 5 (indexes: migration 0005).
    recent_carer_notes = (
        select(func.count(CarerContribution.id))
        .where(
            CarerContribution.service_user_id == ServiceUser.id,
            CarerContribution.created_at >= utcnow() - timedelta(days=CARER_NOTES_DAYS),
        )
        .correlate(ServiceUser)
        .scalar_subquery()
    )
    open_carer_assessments = (
        select(func.count(CarerAssessmentRequest.id))
        .where(
            CarerAssessmentRequest.service_user_id == ServiceUser.id,
            CarerAssessmentRequest.status.in_(OPEN_ASSESSMENT_STATUSES),
        )
        .correlate(ServiceUser)
        .scalar_subquery()
    )
    open_review_requests = (
        select(func.count(ReviewRequest.id))
        .where(
            ReviewRequest.service_user_id == ServiceUser.id,
            ReviewRequest.status.in_(OPEN_STATUSES),
        )
        .correlate(ServiceUser)
        .scalar_subquery()
    )
    return (
        select(
            ServiceUser.id,
            ServiceUser.full_name,
            ServiceUser.preferred_name,
            ServiceUser.nhs_number,
            ServiceUser.next_review_on,
            ServiceUser.support_level,
            ServiceUser.needs_interpreter,
            ServiceUser.interpreter_language,
            ServiceUser.needs_easy_read,
            ServiceUser.needs_large_print,
            ServiceUser.needs_bsl,
            ServiceUser.other_communication_needs,
            your_role.label("your_role"),
            you_are_key_worker.label("you_are_key_worker"),
            key_worker_name.label("key_worker_name"),
            latest_response.label("latest_response"),
            recent_carer_notes.label("recent_carer_notes"),
            open_carer_assessments.label("open_carer_assessments"),
            open_review_requests.label("open_review_requests"),
        )
        .select_from(on_page)
        .join(ServiceUser, ServiceUser.id == on_page.c.id)
        .order_by(on_page.c.sort_name, on_page.c.id)
    )


def count_statement(viewer: Viewer, scope: CaseloadScope, query: str) -> Select[*tuple[Any, ...]]:
    counted = select(func.count(distinct(CareTeamMember.service_user_id)))
    return _memberships(counted, viewer, scope, query)  # type: ignore[no-any-return]


def _count(viewer: Viewer, scope: CaseloadScope, query: str) -> int:
    return int(db.session.scalar(count_statement(viewer, scope, query)) or 0)


def caseload_page(
    viewer: Viewer, *, scope: CaseloadScope = CaseloadScope.MINE, query: str = "", page: int = 1
) -> CaseloadPage:
    """One page of the caseload, in name order. A page past the end shows
    the last page, so a stale link still shows people."""
    if viewer.staff_member_id is None:
        return CaseloadPage([], 0, 1, 1, scope, query)
    if scope is CaseloadScope.TEAM and not viewer.is_team_manager:
        scope = CaseloadScope.MINE
    total = _count(viewer, scope, query)
    page_count = max(1, -(-total // PAGE_SIZE))
    page = min(max(page, 1), page_count)
    today = date.today()
    rows = [
        CaseloadRow(
            service_user_id=row.id,
            full_name=row.full_name,
            preferred_name=row.preferred_name,
            nhs_number=row.nhs_number,
            your_role=row.your_role,
            you_are_key_worker=bool(row.you_are_key_worker),
            key_worker_name=row.key_worker_name,
            next_review_on=row.next_review_on,
            review_overdue=row.next_review_on is not None and row.next_review_on < today,
            support_level=row.support_level,
            wants_to_talk=row.latest_response is PlanResponse.TALK,
            needs=CommunicationNeeds.of(row),
            recent_carer_notes=int(row.recent_carer_notes or 0),
            open_carer_assessments=int(row.open_carer_assessments or 0),
            open_review_requests=int(row.open_review_requests or 0),
        )
        for row in db.session.execute(caseload_statement(viewer, scope, query, page))
    ]
    return CaseloadPage(rows, total, page, page_count, scope, query)


def caseload_size(viewer: Viewer) -> int:
    """How many people this staff member works with: one query, for home."""
    if viewer.staff_member_id is None:
        return 0
    return _count(viewer, CaseloadScope.MINE, "")
