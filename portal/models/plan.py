"""The care and support plan (DESIGN §3): live, in the person's words, owned
by them. Published versions are immutable snapshots."""

from __future__ import annotations

import enum
from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.models.base import Base, utcnow
from portal.models.people import StaffMember, _enum


class LifeArea(enum.Enum):
    """DIALOG's eight areas, plus three the position statement adds."""

    MENTAL_HEALTH = "mental_health"
    PHYSICAL_HEALTH = "physical_health"
    JOB_SITUATION = "job_situation"
    ACCOMMODATION = "accommodation"
    LEISURE = "leisure"
    PARTNER_FAMILY = "partner_family"
    FRIENDSHIPS = "friendships"
    PERSONAL_SAFETY = "personal_safety"
    MONEY = "money"
    SUBSTANCE_USE = "substance_use"
    DAILY_LIVING = "daily_living"


class ActionOwner(enum.Enum):
    ME = "me"
    CARER = "carer"
    TEAM = "team"  # a named member of the care team
    PARTNER = "partner"  # another service: housing, social care, voluntary sector


class ActionStatus(enum.Enum):
    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    NO_LONGER_NEEDED = "no_longer_needed"


class PlanResponse(enum.Enum):
    AGREE = "agree"
    TALK = "talk"


class CarePlan(Base):
    """One live plan per person. ``version`` guards against lost updates."""

    __tablename__ = "care_plans"

    id: Mapped[int] = mapped_column(primary_key=True)
    service_user_id: Mapped[int] = mapped_column(ForeignKey("service_users.id"), unique=True)
    what_matters_to_me: Mapped[str] = mapped_column(Text, default="")
    review_arrangements: Mapped[str] = mapped_column(Text, default="")
    section_117_aftercare: Mapped[str | None] = mapped_column(Text)
    care_act_needs: Mapped[str | None] = mapped_column(Text)
    version: Mapped[int] = mapped_column(Integer, nullable=False)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    __mapper_args__ = {"version_id_col": version}


class Goal(Base):
    __tablename__ = "goals"

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("care_plans.id"), index=True)
    life_area: Mapped[LifeArea] = mapped_column(_enum(LifeArea, "life_area"))
    goal: Mapped[str] = mapped_column(Text)
    why_it_matters: Mapped[str] = mapped_column(Text, default="")
    position: Mapped[int] = mapped_column(default=0)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    # Goals taken out of the plan are kept (clinical content is never deleted).
    archived_at: Mapped[datetime | None]


class PlanAction(Base):
    __tablename__ = "plan_actions"
    __table_args__ = (Index("ix_plan_actions_plan_owner", "plan_id", "owner"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("care_plans.id"))
    description: Mapped[str] = mapped_column(Text)
    owner: Mapped[ActionOwner] = mapped_column(_enum(ActionOwner, "action_owner"))
    # For TEAM actions, who in the care team; for CARER and PARTNER, a name.
    owner_staff_member_id: Mapped[int | None] = mapped_column(ForeignKey("staff_members.id"))
    owner_name: Mapped[str | None] = mapped_column(String(160))
    life_area: Mapped[LifeArea | None] = mapped_column(_enum(LifeArea, "life_area"))
    due_on: Mapped[date | None] = mapped_column(Date)
    status: Mapped[ActionStatus] = mapped_column(
        _enum(ActionStatus, "action_status"), default=ActionStatus.NOT_STARTED
    )
    created_by_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Changes by anyone but the person: what "What's changed" looks at.
    changed_at: Mapped[datetime] = mapped_column(default=utcnow)
    changed_by_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    version: Mapped[int] = mapped_column(Integer, nullable=False)

    owner_staff_member: Mapped[StaffMember | None] = relationship(lazy="raise")

    __mapper_args__ = {"version_id_col": version}


class ActionUpdate(Base):
    """A progress note. Append-only: never edited or deleted."""

    __tablename__ = "action_updates"
    __table_args__ = (Index("ix_action_updates_action_at", "action_id", "created_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    action_id: Mapped[int] = mapped_column(ForeignKey("plan_actions.id"))
    author_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    author_name: Mapped[str] = mapped_column(String(120))
    author_role: Mapped[str] = mapped_column(String(32))  # service_user, staff, carer
    note: Mapped[str] = mapped_column(Text, default="")
    new_status: Mapped[ActionStatus | None] = mapped_column(_enum(ActionStatus, "action_status"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Intervention(Base):
    __tablename__ = "interventions"

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("care_plans.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    provider: Mapped[str] = mapped_column(String(200), default="")
    when: Mapped[str] = mapped_column(String(200), default="")
    position: Mapped[int] = mapped_column(default=0)
    archived_at: Mapped[datetime | None]


class SafetyPlan(Base):
    """In the person's own words, in the steps of a Stanley-Brown style plan."""

    __tablename__ = "safety_plans"

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("care_plans.id"), unique=True)
    warning_signs: Mapped[str] = mapped_column(Text, default="")
    things_i_can_do: Mapped[str] = mapped_column(Text, default="")
    people_and_places: Mapped[str] = mapped_column(Text, default="")
    people_i_can_ask: Mapped[str] = mapped_column(Text, default="")
    professionals: Mapped[str] = mapped_column(Text, default="")
    making_safer: Mapped[str] = mapped_column(Text, default="")
    reasons_for_living: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    updated_by_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    version: Mapped[int] = mapped_column(Integer, nullable=False)

    __mapper_args__ = {"version_id_col": version}


class PlanVersion(Base):
    """An agreed, published plan. Immutable: corrections make a new version."""

    __tablename__ = "plan_versions"
    __table_args__ = (UniqueConstraint("plan_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("care_plans.id"))
    number: Mapped[int]
    published_at: Mapped[datetime] = mapped_column(default=utcnow)
    published_by_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    published_by_name: Mapped[str] = mapped_column(String(120))
    summary: Mapped[str] = mapped_column(Text)
    next_review_on: Mapped[date | None] = mapped_column(Date)
    # The plan as published, section by section, as JSON (see services.plan).
    snapshot: Mapped[str] = mapped_column(Text)


class PlanVersionResponse(Base):
    """The person's answer to a version: "I agree" or "I'd like to talk"."""

    __tablename__ = "plan_version_responses"

    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("plan_versions.id"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    response: Mapped[PlanResponse] = mapped_column(_enum(PlanResponse, "plan_response"))
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class PlanDraftSection(Base):
    """Staff's draft of one section of a plan, not yet published.

    The person keeps seeing the live plan until a version is published. One
    row per plan and section; ``version`` makes a second editor's stale save
    fail instead of overwriting the first (see services.drafts)."""

    __tablename__ = "plan_draft_sections"
    __table_args__ = (UniqueConstraint("plan_id", "section"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("care_plans.id"))
    section: Mapped[str] = mapped_column(String(32))
    # The section as JSON; its shape is owned by services.drafts.
    content: Mapped[str] = mapped_column(Text)
    # For the safety plan: the live version this draft started from, so a
    # change the person made meanwhile is never overwritten by publishing.
    based_on_version: Mapped[int | None]
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    updated_by_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    updated_by_name: Mapped[str] = mapped_column(String(120))
    version: Mapped[int] = mapped_column(Integer, nullable=False)

    __mapper_args__ = {"version_id_col": version}
