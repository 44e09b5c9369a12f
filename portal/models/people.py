"""People and the relationships that decide who sees what (DESIGN §2, §3)."""

from __future__ import annotations

import enum
from datetime import date, datetime

from sqlalchemy import Boolean, Date, Enum, ForeignKey, Index, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.models.base import Base, utcnow


def _enum(kind: type[enum.Enum], name: str) -> Enum:
    # Stored as text with a CHECK constraint: portable, and readable in psql.
    return Enum(
        kind,
        name=name,
        native_enum=False,
        create_constraint=True,
        length=32,
        values_callable=lambda members: [member.value for member in members],
    )


class TextSize(enum.Enum):
    """How big a person wants the text on every page (issue 7: large print)."""

    STANDARD = "standard"
    LARGER = "larger"


class User(Base):
    """One sign-in. Whether it is a service user, carer, staff member or
    administrator follows from its relationships, not from a role column."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    # Stored lower-cased, so uniqueness is case-insensitive on every database.
    email: Mapped[str] = mapped_column(String(254), unique=True)
    password_hash: Mapped[str | None] = mapped_column(String(255))
    display_name: Mapped[str] = mapped_column(String(120))
    preferred_language: Mapped[str | None] = mapped_column(String(16))
    # None until the person chooses; until then a large print need recorded
    # on their ServiceUser record turns the larger text on at sign-in.
    text_size: Mapped[TextSize | None] = mapped_column(_enum(TextSize, "text_size"))
    mfa_secret: Mapped[str | None] = mapped_column(String(64))
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)
    is_admin: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_signed_in_at: Mapped[datetime | None]

    # Flask-Login's protocol, written out so that an inactive account is
    # never treated as signed in.
    @property
    def is_authenticated(self) -> bool:
        return self.is_active

    @property
    def is_anonymous(self) -> bool:
        return False

    def get_id(self) -> str:
        return str(self.id)


class ContactMethod(enum.Enum):
    """How a person would like the team to get in touch: used by review
    requests and carer's assessment requests alike."""

    PHONE = "phone"
    TEXT = "text"
    EMAIL = "email"
    LETTER = "letter"


class OrganisationType(enum.Enum):
    NHS_TRUST = "nhs_trust"
    LOCAL_AUTHORITY = "local_authority"
    VCSE = "vcse"
    HOUSING = "housing"


class SupportLevel(enum.Enum):
    STEPPED_UP = "stepped_up"
    STANDARD = "standard"
    STEPPED_DOWN = "stepped_down"


class Team(Base):
    __tablename__ = "teams"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(160))
    organisation: Mapped[str] = mapped_column(String(160))
    organisation_type: Mapped[OrganisationType] = mapped_column(
        _enum(OrganisationType, "organisation_type")
    )
    phone: Mapped[str | None] = mapped_column(String(32))
    opening_hours: Mapped[str | None] = mapped_column(Text)
    out_of_hours_advice: Mapped[str | None] = mapped_column(Text)


class StaffMember(Base):
    """Someone in a team. Partner-agency members may have no sign-in."""

    __tablename__ = "staff_members"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), unique=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id"), index=True)
    name: Mapped[str] = mapped_column(String(120))
    profession: Mapped[str] = mapped_column(String(120))
    job_title: Mapped[str | None] = mapped_column(String(120))
    work_phone: Mapped[str | None] = mapped_column(String(32))
    working_hours: Mapped[str | None] = mapped_column(Text)
    is_team_manager: Mapped[bool] = mapped_column(Boolean, default=False)
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)

    team: Mapped[Team] = relationship(lazy="raise")
    user: Mapped[User | None] = relationship(lazy="raise")


class ServiceUser(Base):
    """The person a plan belongs to. May exist before they have a sign-in."""

    __tablename__ = "service_users"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), unique=True)
    preferred_name: Mapped[str] = mapped_column(String(120))
    full_name: Mapped[str] = mapped_column(String(200))
    nhs_number: Mapped[str] = mapped_column(String(10), unique=True)
    date_of_birth: Mapped[date] = mapped_column(Date)
    pronouns: Mapped[str | None] = mapped_column(String(40))
    # Accessible Information Standard: recorded needs the portal must honour.
    needs_interpreter: Mapped[bool] = mapped_column(Boolean, default=False)
    interpreter_language: Mapped[str | None] = mapped_column(String(60))
    needs_easy_read: Mapped[bool] = mapped_column(Boolean, default=False)
    needs_large_print: Mapped[bool] = mapped_column(Boolean, default=False)
    needs_bsl: Mapped[bool] = mapped_column(Boolean, default=False)
    other_communication_needs: Mapped[str | None] = mapped_column(Text)
    support_level: Mapped[SupportLevel] = mapped_column(
        _enum(SupportLevel, "support_level"), default=SupportLevel.STANDARD
    )
    # The date agreed with the person; None until one has been agreed.
    next_review_on: Mapped[date | None] = mapped_column(Date)
    # When the person last opened their plan: "What's changed" starts here.
    plan_last_viewed_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    user: Mapped[User | None] = relationship(lazy="raise")


class CareTeamMember(Base):
    """A staff member's part in one person's care, with history kept."""

    __tablename__ = "care_team_members"
    __table_args__ = (
        # Exactly one active named key worker per person, enforced by the database.
        Index(
            "uq_care_team_members_one_active_key_worker",
            "service_user_id",
            unique=True,
            sqlite_where=text("is_key_worker AND ended_on IS NULL"),
            postgresql_where=text("is_key_worker AND ended_on IS NULL"),
        ),
        Index("ix_care_team_members_staff_active", "staff_member_id", "ended_on"),
        # A staff member's caseload: their active memberships, read from the
        # index alone (services.caseload; migration 0004).
        Index(
            "ix_care_team_members_caseload",
            "staff_member_id",
            "service_user_id",
            sqlite_where=text("ended_on IS NULL"),
            postgresql_where=text("ended_on IS NULL"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    service_user_id: Mapped[int] = mapped_column(ForeignKey("service_users.id"), index=True)
    staff_member_id: Mapped[int] = mapped_column(ForeignKey("staff_members.id"))
    role_in_care: Mapped[str] = mapped_column(String(160))
    is_key_worker: Mapped[bool] = mapped_column(Boolean, default=False)
    started_on: Mapped[date] = mapped_column(Date)
    ended_on: Mapped[date | None] = mapped_column(Date)

    staff_member: Mapped[StaffMember] = relationship(lazy="raise")
    service_user: Mapped[ServiceUser] = relationship(lazy="raise")


class SupportLevelChange(Base):
    """A step up or step down, with the reason: the history behind
    ``ServiceUser.support_level``. Append-only."""

    __tablename__ = "support_level_changes"
    __table_args__ = (
        Index("ix_support_level_changes_person_at", "service_user_id", "recorded_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    service_user_id: Mapped[int] = mapped_column(ForeignKey("service_users.id"))
    # Each column's CHECK constraint is named after its enum: two columns
    # sharing one name would clash on PostgreSQL.
    from_level: Mapped[SupportLevel] = mapped_column(_enum(SupportLevel, "support_level_from"))
    to_level: Mapped[SupportLevel] = mapped_column(_enum(SupportLevel, "support_level_to"))
    reason: Mapped[str] = mapped_column(Text)
    changed_on: Mapped[date] = mapped_column(Date)
    recorded_by_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    recorded_by_name: Mapped[str] = mapped_column(String(120))
    recorded_at: Mapped[datetime] = mapped_column(default=utcnow)
