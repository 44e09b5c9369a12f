"""Stepping a person's support up or down, with the reason kept.

Rules enforced here:
- only staff who can see the person record a change (404 otherwise);
- each change is a new ``SupportLevelChange`` row (never edited) and sets
  ``ServiceUser.support_level``; recording the level the person is already at
  is refused, so the history only holds real changes;
- stepping down changes nothing else: the plan, the care team and the named
  key worker stay, so nobody is "discharged into nothing".
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from flask import abort
from sqlalchemy import select

from portal import db
from portal.access import Viewer, staff_can_see
from portal.audit import record
from portal.models import ServiceUser, SupportLevel, SupportLevelChange


class SameSupportLevel(Exception):
    """The person is already at the level chosen."""


@dataclass(frozen=True)
class SupportLevelChangeView:
    from_level: SupportLevel
    to_level: SupportLevel
    reason: str
    changed_on: date
    recorded_by: str
    recorded_at: datetime


@dataclass(frozen=True)
class SupportLevelPage:
    service_user_id: int
    person_name: str
    current: SupportLevel
    history: list[SupportLevelChangeView]  # the newest first


def _person_for(viewer: Viewer, service_user_id: int, *, for_update: bool = False) -> ServiceUser:
    if not staff_can_see(viewer, service_user_id):
        abort(404)
    # For a change, lock the person's row (PostgreSQL): two people recording
    # a change at once are written one after the other, each "from" correct.
    person = db.session.get(
        ServiceUser, service_user_id, with_for_update=for_update, populate_existing=for_update
    )
    if person is None:
        abort(404)
    return person


def load_support_level(
    viewer: Viewer, service_user_id: int, *, record_view: bool
) -> SupportLevelPage:
    person = _person_for(viewer, service_user_id)
    history = [
        SupportLevelChangeView(
            from_level=change.from_level,
            to_level=change.to_level,
            reason=change.reason,
            changed_on=change.changed_on,
            recorded_by=change.recorded_by_name,
            recorded_at=change.recorded_at,
        )
        for change in db.session.scalars(
            select(SupportLevelChange)
            .where(SupportLevelChange.service_user_id == service_user_id)
            .order_by(
                SupportLevelChange.changed_on.desc(),
                SupportLevelChange.recorded_at.desc(),
                SupportLevelChange.id.desc(),
            )
        )
    ]
    if record_view:
        record(
            actor_user_id=viewer.user.id,
            acting_as="staff",
            action="view",
            object_type="support_level",
            object_id=service_user_id,
            service_user_id=service_user_id,
        )
    return SupportLevelPage(person.id, person.preferred_name, person.support_level, history)


def change_support_level(
    viewer: Viewer,
    service_user_id: int,
    *,
    to_level: SupportLevel,
    reason: str,
    changed_on: date,
) -> SupportLevelChange:
    person = _person_for(viewer, service_user_id, for_update=True)
    if person.support_level is to_level:
        raise SameSupportLevel
    change = SupportLevelChange(
        service_user_id=person.id,
        from_level=person.support_level,
        to_level=to_level,
        reason=reason.strip(),
        changed_on=changed_on,
        recorded_by_user_id=viewer.user.id,
        recorded_by_name=viewer.user.display_name,
    )
    person.support_level = to_level
    db.session.add(change)
    db.session.flush()
    record(
        actor_user_id=viewer.user.id,
        acting_as="staff",
        action="create",
        object_type="support_level_change",
        object_id=change.id,
        service_user_id=person.id,
    )
    return change
