"""Single-use links that bring a person onto the portal."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from portal.models.base import Base, utcnow
from portal.models.people import _enum


class InvitationKind(enum.Enum):
    SERVICE_USER = "service_user"  # sets up a sign-in for a registered person
    STAFF = "staff"  # sets the password of a staff account an admin created


class Invitation(Base):
    """Only the SHA-256 of the token is stored: the link itself is shown once,
    to the person who made it, and cannot be recovered from the database."""

    __tablename__ = "invitations"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[InvitationKind] = mapped_column(_enum(InvitationKind, "invitation_kind"))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    service_user_id: Mapped[int | None] = mapped_column(ForeignKey("service_users.id"), index=True)
    staff_member_id: Mapped[int | None] = mapped_column(ForeignKey("staff_members.id"), index=True)
    created_by_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime]
    used_at: Mapped[datetime | None]
    # A newer invitation for the same person revokes the older ones.
    revoked_at: Mapped[datetime | None]
    used_by_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
