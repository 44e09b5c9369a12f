"""Writing audit events: every staff or carer read of a person's record, and
every change. Events are added to the request's transaction, so an event is
kept exactly when the thing it records is."""

from __future__ import annotations

from portal import db
from portal.models import AuditEvent


def record(
    *,
    actor_user_id: int | None,
    acting_as: str,
    action: str,
    object_type: str,
    object_id: int | None = None,
    service_user_id: int | None = None,
) -> None:
    db.session.add(
        AuditEvent(
            actor_user_id=actor_user_id,
            acting_as=acting_as,
            action=action,
            object_type=object_type,
            object_id=object_id,
            service_user_id=service_user_id,
        )
    )
