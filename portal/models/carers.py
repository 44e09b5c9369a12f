"""Carers and what each has been shown, by the service user's choice."""

from __future__ import annotations

import enum
from datetime import date, datetime

from sqlalchemy import Boolean, Date, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.models.base import Base, utcnow
from portal.models.people import ServiceUser, User, _enum


class CarerLinkStatus(enum.Enum):
    INVITED = "invited"
    ACTIVE = "active"
    ENDED = "ended"


class PlanSection(enum.Enum):
    """The parts of a plan a service user can share with a carer, one by one."""

    SUMMARY = "summary"  # summary and key worker contact
    GOALS = "goals"
    ACTIONS = "actions"
    SAFETY_PLAN = "safety_plan"
    INTERVENTIONS = "interventions"
    REVIEWS = "reviews"
    HISTORY = "history"


class CarerLink(Base):
    __tablename__ = "carer_links"

    id: Mapped[int] = mapped_column(primary_key=True)
    service_user_id: Mapped[int] = mapped_column(ForeignKey("service_users.id"), index=True)
    carer_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    carer_name: Mapped[str] = mapped_column(String(120))
    relationship_to_person: Mapped[str] = mapped_column(String(80))
    status: Mapped[CarerLinkStatus] = mapped_column(
        _enum(CarerLinkStatus, "carer_link_status"), default=CarerLinkStatus.INVITED
    )
    # Only a hash of the invitation token is kept.
    invitation_token_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    invitation_expires_at: Mapped[datetime | None]
    is_young_carer: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    ended_at: Mapped[datetime | None]

    service_user: Mapped[ServiceUser] = relationship(lazy="raise")
    carer_user: Mapped[User | None] = relationship(lazy="raise")


class SharingConsent(Base):
    """One section shared with one carer. Withdrawal keeps the row (history)."""

    __tablename__ = "sharing_consents"
    __table_args__ = (Index("ix_sharing_consents_link_section", "carer_link_id", "section"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    carer_link_id: Mapped[int] = mapped_column(ForeignKey("carer_links.id"))
    section: Mapped[PlanSection] = mapped_column(_enum(PlanSection, "plan_section"))
    granted_at: Mapped[datetime] = mapped_column(default=utcnow)
    until: Mapped[date | None] = mapped_column(Date)
    withdrawn_at: Mapped[datetime | None]
