"""Who has looked at or changed a person's record, for the person themselves.

DESIGN §2: a service user sees everything in their own plan, including who
has looked at it. The audit trail already records every staff and carer read
and every change; this reads it back for its subject, newest first, a page at
a time, leaving out what the person did themselves.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, or_, select

from portal import db
from portal.models import AuditEvent, StaffMember, User

PAGE_SIZE = 25
# What carers tell the team (notes, offered actions, carer's assessment and
# review requests) is theirs: who else may know of it is the carer's choice
# at the time of writing (DESIGN §2), so not even its existence shows here.
# The person's own review requests are on their Reviews page.
CARERS_VOICE = ("carer_contribution", "carer_assessment_request", "review_request")


@dataclass(frozen=True)
class RecordEvent:
    at: datetime
    who: str  # the name they use here; "" when the sign-in is gone
    acting_as: str  # "staff", "carer", "admin", ...
    action: str  # "view", "create", "update", ...
    object_type: str  # what they looked at or changed


@dataclass(frozen=True)
class RecordEventsPage:
    events: list[RecordEvent]
    total: int
    page: int
    page_count: int


def events_on_my_record(service_user_id: int, own_user_id: int, page: int = 1) -> RecordEventsPage:
    """Other people's reads and changes of this person's record, except what
    carers told the team (CARERS_VOICE). Two queries
    whatever the trail's length: a count and one page, both from the
    (service_user_id, at) index. A page past the end shows the last page."""
    by_others = (
        AuditEvent.service_user_id == service_user_id,
        or_(AuditEvent.actor_user_id.is_(None), AuditEvent.actor_user_id != own_user_id),
        AuditEvent.object_type.not_in(CARERS_VOICE),
    )
    total = db.session.scalar(select(func.count()).select_from(AuditEvent).where(*by_others)) or 0
    page_count = max(1, -(-total // PAGE_SIZE))
    page = min(max(page, 1), page_count)
    rows = db.session.execute(
        select(
            AuditEvent.at,
            func.coalesce(StaffMember.name, User.display_name, ""),
            AuditEvent.acting_as,
            AuditEvent.action,
            AuditEvent.object_type,
        )
        .outerjoin(User, User.id == AuditEvent.actor_user_id)
        .outerjoin(StaffMember, StaffMember.user_id == AuditEvent.actor_user_id)
        .where(*by_others)
        .order_by(AuditEvent.at.desc(), AuditEvent.id.desc())
        .limit(PAGE_SIZE)
        .offset((page - 1) * PAGE_SIZE)
    ).all()
    events = [
        RecordEvent(at, who, acting_as, action, kind) for at, who, acting_as, action, kind in rows
    ]
    return RecordEventsPage(events, total, page, page_count)
