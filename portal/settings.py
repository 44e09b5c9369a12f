"""The service's settings as this request sees them.

An administrator's value (the ``ServiceSettings`` row, id 1) wins; an empty one
falls back to the environment (``SERVICE_NAME``, ``CONTACT_EMAIL``,
``CONTACT_PHONE``, ``TEAM_DUTY_LINE``), then to the built-in default. Read once
per request and kept in ``g``, so a change shows on the very next request in
every worker, with nothing to invalidate.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import current_app, g
from flask_babel import gettext as _
from sqlalchemy.exc import SQLAlchemyError

from portal import db
from portal.config import CrisisContact
from portal.models import ServiceSettings

SETTINGS_ID = 1


@dataclass(frozen=True)
class EffectiveSettings:
    service_name: str
    contact_email: str
    contact_phone: str | None
    contact_address: str | None
    team_duty_line: str | None
    local_crisis_line: CrisisContact | None


def _stored() -> ServiceSettings | None:
    try:
        return db.session.get(ServiceSettings, SETTINGS_ID)
    except SQLAlchemyError:
        # The error pages use these settings too: a broken database must still
        # give a page with the service's default name, not a second failure.
        current_app.logger.exception("Could not read the service settings")
        db.session.rollback()
        return None


def current_settings() -> EffectiveSettings:
    if "service_settings" not in g:
        row = _stored()
        config = current_app.config

        def pick(column: str, configured: str | None = None) -> str | None:
            stored: str | None = getattr(row, column, None) if row is not None else None
            return (stored or "").strip() or configured or None

        crisis_line = None
        if row is not None and row.local_crisis_line_name and row.local_crisis_line_phone:
            crisis_line = CrisisContact(
                row.local_crisis_line_name,
                row.local_crisis_line_phone,
                row.local_crisis_line_description or "",
            )
        g.service_settings = EffectiveSettings(
            service_name=pick("service_name", config.get("SERVICE_NAME"))
            or _("My care and support plan"),
            contact_email=pick("contact_email", config.get("CONTACT_EMAIL"))
            or "enquiries@example.nhs.uk",
            contact_phone=pick("contact_phone", config.get("CONTACT_PHONE")),
            contact_address=pick("contact_address"),
            team_duty_line=pick("team_duty_line", config.get("TEAM_DUTY_LINE")),
            local_crisis_line=crisis_line,
        )
    settings: EffectiveSettings = g.service_settings
    return settings
