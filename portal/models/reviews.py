"""Review requests (DESIGN §3, issue 6): anyone in a person's circle asks for
their plan to be reviewed, and always sees where the request has got to."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from portal.models.base import Base, utcnow
from portal.models.people import ContactMethod, _enum


class RequestedAs(enum.Enum):
    SERVICE_USER = "service_user"
    CARER = "carer"
    STAFF = "staff"


class ReviewUrgency(enum.Enum):
    """How soon the person would like the review. Never an emergency route:
    the journey says so and links to the crisis contacts."""

    THIS_WEEK = "this_week"
    WITHIN_A_MONTH = "within_a_month"
    NEXT_REVIEW = "next_review"


class SupportWanted(enum.Enum):
    MORE = "more"
    SAME = "same"
    LESS = "less"
    NOT_SURE = "not_sure"


class ReviewStatus(enum.Enum):
    SUBMITTED = "submitted"
    ACKNOWLEDGED = "acknowledged"
    ARRANGED = "arranged"
    COMPLETED = "completed"
    DECLINED = "declined"


OPEN_STATUSES = (ReviewStatus.SUBMITTED, ReviewStatus.ACKNOWLEDGED, ReviewStatus.ARRANGED)


class ReviewOutcome(enum.Enum):
    PLAN_UPDATED = "plan_updated"
    NO_CHANGE_NEEDED = "no_change_needed"


class ReviewRequestVisibility(enum.Enum):
    """A carer's choice, as for carer notes (DESIGN §2)."""

    TEAM_ONLY = "team_only"
    TEAM_AND_PERSON = "team_and_person"


class ReviewRequest(Base):
    """One request. The requester's own words are never edited; every change
    of status is also an append-only ``ReviewRequestEvent``."""

    __tablename__ = "review_requests"
    __table_args__ = (
        # A double click sends the same key twice: the second finds the first.
        UniqueConstraint("requester_user_id", "idempotency_key"),
        UniqueConstraint("reference"),
        Index("ix_review_requests_person_status", "service_user_id", "status"),
        Index("ix_review_requests_requester_at", "requester_user_id", "submitted_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    reference: Mapped[str] = mapped_column(String(16))
    idempotency_key: Mapped[str] = mapped_column(String(64))
    requester_user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    requester_name: Mapped[str] = mapped_column(String(120))
    requested_as: Mapped[RequestedAs] = mapped_column(_enum(RequestedAs, "requested_as"))
    service_user_id: Mapped[int] = mapped_column(ForeignKey("service_users.id"))
    visibility: Mapped[ReviewRequestVisibility] = mapped_column(
        _enum(ReviewRequestVisibility, "review_request_visibility"),
        default=ReviewRequestVisibility.TEAM_AND_PERSON,
    )
    what_changed: Mapped[str] = mapped_column(Text)
    what_to_change: Mapped[str] = mapped_column(Text, default="")
    urgency: Mapped[ReviewUrgency] = mapped_column(_enum(ReviewUrgency, "review_urgency"))
    support_wanted: Mapped[SupportWanted] = mapped_column(_enum(SupportWanted, "support_wanted"))
    contact_method: Mapped[ContactMethod] = mapped_column(_enum(ContactMethod, "contact_method"))
    contact_details: Mapped[str] = mapped_column(String(254), default="")
    contact_times: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[ReviewStatus] = mapped_column(
        _enum(ReviewStatus, "review_status"), default=ReviewStatus.SUBMITTED
    )
    submitted_at: Mapped[datetime] = mapped_column(default=utcnow)
    acknowledged_at: Mapped[datetime | None]
    arranged_for: Mapped[datetime | None]
    arranged_how: Mapped[str | None] = mapped_column(Text)
    closed_at: Mapped[datetime | None]
    outcome: Mapped[ReviewOutcome | None] = mapped_column(_enum(ReviewOutcome, "review_outcome"))
    decline_reason: Mapped[str | None] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)


class ReviewEventKind(enum.Enum):
    SUBMITTED = "submitted"
    ACKNOWLEDGED = "acknowledged"
    ARRANGED = "arranged"
    COMPLETED = "completed"
    DECLINED = "declined"
    MESSAGE = "message"
    STEPPED_UP = "stepped_up"


class ReviewRequestEvent(Base):
    """A status change or a message from the team. Append-only: the
    requester's history of their request never loses a line."""

    __tablename__ = "review_request_events"
    __table_args__ = (Index("ix_review_request_events_request_at", "review_request_id", "at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    review_request_id: Mapped[int] = mapped_column(ForeignKey("review_requests.id"))
    kind: Mapped[ReviewEventKind] = mapped_column(_enum(ReviewEventKind, "review_event_kind"))
    message: Mapped[str] = mapped_column(Text, default="")
    by_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    by_name: Mapped[str] = mapped_column(String(120))
    at: Mapped[datetime] = mapped_column(default=utcnow)


class ReviewRequestDraft(Base):
    """The answers of a request still being written, saved at every step, so
    a session that times out loses nothing: signing in again resumes it."""

    __tablename__ = "review_request_drafts"
    __table_args__ = (UniqueConstraint("requester_user_id", "service_user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    requester_user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    service_user_id: Mapped[int] = mapped_column(ForeignKey("service_users.id"))
    # The answers so far, as JSON: {"what_changed": "...", ...}.
    answers: Mapped[str] = mapped_column(Text, default="{}")
    # The key the check-answers page sends: one request per draft.
    idempotency_key: Mapped[str] = mapped_column(String(64))
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
