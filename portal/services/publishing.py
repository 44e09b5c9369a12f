"""Previewing and publishing a draft of a person's plan.

Rules enforced here:
- the preview is the plan exactly as the person will see it once the draft
  is published (the same PlanView My plan is rendered from);
- publishing never deletes clinical content: goals and interventions taken
  out are archived, actions taken out become "no longer needed" with a note
  by the staff member, and items the draft does not mention are kept;
- the safety plan is the person's own: a draft of it is refused if the
  person changed their safety plan after the draft started;
- publishing makes exactly one new version, however often the form is sent
  (double click, back button, two staff at once), and only from the drafts
  the staff member saw on the publish page.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError

from portal import db
from portal.access import Viewer
from portal.models import (
    ActionOwner,
    ActionStatus,
    ActionUpdate,
    CarePlan,
    Goal,
    Intervention,
    LifeArea,
    PlanAction,
    PlanVersion,
    SafetyPlan,
    User,
)
from portal.models.base import utcnow
from portal.services import drafts
from portal.services import plan as plans
from portal.services.drafts import (
    ActionItem,
    Editor,
    GoalItem,
    InterventionItem,
    Item,
    ListContent,
    ReviewDetails,
    SafetySteps,
    WhatMatters,
)


def _life_area(code: str) -> LifeArea | None:
    return LifeArea(code) if code else None


def _preview_view(editor: Editor, publisher: User) -> plans.PlanView:
    """The plan as the person will see it once the draft is published."""
    view = editor.live.view
    what = editor.sections["what_matters"].content
    review = editor.sections["review"].content
    safety = editor.sections["safety_plan"].content
    goals_content = editor.sections["goals"].content
    actions_content = editor.sections["actions"].content
    interventions_content = editor.sections["interventions"].content
    assert isinstance(what, WhatMatters) and isinstance(review, ReviewDetails)
    assert isinstance(safety, SafetySteps)
    assert isinstance(goals_content, ListContent) and isinstance(actions_content, ListContent)
    assert isinstance(interventions_content, ListContent)

    new_ids = iter(range(-1, -10_000, -1))  # new items have no id yet
    goals = [
        plans.GoalView(
            item.id or next(new_ids), LifeArea(item.life_area), item.goal, item.why_it_matters
        )
        for item in goals_content.items
        if isinstance(item, GoalItem)
    ]
    live_actions = {action.id: action for action in view.actions}
    actions: list[plans.ActionView] = []
    for item in actions_content.items:
        assert isinstance(item, ActionItem)
        before = live_actions.get(item.id or 0)
        actions.append(
            plans.ActionView(
                id=item.id or next(new_ids),
                description=item.description,
                owner=ActionOwner(item.owner),
                owner_label=_owner_label(item, editor.staff_names),
                life_area=_life_area(item.life_area),
                due_on=item.due_on,
                status=before.status if before else ActionStatus.NOT_STARTED,
                version=before.version if before else 0,
                notes=before.notes if before else [],
            )
        )
    for removed_id in actions_content.removed:
        gone = live_actions.get(removed_id)
        if gone is not None:
            actions.append(replace(gone, status=ActionStatus.NO_LONGER_NEEDED))
    actions.sort(key=lambda a: (a.due_on is None, a.due_on or date.min, a.id < 0, abs(a.id)))
    interventions = [
        plans.InterventionView(
            item.id or next(new_ids), item.name, item.description, item.provider, item.when
        )
        for item in interventions_content.items
        if isinstance(item, InterventionItem)
    ]
    latest = view.latest_version
    preview = plans.PlanView(
        service_user_id=view.service_user_id,
        preferred_name=view.preferred_name,
        plan_id=view.plan_id,
        what_matters_to_me=what.text,
        review_arrangements=review.review_arrangements,
        section_117_aftercare=review.section_117_aftercare or None,
        care_act_needs=review.care_act_needs or None,
        next_review_on=view.next_review_on,
        goals=goals,
        actions=actions,
        interventions=interventions,
        safety_plan=plans.SafetyPlanView(
            view.safety_plan.version, dict(safety.steps), view.safety_plan.updated_at
        ),
        latest_version=plans.VersionSummary(
            number=(latest.number if latest else 0) + 1,
            published_at=utcnow(),
            published_by=publisher.display_name,
            summary="",
            next_review_on=view.next_review_on,
            response=None,
            response_note="",
            responded_at=None,
        ),
    )
    for goal in goals:
        preview.goals_by_area.setdefault(goal.life_area, []).append(goal)
    return preview


def _owner_label(item: ActionItem, staff_names: dict[int, str]) -> str | None:
    if item.owner == ActionOwner.TEAM.value:
        return staff_names.get(item.owner_staff_member_id or 0)
    if item.owner == ActionOwner.ME.value:
        return None
    return item.owner_name or None


def preview(viewer: Viewer, service_user_id: int) -> tuple[Editor, plans.PlanView]:
    person = drafts.check_access(viewer, service_user_id)
    editor = drafts.load_editor(person)
    view = _preview_view(editor, viewer.user)
    drafts.audit(viewer, person.id, "view", "plan_preview", person.id)
    return editor, view


@dataclass(frozen=True)
class PublishCheck:
    """What publishing would change, and what the form must send back."""

    editor: Editor
    changes: list[plans.SectionChange]
    has_previous: bool
    expected_version: int
    drafts_fingerprint: str


def _fingerprint(editor: Editor) -> str:
    """Which draft saves the staff member saw on the publish page."""
    return ",".join(
        f"{key}:{state.draft_version}" for key, state in editor.sections.items() if state.draft
    )


def _latest_snapshot(plan_id: int) -> dict[str, Any] | None:
    row = db.session.scalar(
        select(PlanVersion.snapshot)
        .where(PlanVersion.plan_id == plan_id)
        .order_by(PlanVersion.number.desc())
        .limit(1)
    )
    return json.loads(row) if row else None


def publish_check(viewer: Viewer, service_user_id: int, *, audit: bool = True) -> PublishCheck:
    person = drafts.check_access(viewer, service_user_id)
    editor = drafts.load_editor(person)
    before = _latest_snapshot(editor.live.view.plan_id)
    after = plans.snapshot(_preview_view(editor, viewer.user))
    if audit:
        drafts.audit(viewer, person.id, "view", "plan_publish", person.id)
    return PublishCheck(
        editor=editor,
        changes=plans.diff_snapshots(before or {}, after),
        has_previous=before is not None,
        expected_version=editor.latest.number if editor.latest else 0,
        drafts_fingerprint=_fingerprint(editor),
    )


@dataclass(frozen=True)
class Published:
    number: int
    preferred_name: str


class AlreadyPublished(Exception):
    def __init__(self, number: int) -> None:
        super().__init__("already published")
        self.number = number


class DraftsChanged(Exception):
    """A section was saved after the publish page was opened."""


class SafetyPlanMovedOn(Exception):
    """The person changed their safety plan after the draft of it started."""


def publish(
    viewer: Viewer,
    service_user_id: int,
    *,
    summary: str,
    next_review_on: date,
    expected_version: int,
    drafts_fingerprint: str,
) -> Published:
    """Apply every draft section to the live plan and publish one version."""
    person = drafts.check_access(viewer, service_user_id)
    # One publisher at a time per plan (PostgreSQL); the version number's
    # uniqueness catches the rest.
    plan = db.session.scalar(
        select(CarePlan).where(CarePlan.service_user_id == person.id).with_for_update()
    ) or plans.plan_for(person.id)
    editor = drafts.load_editor(person)
    latest = editor.latest.number if editor.latest else 0
    if latest != expected_version:
        raise AlreadyPublished(latest)
    if _fingerprint(editor) != drafts_fingerprint:
        raise DraftsChanged()
    if editor.safety_changed_by_person:
        raise SafetyPlanMovedOn()
    rows = drafts.draft_rows(plan.id)
    now = utcnow()
    try:
        _apply(editor, plan, viewer.user, latest + 1, now)
        # Touching the plan bumps its version: a second publisher racing this
        # one fails on the stale version instead of publishing twice.
        plan.updated_at = now
        db.session.flush()
        version = plans.publish_version(
            service_user_id=person.id,
            published_by=viewer.user,
            summary=summary.strip(),
            next_review_on=next_review_on,
        )
        for row in rows.values():
            db.session.delete(row)  # checks its version: a save meanwhile fails this
        db.session.flush()
    except (IntegrityError, StaleDataError):
        db.session.rollback()
        now_latest = db.session.scalar(
            select(PlanVersion.number)
            .where(PlanVersion.plan_id == plan.id)
            .order_by(PlanVersion.number.desc())
            .limit(1)
        )
        if (now_latest or 0) != expected_version:
            raise AlreadyPublished(now_latest or 0) from None
        raise DraftsChanged() from None
    drafts.audit(viewer, person.id, "create", "plan_version", version.id)
    return Published(version.number, editor.preferred_name)


def _apply(editor: Editor, plan: CarePlan, staff: User, number: int, now: datetime) -> None:
    for key, state in editor.sections.items():
        if state.draft is None:
            continue
        content = state.content
        if isinstance(content, WhatMatters):
            plan.what_matters_to_me = content.text
        elif isinstance(content, ReviewDetails):
            plan.review_arrangements = content.review_arrangements
            plan.section_117_aftercare = content.section_117_aftercare or None
            plan.care_act_needs = content.care_act_needs or None
        elif isinstance(content, SafetySteps):
            _apply_safety(plan.id, content, staff)
        elif key == "goals":
            _apply_goals(plan.id, content, now)
        elif key == "interventions":
            _apply_interventions(plan.id, content, now)
        else:
            _apply_actions(plan.id, content, staff, number, now)


def _rows_by_id(model: Any, plan_id: int, ids: Iterable[int]) -> dict[int, Any]:
    wanted = list(ids)
    if not wanted:
        return {}
    rows: list[Any] = list(
        db.session.scalars(
            select(model).where(model.plan_id == plan_id, model.id.in_(wanted)).order_by(model.id)
        )
    )
    return {row.id: row for row in rows}


def _named_ids(items: Sequence[Item], removed: Sequence[int]) -> list[int]:
    return [item.id for item in items if item.id is not None] + list(removed)


def _apply_goals(plan_id: int, content: ListContent, now: datetime) -> None:
    rows = _rows_by_id(Goal, plan_id, _named_ids(content.items, content.removed))
    for position, item in enumerate(content.items):
        assert isinstance(item, GoalItem)
        goal = rows.get(item.id or 0)
        if goal is None:
            goal = Goal(plan_id=plan_id)
            db.session.add(goal)
        goal.life_area = LifeArea(item.life_area)
        goal.goal = item.goal
        goal.why_it_matters = item.why_it_matters
        goal.position = position
    for removed_id in content.removed:
        if removed_id in rows:
            rows[removed_id].archived_at = now  # kept, never deleted


def _apply_interventions(plan_id: int, content: ListContent, now: datetime) -> None:
    rows = _rows_by_id(Intervention, plan_id, _named_ids(content.items, content.removed))
    for position, item in enumerate(content.items):
        assert isinstance(item, InterventionItem)
        row = rows.get(item.id or 0)
        if row is None:
            row = Intervention(plan_id=plan_id)
            db.session.add(row)
        row.name = item.name
        row.description = item.description
        row.provider = item.provider
        row.when = item.when
        row.position = position
    for removed_id in content.removed:
        if removed_id in rows:
            rows[removed_id].archived_at = now


def _action_fields(item: ActionItem) -> dict[str, Any]:
    owner = ActionOwner(item.owner)
    return {
        "description": item.description,
        "owner": owner,
        "owner_staff_member_id": item.owner_staff_member_id if owner is ActionOwner.TEAM else None,
        "owner_name": item.owner_name or None
        if owner in (ActionOwner.CARER, ActionOwner.PARTNER)
        else None,
        "life_area": _life_area(item.life_area),
        "due_on": item.due_on,
    }


def _apply_actions(
    plan_id: int, content: ListContent, staff: User, number: int, now: datetime
) -> None:
    rows = _rows_by_id(PlanAction, plan_id, _named_ids(content.items, content.removed))
    for item in content.items:
        assert isinstance(item, ActionItem)
        fields = _action_fields(item)
        action = rows.get(item.id or 0)
        if action is None:
            db.session.add(
                PlanAction(
                    plan_id=plan_id,
                    created_by_user_id=staff.id,
                    created_at=now,
                    changed_at=now,
                    changed_by_user_id=staff.id,
                    **fields,
                )
            )
            continue
        if any(getattr(action, name) != value for name, value in fields.items()):
            for name, value in fields.items():
                setattr(action, name, value)
            # So the person's "What has changed" shows it.
            action.changed_at = now
            action.changed_by_user_id = staff.id
    for removed_id in content.removed:
        action = rows.get(removed_id)
        if action is None or action.status is ActionStatus.NO_LONGER_NEEDED:
            continue
        action.status = ActionStatus.NO_LONGER_NEEDED
        action.changed_at = now
        action.changed_by_user_id = staff.id
        db.session.add(
            ActionUpdate(
                action_id=action.id,
                author_user_id=staff.id,
                author_name=staff.display_name,
                author_role="staff",
                note=_("Taken out of the plan in version %(number)d.", number=number),
                new_status=ActionStatus.NO_LONGER_NEEDED,
                created_at=now,
            )
        )


def _apply_safety(plan_id: int, content: SafetySteps, staff: User) -> None:
    row = db.session.scalar(select(SafetyPlan).where(SafetyPlan.plan_id == plan_id))
    if row is None:
        row = SafetyPlan(plan_id=plan_id)
        db.session.add(row)
    for step in plans.SAFETY_PLAN_STEPS:
        setattr(row, step, content.steps.get(step, ""))
    row.updated_by_user_id = staff.id
