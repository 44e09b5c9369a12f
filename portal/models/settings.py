"""What an administrator can change about the service without a redeploy."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from portal.models.base import Base, utcnow


class ServiceSettings(Base):
    """A single row (id 1). An empty value falls back to the environment's
    setting, then to the built-in default (see portal.settings)."""

    __tablename__ = "service_settings"

    id: Mapped[int] = mapped_column(primary_key=True)
    service_name: Mapped[str | None] = mapped_column(String(120))
    contact_email: Mapped[str | None] = mapped_column(String(254))
    contact_phone: Mapped[str | None] = mapped_column(String(32))
    contact_address: Mapped[str | None] = mapped_column(Text)
    team_duty_line: Mapped[str | None] = mapped_column(String(32))
    # A local crisis line shown among the "Need help now?" contacts.
    local_crisis_line_name: Mapped[str | None] = mapped_column(String(120))
    local_crisis_line_phone: Mapped[str | None] = mapped_column(String(32))
    local_crisis_line_description: Mapped[str | None] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    updated_by_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
