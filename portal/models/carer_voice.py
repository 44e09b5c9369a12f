"""What carers tell the team and ask for: notes, suggested actions, and
carer's assessment requests (Care Act 2014 s.10)."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from portal.models.base import Base, utcnow
from portal.models.people import ContactMethod, _enum


class ContributionKind(enum.Enum):
    NOTE = "note"  # something the carer wants the team to know
    SUGGESTED_ACTION = "suggested_action"  # an action for the carer, for the person to accept


class ContributionVisibility(enum.Enum):
    TEAM = "team"  # the team only (Triangle of Care: no consent needed)
    TEAM_AND_PERSON = "team_and_person"


class SuggestionStatus(enum.Enum):
    PENDING = "pending"
    ACCEPTED = "accepted"
    DECLINED = "declined"


class CarerContribution(Base):
    """Append-only: a carer's words are kept as written, marked with who wrote them."""

    __tablename__ = "carer_contributions"
    __table_args__ = (
        Index("ix_carer_contributions_person_created", "service_user_id", "created_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    service_user_id: Mapped[int] = mapped_column(ForeignKey("service_users.id"))
    carer_link_id: Mapped[int] = mapped_column(ForeignKey("carer_links.id"), index=True)
    author_user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    # Kept as written at the time, so the note reads the same after a link ends.
    author_name: Mapped[str] = mapped_column(String(120))
    author_relationship: Mapped[str] = mapped_column(String(80))
    kind: Mapped[ContributionKind] = mapped_column(_enum(ContributionKind, "contribution_kind"))
    visibility: Mapped[ContributionVisibility] = mapped_column(
        _enum(ContributionVisibility, "contribution_visibility")
    )
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Suggested actions only: the person's decision, and the action it became.
    suggestion_status: Mapped[SuggestionStatus | None] = mapped_column(
        _enum(SuggestionStatus, "suggestion_status")
    )
    decided_at: Mapped[datetime | None]
    plan_action_id: Mapped[int | None] = mapped_column(ForeignKey("plan_actions.id"))


class CaringHours(enum.Enum):
    UNDER_10 = "under_10"
    FROM_10_TO_19 = "10_to_19"
    FROM_20_TO_34 = "20_to_34"
    FROM_35_TO_49 = "35_to_49"
    OVER_50 = "50_or_more"
    VARIES = "varies"


class AssessmentStatus(enum.Enum):
    RECEIVED = "received"
    PASSED_TO_LOCAL_AUTHORITY = "passed_to_local_authority"
    ASSESSMENT_ARRANGED = "assessment_arranged"
    COMPLETED = "completed"
    CLOSED = "closed"  # with a reason, in status_note


class CarerAssessmentRequest(Base):
    """A carer asking for an assessment of their own needs. The person cared
    for may be someone outside this service (``service_user_id`` empty, their
    name in ``cared_for_name``)."""

    __tablename__ = "carer_assessment_requests"
    __table_args__ = (Index("ix_carer_assessment_requests_status_created", "status", "created_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    carer_user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    service_user_id: Mapped[int | None] = mapped_column(ForeignKey("service_users.id"), index=True)
    cared_for_name: Mapped[str] = mapped_column(String(120))
    is_young_carer: Mapped[bool] = mapped_column(Boolean, default=False)
    caring_hours: Mapped[CaringHours] = mapped_column(_enum(CaringHours, "caring_hours"))
    affects_health: Mapped[bool] = mapped_column(Boolean, default=False)
    affects_work: Mapped[bool] = mapped_column(Boolean, default=False)
    affects_sleep: Mapped[bool] = mapped_column(Boolean, default=False)
    affects_money: Mapped[bool] = mapped_column(Boolean, default=False)
    affects_own_time: Mapped[bool] = mapped_column(Boolean, default=False)
    what_would_help: Mapped[str] = mapped_column(Text)
    consent_to_local_authority: Mapped[bool] = mapped_column(Boolean)
    contact_method: Mapped[ContactMethod] = mapped_column(_enum(ContactMethod, "contact_method"))
    contact_details: Mapped[str] = mapped_column(String(254))
    best_time_to_contact: Mapped[str] = mapped_column(String(200), default="")
    status: Mapped[AssessmentStatus] = mapped_column(
        _enum(AssessmentStatus, "assessment_status"), default=AssessmentStatus.RECEIVED
    )
    # The latest note from staff, which the carer sees beside the status.
    status_note: Mapped[str] = mapped_column(Text, default="")
    status_changed_at: Mapped[datetime | None]
    status_changed_by_name: Mapped[str | None] = mapped_column(String(120))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
