"""Asking for a review, and the team answering (issue 6).

Rules enforced here:
- a service user asks about their own plan; a carer only about someone they
  have an active carer link with (404 otherwise), whatever is shared;
- the answers of a request still being written are saved at every step, in
  one draft per requester and person, so nothing typed is lost when a
  session times out;
- submitting is idempotent: the check-answers page carries the draft's key,
  and (requester, key) is unique, so a double click makes one request;
- a requester sees every request they made, with every status change and
  message; a service user also sees a carer's request about them when the
  carer chose "the team and <name>"; a carer sees only their own;
- only staff who can see the person (``staff_can_see``) read or change a
  request; anyone else gets 404. Declining needs a reason in plain words;
- every request, status change and message is an append-only
  ``ReviewRequestEvent`` and writes an ``AuditEvent``.
"""

from __future__ import annotations

import json
import secrets
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from flask import abort, current_app
from sqlalchemy import ColumnElement, case, func, or_, select
from sqlalchemy.exc import IntegrityError

from portal import db
from portal.access import Viewer, active_carer_link, staff_can_see
from portal.audit import record
from portal.models import (
    OPEN_STATUSES,
    CarePlan,
    ContactMethod,
    PlanVersion,
    RequestedAs,
    ReviewEventKind,
    ReviewOutcome,
    ReviewRequest,
    ReviewRequestDraft,
    ReviewRequestEvent,
    ReviewRequestVisibility,
    ReviewStatus,
    ReviewUrgency,
    ServiceUser,
    SupportLevel,
    SupportWanted,
)
from portal.models.base import utcnow
from portal.services import support_level
from portal.services.caseload import people_in_reach

# Review dates and times are agreed in UK time, whatever the server's zone.
LOCAL_ZONE = ZoneInfo("Europe/London")
ANSWER_KEYS = (
    "what_changed",
    "what_to_change",
    "urgency",
    "support_wanted",
    "contact_method",
    "contact_details",
    "contact_times",
    "visibility",
)
# The journey's steps in order, and the answers each one asks for.
STEPS: dict[str, tuple[str, ...]] = {
    "what-has-changed": ("what_changed",),
    "what-to-change": ("what_to_change",),
    "how-soon": ("urgency",),
    "support": ("support_wanted",),
    "contact": ("contact_method", "contact_details", "contact_times"),
    "who-sees-it": ("visibility",),  # carers only
}
REQUIRED = ("what_changed", "urgency", "support_wanted", "contact_method")
URGENCY_ORDER = {
    ReviewUrgency.THIS_WEEK: 0,
    ReviewUrgency.WITHIN_A_MONTH: 1,
    ReviewUrgency.NEXT_REVIEW: 2,
}


class IncompleteAnswers(Exception):
    """An answer the request needs is missing; ``step`` asks for it."""

    def __init__(self, step: str) -> None:
        super().__init__(step)
        self.step = step


class NotOpen(Exception):
    """The request has moved on (or closed) since the page was loaded."""


class NothingToSubmit(Exception):
    """No draft, and no request made with this key: the page was stale."""


@dataclass(frozen=True)
class Subject:
    """Whose plan the request is about, and as what the requester asks."""

    service_user_id: int
    person_name: str
    requested_as: RequestedAs

    @property
    def by_carer(self) -> bool:
        return self.requested_as is RequestedAs.CARER

    def steps(self) -> list[str]:
        return [step for step in STEPS if step != "who-sees-it" or self.by_carer]


@dataclass(frozen=True)
class EventView:
    kind: ReviewEventKind
    message: str
    by_name: str
    at: datetime


@dataclass(frozen=True)
class RequestView:
    id: int
    reference: str
    service_user_id: int
    person_name: str
    requested_as: RequestedAs
    requester_name: str
    made_by_viewer: bool
    visibility: ReviewRequestVisibility
    what_changed: str
    what_to_change: str
    urgency: ReviewUrgency
    support_wanted: SupportWanted
    contact_method: ContactMethod
    contact_details: str
    contact_times: str
    status: ReviewStatus
    submitted_at: datetime
    arranged_on: date | None  # UK time
    arranged_at: str | None  # "14:30", UK time
    arranged_how: str | None
    outcome: ReviewOutcome | None
    decline_reason: str | None
    overdue: bool
    events: list[EventView]  # oldest first
    person_support_level: SupportLevel | None = None  # staff pages only

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES


@dataclass(frozen=True)
class RequestRow:
    """One line of a list of requests."""

    id: int
    reference: str
    service_user_id: int
    person_name: str
    requested_as: RequestedAs
    requester_name: str
    made_by_viewer: bool
    urgency: ReviewUrgency
    support_wanted: SupportWanted
    status: ReviewStatus
    submitted_at: datetime
    arranged_on: date | None
    arranged_at: str | None
    overdue: bool


# --- Working days -------------------------------------------------------


def working_days_between(start: date, end: date) -> int:
    """Monday-to-Friday days after ``start``, up to and including ``end``."""
    if end <= start:
        return 0
    days = 0
    current = start
    while current < end:
        current += timedelta(days=1)
        if current.weekday() < 5:
            days += 1
    return days


def _is_overdue(status: ReviewStatus, submitted_at: datetime, today: date) -> bool:
    if status is not ReviewStatus.SUBMITTED:
        return False
    limit = int(current_app.config["REVIEW_ACKNOWLEDGE_WORKING_DAYS"])
    sent_on = submitted_at.astimezone(LOCAL_ZONE).date()
    return working_days_between(sent_on, today) >= limit


def _today() -> date:
    return datetime.now(LOCAL_ZONE).date()


def _local(value: datetime | None) -> tuple[date | None, str | None]:
    if value is None:
        return None, None
    local = value.astimezone(LOCAL_ZONE)
    return local.date(), local.strftime("%H:%M")


def local_datetime(on: date, at: time) -> datetime:
    """A UK date and time as an aware UTC datetime, for storing."""
    return datetime.combine(on, at, tzinfo=LOCAL_ZONE).astimezone(UTC)


# --- Who the request is about ------------------------------------------


def subject_for(viewer: Viewer, service_user_id: int | None) -> Subject:
    """The person's own request (no id), or a carer's about someone they care
    for. Anything else is 404."""
    if service_user_id is None:
        if viewer.service_user_id is None:
            abort(404)
        person = db.session.get(ServiceUser, viewer.service_user_id)
        if person is None:
            abort(404)
        return Subject(person.id, person.preferred_name, RequestedAs.SERVICE_USER)
    link = active_carer_link(viewer, service_user_id)
    if link is None:
        abort(404)
    person = db.session.get(ServiceUser, service_user_id)
    if person is None:
        abort(404)
    return Subject(person.id, person.preferred_name, RequestedAs.CARER)


# --- The draft ----------------------------------------------------------


def _draft(viewer: Viewer, subject: Subject) -> ReviewRequestDraft | None:
    return db.session.scalar(
        select(ReviewRequestDraft).where(
            ReviewRequestDraft.requester_user_id == viewer.user.id,
            ReviewRequestDraft.service_user_id == subject.service_user_id,
        )
    )


def answers_so_far(viewer: Viewer, subject: Subject) -> dict[str, str]:
    draft = _draft(viewer, subject)
    if draft is None:
        return {}
    loaded = json.loads(draft.answers)
    return {key: str(loaded[key]) for key in ANSWER_KEYS if key in loaded}


def has_draft(viewer: Viewer, subject: Subject) -> bool:
    return _draft(viewer, subject) is not None


def save_answers(viewer: Viewer, subject: Subject, answers: dict[str, str]) -> str:
    """Keep this step's answers in the draft (made on the first step) and
    return the draft's submission key."""
    draft = _draft(viewer, subject)
    if draft is None:
        draft = ReviewRequestDraft(
            requester_user_id=viewer.user.id,
            service_user_id=subject.service_user_id,
            answers="{}",
            idempotency_key=secrets.token_urlsafe(24),
        )
        db.session.add(draft)
    merged = json.loads(draft.answers)
    merged.update({key: value for key, value in answers.items() if key in ANSWER_KEYS})
    draft.answers = json.dumps(merged)
    draft.updated_at = utcnow()
    db.session.flush()
    return draft.idempotency_key


def draft_key(viewer: Viewer, subject: Subject) -> str | None:
    draft = _draft(viewer, subject)
    return draft.idempotency_key if draft else None


def first_missing_step(subject: Subject, answers: dict[str, str]) -> str | None:
    for step in subject.steps():
        for key in STEPS[step]:
            needed = key in REQUIRED or (key == "visibility" and subject.by_carer)
            if needed and not answers.get(key):
                return step
    return None


def discard_draft(viewer: Viewer, subject: Subject) -> None:
    draft = _draft(viewer, subject)
    if draft is not None:
        db.session.delete(draft)
        db.session.flush()


# --- Submitting ---------------------------------------------------------


def _existing(viewer: Viewer, key: str) -> ReviewRequest | None:
    return db.session.scalar(
        select(ReviewRequest).where(
            ReviewRequest.requester_user_id == viewer.user.id,
            ReviewRequest.idempotency_key == key,
        )
    )


def _new_reference() -> str:
    # No 0/O or 1/I: read out over the phone without mistakes.
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    code = "".join(secrets.choice(alphabet) for _ in range(8))
    return f"RV-{code[:4]}-{code[4:]}"


def submit(viewer: Viewer, subject: Subject, idempotency_key: str) -> ReviewRequest:
    """Turn the draft into a request, once. A second submission with the same
    key (a double click, a resent form) answers with the first request."""
    existing = _existing(viewer, idempotency_key)
    if existing is not None:
        return existing
    draft = _draft(viewer, subject)
    if draft is None or draft.idempotency_key != idempotency_key:
        raise NothingToSubmit
    answers = answers_so_far(viewer, subject)
    missing = first_missing_step(subject, answers)
    if missing is not None:
        raise IncompleteAnswers(missing)
    visibility = (
        ReviewRequestVisibility(answers["visibility"])
        if subject.by_carer
        else ReviewRequestVisibility.TEAM_AND_PERSON
    )
    request = ReviewRequest(
        reference=_new_reference(),
        idempotency_key=idempotency_key,
        requester_user_id=viewer.user.id,
        requester_name=viewer.user.display_name,
        requested_as=subject.requested_as,
        service_user_id=subject.service_user_id,
        visibility=visibility,
        what_changed=answers["what_changed"],
        what_to_change=answers.get("what_to_change", ""),
        urgency=ReviewUrgency(answers["urgency"]),
        support_wanted=SupportWanted(answers["support_wanted"]),
        contact_method=ContactMethod(answers["contact_method"]),
        contact_details=answers.get("contact_details", ""),
        contact_times=answers.get("contact_times", ""),
        status=ReviewStatus.SUBMITTED,
    )
    db.session.add(request)
    try:
        db.session.flush()
    except IntegrityError:
        # The same key committed by a parallel request: that one stands.
        db.session.rollback()
        existing = _existing(viewer, idempotency_key)
        if existing is None:
            raise
        return existing
    _add_event(request, ReviewEventKind.SUBMITTED, viewer, "")
    db.session.delete(draft)
    _audit(viewer, subject.requested_as.value, "create", request)
    db.session.flush()
    return request


def _add_event(request: ReviewRequest, kind: ReviewEventKind, viewer: Viewer, message: str) -> None:
    db.session.add(
        ReviewRequestEvent(
            review_request_id=request.id,
            kind=kind,
            message=message.strip(),
            by_user_id=viewer.user.id,
            by_name=viewer.user.display_name,
        )
    )


def _audit(viewer: Viewer, acting_as: str, action: str, request: ReviewRequest) -> None:
    record(
        actor_user_id=viewer.user.id,
        acting_as=acting_as,
        action=action,
        object_type="review_request",
        object_id=request.id,
        service_user_id=request.service_user_id,
    )


# --- Reading ------------------------------------------------------------


def _visible_to_requester(viewer: Viewer) -> ColumnElement[bool]:
    mine = ReviewRequest.requester_user_id == viewer.user.id
    if viewer.service_user_id is None:
        return mine
    about_me = (ReviewRequest.service_user_id == viewer.service_user_id) & (
        ReviewRequest.visibility == ReviewRequestVisibility.TEAM_AND_PERSON
    )
    return or_(mine, about_me)


def _row(request: ReviewRequest, person_name: str, viewer: Viewer, today: date) -> RequestRow:
    arranged_on, arranged_at = _local(request.arranged_for)
    return RequestRow(
        id=request.id,
        reference=request.reference,
        service_user_id=request.service_user_id,
        person_name=person_name,
        requested_as=request.requested_as,
        requester_name=request.requester_name,
        made_by_viewer=request.requester_user_id == viewer.user.id,
        urgency=request.urgency,
        support_wanted=request.support_wanted,
        status=request.status,
        submitted_at=request.submitted_at,
        arranged_on=arranged_on,
        arranged_at=arranged_at,
        overdue=_is_overdue(request.status, request.submitted_at, today),
    )


def my_requests(viewer: Viewer) -> list[RequestRow]:
    """Every request this person made (and, for a service user, carers'
    requests about them that the carer chose to show them), newest first.
    One query."""
    today = _today()
    rows = db.session.execute(
        select(ReviewRequest, ServiceUser.preferred_name)
        .join(ServiceUser, ServiceUser.id == ReviewRequest.service_user_id)
        .where(_visible_to_requester(viewer))
        .order_by(ReviewRequest.submitted_at.desc(), ReviewRequest.id.desc())
    ).all()
    return [_row(request, name, viewer, today) for request, name in rows]


def _events(request_id: int) -> list[EventView]:
    return [
        EventView(event.kind, event.message, event.by_name, event.at)
        for event in db.session.scalars(
            select(ReviewRequestEvent)
            .where(ReviewRequestEvent.review_request_id == request_id)
            .order_by(ReviewRequestEvent.at, ReviewRequestEvent.id)
        )
    ]


def _view(
    request: ReviewRequest, person: ServiceUser, viewer: Viewer, *, for_staff: bool
) -> RequestView:
    arranged_on, arranged_at = _local(request.arranged_for)
    return RequestView(
        id=request.id,
        reference=request.reference,
        service_user_id=request.service_user_id,
        person_name=person.preferred_name,
        requested_as=request.requested_as,
        requester_name=request.requester_name,
        made_by_viewer=request.requester_user_id == viewer.user.id,
        visibility=request.visibility,
        what_changed=request.what_changed,
        what_to_change=request.what_to_change,
        urgency=request.urgency,
        support_wanted=request.support_wanted,
        contact_method=request.contact_method,
        contact_details=request.contact_details,
        contact_times=request.contact_times,
        status=request.status,
        submitted_at=request.submitted_at,
        arranged_on=arranged_on,
        arranged_at=arranged_at,
        arranged_how=request.arranged_how,
        outcome=request.outcome,
        decline_reason=request.decline_reason,
        overdue=_is_overdue(request.status, request.submitted_at, _today()),
        events=_events(request.id),
        person_support_level=person.support_level if for_staff else None,
    )


def request_for_requester(viewer: Viewer, request_id: int) -> RequestView:
    found = db.session.execute(
        select(ReviewRequest, ServiceUser)
        .join(ServiceUser, ServiceUser.id == ReviewRequest.service_user_id)
        .where(ReviewRequest.id == request_id, _visible_to_requester(viewer))
    ).one_or_none()
    if found is None:
        abort(404)
    request, person = found
    if request.requested_as is RequestedAs.CARER and request.requester_user_id == viewer.user.id:
        # A carer reading the team's answers about someone they care for:
        # a carer's read of that person's record, so the person can see it.
        _audit(viewer, "carer", "view", request)
    return _view(request, person, viewer, for_staff=False)


# --- The team's side ----------------------------------------------------


@dataclass(frozen=True)
class RequestFilters:
    status: ReviewStatus | None = None  # None: every open request
    urgency: ReviewUrgency | None = None
    include_closed: bool = False


def requests_for_staff(viewer: Viewer, filters: RequestFilters) -> list[RequestRow]:
    """Requests about people in this staff member's reach (as
    ``staff_can_see``), most urgent first and then newest. One query."""
    if viewer.staff_member_id is None:
        return []
    statement = (
        select(ReviewRequest, ServiceUser.preferred_name)
        .join(ServiceUser, ServiceUser.id == ReviewRequest.service_user_id)
        .where(ReviewRequest.service_user_id.in_(people_in_reach(viewer)))
    )
    if filters.status is not None:
        statement = statement.where(ReviewRequest.status == filters.status)
    elif not filters.include_closed:
        statement = statement.where(ReviewRequest.status.in_(OPEN_STATUSES))
    if filters.urgency is not None:
        statement = statement.where(ReviewRequest.urgency == filters.urgency)
    urgency_rank = case(
        {urgency.value: rank for urgency, rank in URGENCY_ORDER.items()},
        value=ReviewRequest.urgency,
    )
    closed_last = case((ReviewRequest.status.in_(OPEN_STATUSES), 0), else_=1)
    statement = statement.order_by(
        closed_last, urgency_rank, ReviewRequest.submitted_at.desc(), ReviewRequest.id.desc()
    )
    today = _today()
    return [_row(request, name, viewer, today) for request, name in db.session.execute(statement)]


def open_request_count(viewer: Viewer) -> int:
    """Open requests about people in this staff member's reach, for home."""
    if viewer.staff_member_id is None:
        return 0
    return int(
        db.session.scalar(
            select(func.count(ReviewRequest.id)).where(
                ReviewRequest.service_user_id.in_(people_in_reach(viewer)),
                ReviewRequest.status.in_(OPEN_STATUSES),
            )
        )
        or 0
    )


def _for_staff(
    viewer: Viewer, request_id: int, *, for_update: bool = False
) -> tuple[ReviewRequest, ServiceUser]:
    request = db.session.get(
        ReviewRequest, request_id, with_for_update=for_update, populate_existing=for_update
    )
    if request is None or not staff_can_see(viewer, request.service_user_id):
        abort(404)
    person = db.session.get(ServiceUser, request.service_user_id)
    if person is None:
        abort(404)
    return request, person


def request_for_staff(viewer: Viewer, request_id: int, *, record_view: bool) -> RequestView:
    request, person = _for_staff(viewer, request_id)
    if record_view:
        _audit(viewer, "staff", "view", request)
    return _view(request, person, viewer, for_staff=True)


def _change(
    viewer: Viewer,
    request_id: int,
    *,
    allowed_from: tuple[ReviewStatus, ...],
    expected_status: ReviewStatus | None,
) -> tuple[ReviewRequest, ServiceUser]:
    request, person = _for_staff(viewer, request_id, for_update=True)
    if request.status not in allowed_from:
        raise NotOpen
    if expected_status is not None and request.status is not expected_status:
        raise NotOpen
    return request, person


def _finish(viewer: Viewer, request: ReviewRequest, kind: ReviewEventKind, message: str) -> None:
    request.updated_at = utcnow()
    _add_event(request, kind, viewer, message)
    _audit(viewer, "staff", "update", request)
    db.session.flush()


def acknowledge(
    viewer: Viewer, request_id: int, *, message: str = "", expected_status: ReviewStatus | None
) -> None:
    request, _person = _change(
        viewer,
        request_id,
        allowed_from=(ReviewStatus.SUBMITTED,),
        expected_status=expected_status,
    )
    request.status = ReviewStatus.ACKNOWLEDGED
    request.acknowledged_at = utcnow()
    _finish(viewer, request, ReviewEventKind.ACKNOWLEDGED, message)


def _step_up(viewer: Viewer, request: ReviewRequest, person: ServiceUser, reason: str) -> None:
    """Record the step-up the requester asked for, through the support-level
    service, once the team agrees. Already stepped up: nothing to record."""
    if person.support_level is SupportLevel.STEPPED_UP:
        return
    support_level.change_support_level(
        viewer,
        person.id,
        to_level=SupportLevel.STEPPED_UP,
        reason=reason,
        changed_on=_today(),
    )
    _add_event(request, ReviewEventKind.STEPPED_UP, viewer, "")


def arrange(
    viewer: Viewer,
    request_id: int,
    *,
    when: datetime,
    how: str,
    message: str = "",
    step_up_reason: str | None = None,
    expected_status: ReviewStatus | None,
) -> None:
    request, person = _change(
        viewer, request_id, allowed_from=OPEN_STATUSES, expected_status=expected_status
    )
    if request.acknowledged_at is None:
        request.acknowledged_at = utcnow()
    request.status = ReviewStatus.ARRANGED
    request.arranged_for = when
    request.arranged_how = how.strip()
    if step_up_reason:
        _step_up(viewer, request, person, step_up_reason)
    _finish(viewer, request, ReviewEventKind.ARRANGED, message)


def _published_since(service_user_id: int, since: datetime) -> bool:
    return (
        db.session.scalar(
            select(PlanVersion.id)
            .join(CarePlan, CarePlan.id == PlanVersion.plan_id)
            .where(CarePlan.service_user_id == service_user_id, PlanVersion.published_at >= since)
            .limit(1)
        )
        is not None
    )


def complete(
    viewer: Viewer,
    request_id: int,
    *,
    outcome: ReviewOutcome,
    message: str = "",
    step_up_reason: str | None = None,
    expected_status: ReviewStatus | None,
) -> None:
    request, person = _change(
        viewer, request_id, allowed_from=OPEN_STATUSES, expected_status=expected_status
    )
    if outcome is ReviewOutcome.PLAN_UPDATED and not _published_since(
        person.id, request.submitted_at
    ):
        raise NoNewVersion
    request.status = ReviewStatus.COMPLETED
    request.outcome = outcome
    request.closed_at = utcnow()
    if step_up_reason:
        _step_up(viewer, request, person, step_up_reason)
    _finish(viewer, request, ReviewEventKind.COMPLETED, message)


class NoNewVersion(Exception):
    """ "The plan has been updated" needs a version published since the
    request was sent: the person is told their plan changed, so it must have."""


class ReasonRequired(Exception):
    """Declining a request needs a reason the requester can read."""


def decline(
    viewer: Viewer, request_id: int, *, reason: str, expected_status: ReviewStatus | None
) -> None:
    if not reason.strip():
        raise ReasonRequired
    request, _person = _change(
        viewer, request_id, allowed_from=OPEN_STATUSES, expected_status=expected_status
    )
    request.status = ReviewStatus.DECLINED
    request.decline_reason = reason.strip()
    request.closed_at = utcnow()
    _finish(viewer, request, ReviewEventKind.DECLINED, reason)


def send_message(viewer: Viewer, request_id: int, *, message: str) -> None:
    """A message from the team to the requester. Closed requests still take
    one: the conversation can carry on after a decision."""
    request, _person = _for_staff(viewer, request_id, for_update=True)
    _finish(viewer, request, ReviewEventKind.MESSAGE, message)


def answers_for_display(answers: dict[str, Any]) -> dict[str, Any]:
    """The draft's answers with choices turned back into their enums."""
    shown: dict[str, Any] = dict(answers)
    for key, kind in (
        ("urgency", ReviewUrgency),
        ("support_wanted", SupportWanted),
        ("contact_method", ContactMethod),
        ("visibility", ReviewRequestVisibility),
    ):
        value = answers.get(key)
        shown[key] = kind(value) if value in {member.value for member in kind} else None
    return shown
