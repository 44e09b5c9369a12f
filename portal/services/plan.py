"""Reading and changing a person's care plan.

Rules enforced here:
- a person changes the status only of actions they own ("me"); anyone who can
  see an action may add a note, and notes are never edited;
- every save names the version it started from; a stale save raises
  ``StaleEdit`` carrying the current values, so nothing typed is lost;
- reading a plan costs a fixed number of queries, however long it is.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from flask import abort
from sqlalchemy import select

from portal import db
from portal.audit import record
from portal.models import (
    ActionOwner,
    ActionStatus,
    ActionUpdate,
    CarePlan,
    Goal,
    Intervention,
    LifeArea,
    PlanAction,
    PlanResponse,
    PlanVersion,
    PlanVersionResponse,
    SafetyPlan,
    ServiceUser,
    StaffMember,
    User,
)
from portal.models.base import utcnow

SAFETY_PLAN_STEPS = (
    "warning_signs",
    "things_i_can_do",
    "people_and_places",
    "people_i_can_ask",
    "professionals",
    "making_safer",
    "reasons_for_living",
)


class StaleEdit(Exception):
    """Someone saved this since the form was opened."""

    def __init__(self, current: dict[str, Any], current_version: int) -> None:
        super().__init__("stale edit")
        self.current = current
        self.current_version = current_version


@dataclass(frozen=True)
class NoteView:
    author_name: str
    author_role: str
    note: str
    new_status: ActionStatus | None
    created_at: datetime


@dataclass(frozen=True)
class ActionView:
    id: int
    description: str
    owner: ActionOwner
    owner_label: str | None  # the staff member's or the named person's name
    life_area: LifeArea | None
    due_on: date | None
    status: ActionStatus
    version: int
    notes: list[NoteView]

    @property
    def mine(self) -> bool:
        return self.owner is ActionOwner.ME


@dataclass(frozen=True)
class GoalView:
    id: int
    life_area: LifeArea
    goal: str
    why_it_matters: str


@dataclass(frozen=True)
class InterventionView:
    id: int
    name: str
    description: str
    provider: str
    when: str


@dataclass(frozen=True)
class SafetyPlanView:
    version: int
    steps: dict[str, str]
    updated_at: datetime | None

    @property
    def is_empty(self) -> bool:
        return not any(value.strip() for value in self.steps.values())


@dataclass(frozen=True)
class VersionSummary:
    number: int
    published_at: datetime
    published_by: str
    summary: str
    next_review_on: date | None
    response: PlanResponse | None
    response_note: str
    responded_at: datetime | None


@dataclass
class PlanView:
    service_user_id: int
    preferred_name: str
    plan_id: int
    what_matters_to_me: str
    review_arrangements: str
    section_117_aftercare: str | None
    care_act_needs: str | None
    next_review_on: date | None
    goals: list[GoalView]
    actions: list[ActionView]
    interventions: list[InterventionView]
    safety_plan: SafetyPlanView
    latest_version: VersionSummary | None
    goals_by_area: dict[LifeArea, list[GoalView]] = field(default_factory=dict)

    def actions_for(self, owner: ActionOwner) -> list[ActionView]:
        return [action for action in self.actions if action.owner is owner]


def plan_for(service_user_id: int) -> CarePlan:
    """The person's live plan, created empty the first time it is needed."""
    plan = db.session.scalar(select(CarePlan).where(CarePlan.service_user_id == service_user_id))
    if plan is None:
        plan = CarePlan(service_user_id=service_user_id)
        db.session.add(plan)
        db.session.flush()
    return plan


def _safety_plan_row(plan_id: int) -> SafetyPlan:
    row = db.session.scalar(select(SafetyPlan).where(SafetyPlan.plan_id == plan_id))
    if row is None:
        row = SafetyPlan(plan_id=plan_id)
        db.session.add(row)
        db.session.flush()
    return row


def _action_views(plan_id: int, only_action_id: int | None = None) -> list[ActionView]:
    query = (
        select(PlanAction, StaffMember.name)
        .outerjoin(StaffMember, PlanAction.owner_staff_member_id == StaffMember.id)
        .where(PlanAction.plan_id == plan_id)
        .order_by(PlanAction.due_on.is_(None), PlanAction.due_on, PlanAction.id)
    )
    notes_query = (
        select(ActionUpdate)
        .join(PlanAction, ActionUpdate.action_id == PlanAction.id)
        .where(PlanAction.plan_id == plan_id)
        .order_by(ActionUpdate.created_at, ActionUpdate.id)
    )
    if only_action_id is not None:
        query = query.where(PlanAction.id == only_action_id)
        notes_query = notes_query.where(ActionUpdate.action_id == only_action_id)
    notes: dict[int, list[NoteView]] = defaultdict(list)
    for update in db.session.scalars(notes_query):
        notes[update.action_id].append(
            NoteView(
                update.author_name,
                update.author_role,
                update.note,
                update.new_status,
                update.created_at,
            )
        )
    return [
        ActionView(
            id=action.id,
            description=action.description,
            owner=action.owner,
            owner_label=staff_name or action.owner_name,
            life_area=action.life_area,
            due_on=action.due_on,
            status=action.status,
            version=action.version,
            notes=notes[action.id],
        )
        for action, staff_name in db.session.execute(query)
    ]


def load_plan(service_user_id: int) -> PlanView:
    """Everything *My plan* shows, in a fixed number of queries."""
    person = db.session.get(ServiceUser, service_user_id)
    if person is None:
        abort(404)
    plan = plan_for(service_user_id)
    goals = [
        GoalView(g.id, g.life_area, g.goal, g.why_it_matters)
        for g in db.session.scalars(
            select(Goal)
            .where(Goal.plan_id == plan.id, Goal.archived_at.is_(None))
            .order_by(Goal.position, Goal.id)
        )
    ]
    interventions = [
        InterventionView(i.id, i.name, i.description, i.provider, i.when)
        for i in db.session.scalars(
            select(Intervention)
            .where(Intervention.plan_id == plan.id, Intervention.archived_at.is_(None))
            .order_by(Intervention.position, Intervention.id)
        )
    ]
    safety = db.session.scalar(select(SafetyPlan).where(SafetyPlan.plan_id == plan.id))
    view = PlanView(
        service_user_id=person.id,
        preferred_name=person.preferred_name,
        plan_id=plan.id,
        what_matters_to_me=plan.what_matters_to_me,
        review_arrangements=plan.review_arrangements,
        section_117_aftercare=plan.section_117_aftercare,
        care_act_needs=plan.care_act_needs,
        next_review_on=person.next_review_on,
        goals=goals,
        actions=_action_views(plan.id),
        interventions=interventions,
        safety_plan=_safety_view(safety),
        latest_version=latest_version(plan.id),
    )
    for goal in goals:
        view.goals_by_area.setdefault(goal.life_area, []).append(goal)
    return view


def _safety_view(row: SafetyPlan | None) -> SafetyPlanView:
    if row is None:
        return SafetyPlanView(0, dict.fromkeys(SAFETY_PLAN_STEPS, ""), None)
    return SafetyPlanView(
        row.version, {step: getattr(row, step) for step in SAFETY_PLAN_STEPS}, row.updated_at
    )


def load_safety_plan(service_user_id: int) -> SafetyPlanView:
    plan = plan_for(service_user_id)
    return _safety_view(db.session.scalar(select(SafetyPlan).where(SafetyPlan.plan_id == plan.id)))


def version_history(plan_id: int) -> list[VersionSummary]:
    """Every published version, newest first, with the person's last answer."""
    versions = list(
        db.session.scalars(
            select(PlanVersion)
            .where(PlanVersion.plan_id == plan_id)
            .order_by(PlanVersion.number.desc())
        )
    )
    responses: dict[int, PlanVersionResponse] = {}
    if versions:
        for response in db.session.scalars(
            select(PlanVersionResponse)
            .where(PlanVersionResponse.version_id.in_([v.id for v in versions]))
            .order_by(PlanVersionResponse.created_at, PlanVersionResponse.id)
        ):
            responses[response.version_id] = response  # the last one wins
    return [
        VersionSummary(
            number=v.number,
            published_at=v.published_at,
            published_by=v.published_by_name,
            summary=v.summary,
            next_review_on=v.next_review_on,
            response=responses[v.id].response if v.id in responses else None,
            response_note=responses[v.id].note if v.id in responses else "",
            responded_at=responses[v.id].created_at if v.id in responses else None,
        )
        for v in versions
    ]


def latest_version(plan_id: int) -> VersionSummary | None:
    history = version_history(plan_id)
    return history[0] if history else None


# --- Changes by the person -------------------------------------------------


def _record_own_change(
    user: User, service_user_id: int, action: str, object_type: str, object_id: int
) -> None:
    record(
        actor_user_id=user.id,
        acting_as="service_user",
        action=action,
        object_type=object_type,
        object_id=object_id,
        service_user_id=service_user_id,
    )


def _own_action(service_user_id: int, action_id: int) -> PlanAction:
    """An action in this person's plan, or 404: never a hint it exists."""
    action = db.session.scalar(
        select(PlanAction)
        .join(CarePlan, PlanAction.plan_id == CarePlan.id)
        .where(PlanAction.id == action_id, CarePlan.service_user_id == service_user_id)
    )
    if action is None:
        abort(404)
    return action


def action_view(service_user_id: int, action_id: int) -> ActionView:
    action = _own_action(service_user_id, action_id)
    return _action_views(action.plan_id, only_action_id=action.id)[0]


def update_my_action(
    *,
    user: User,
    service_user_id: int,
    action_id: int,
    expected_version: int,
    new_status: ActionStatus | None,
    note: str,
) -> ActionView:
    """Change the status (own actions only) and/or add a note."""
    action = _own_action(service_user_id, action_id)
    if new_status is not None and action.owner is not ActionOwner.ME:
        abort(404)
    status_changes = new_status is not None and new_status is not action.status
    if status_changes and action.version != expected_version:
        raise StaleEdit({"status": action.status.value}, action.version)
    if status_changes:
        assert new_status is not None
        action.status = new_status
    if status_changes or note.strip():
        db.session.add(
            ActionUpdate(
                action_id=action.id,
                author_user_id=user.id,
                author_name=user.display_name,
                author_role="service_user",
                note=note.strip(),
                new_status=new_status if status_changes else None,
            )
        )
        _record_own_change(user, service_user_id, "update", "plan_action", action.id)
    db.session.flush()
    return action_view(service_user_id, action.id)


def add_my_action(
    *,
    user: User,
    service_user_id: int,
    description: str,
    due_on: date | None,
    life_area: LifeArea | None,
) -> PlanAction:
    plan = plan_for(service_user_id)
    action = PlanAction(
        plan_id=plan.id,
        description=description.strip(),
        owner=ActionOwner.ME,
        due_on=due_on,
        life_area=life_area,
        created_by_user_id=user.id,
        changed_by_user_id=user.id,
    )
    db.session.add(action)
    db.session.flush()
    _record_own_change(user, service_user_id, "create", "plan_action", action.id)
    return action


def save_safety_plan(
    *, user: User, service_user_id: int, expected_version: int, steps: dict[str, str]
) -> SafetyPlanView:
    plan = plan_for(service_user_id)
    row = _safety_plan_row(plan.id)
    # A form opened before the safety plan existed expects the new row (version 1).
    if row.version != (expected_version or 1):
        raise StaleEdit({step: getattr(row, step) for step in SAFETY_PLAN_STEPS}, row.version)
    for step in SAFETY_PLAN_STEPS:
        setattr(row, step, steps.get(step, "").strip())
    row.updated_by_user_id = user.id
    db.session.flush()
    _record_own_change(user, service_user_id, "update", "safety_plan", row.id)
    return _safety_view(row)


def respond_to_version(
    *, user: User, service_user_id: int, number: int, response: PlanResponse, note: str
) -> None:
    """Only the newest version can be answered; the key worker sees the answer."""
    plan = plan_for(service_user_id)
    newest = db.session.scalar(
        select(PlanVersion)
        .where(PlanVersion.plan_id == plan.id)
        .order_by(PlanVersion.number.desc())
        .limit(1)
    )
    if newest is None or newest.number != number:
        abort(404)
    db.session.add(
        PlanVersionResponse(
            version_id=newest.id, user_id=user.id, response=response, note=note.strip()
        )
    )
    _record_own_change(user, service_user_id, "create", "plan_version_response", newest.id)


def mark_plan_viewed(service_user_id: int) -> None:
    person = db.session.get(ServiceUser, service_user_id)
    if person is not None:
        person.plan_last_viewed_at = utcnow()


# --- Versions -----------------------------------------------------------------


def snapshot(view: PlanView) -> dict[str, Any]:
    """The plan as plain data, section by section: what a version keeps.
    Codes (life areas, owners) are kept as codes and labelled when shown, so
    an old version reads correctly in any language."""
    return {
        "what_matters_to_me": view.what_matters_to_me,
        "goals": {
            str(g.id): {"area": g.life_area.value, "goal": g.goal, "why": g.why_it_matters}
            for g in view.goals
        },
        "actions": {
            str(a.id): {
                "description": a.description,
                "owner": a.owner.value,
                "who": a.owner_label or "",
                "due": a.due_on.isoformat() if a.due_on else "",
            }
            for a in view.actions
        },
        "interventions": {
            str(i.id): {"name": i.name, "provider": i.provider, "when": i.when}
            for i in view.interventions
        },
        "safety_plan": dict(view.safety_plan.steps),
        "review_arrangements": view.review_arrangements,
    }


def publish_version(
    *,
    service_user_id: int,
    published_by: User,
    summary: str,
    next_review_on: date | None,
) -> PlanVersion:
    view = load_plan(service_user_id)
    previous = db.session.scalar(
        select(PlanVersion.number)
        .where(PlanVersion.plan_id == view.plan_id)
        .order_by(PlanVersion.number.desc())
        .limit(1)
    )
    version = PlanVersion(
        plan_id=view.plan_id,
        number=(previous or 0) + 1,
        published_by_user_id=published_by.id,
        published_by_name=published_by.display_name,
        summary=summary,
        next_review_on=next_review_on,
        snapshot=json.dumps(snapshot(view), sort_keys=True),
    )
    db.session.add(version)
    person = db.session.get(ServiceUser, service_user_id)
    if person is not None:
        person.next_review_on = next_review_on
    db.session.flush()
    return version


@dataclass(frozen=True)
class SectionChange:
    section: str
    added: list[Any]
    removed: list[Any]
    changed: list[tuple[Any, Any]]  # (before, after)

    @property
    def is_empty(self) -> bool:
        return not (self.added or self.removed or self.changed)


SECTION_ORDER = (
    "what_matters_to_me",
    "goals",
    "actions",
    "interventions",
    "safety_plan",
    "review_arrangements",
)


def diff_snapshots(before: dict[str, Any], after: dict[str, Any]) -> list[SectionChange]:
    """Exactly what differs between two versions, section by section."""
    changes = []
    for section in SECTION_ORDER:
        old, new = before.get(section), after.get(section)
        if isinstance(new, dict) or isinstance(old, dict):
            old_items, new_items = old or {}, new or {}
            if section == "safety_plan":
                changed = [
                    (
                        {"step": k, "text": old_items.get(k, "")},
                        {"step": k, "text": new_items.get(k, "")},
                    )
                    for k in SAFETY_PLAN_STEPS
                    if old_items.get(k, "") != new_items.get(k, "")
                ]
                changes.append(SectionChange(section, [], [], changed))
                continue
            changes.append(
                SectionChange(
                    section,
                    added=[new_items[k] for k in new_items if k not in old_items],
                    removed=[old_items[k] for k in old_items if k not in new_items],
                    changed=[
                        (old_items[k], new_items[k])
                        for k in new_items
                        if k in old_items and old_items[k] != new_items[k]
                    ],
                )
            )
        else:
            changed_text = [(old or "", new or "")] if (old or "") != (new or "") else []
            changes.append(SectionChange(section, [], [], changed_text))
    return changes


# --- What's changed -----------------------------------------------------------


@dataclass(frozen=True)
class Change:
    kind: str  # new_action, changed_action, team_note, new_version
    subject: str  # the action, or the version's summary
    by: str
    at: datetime


def whats_changed(service_user_id: int, user_id: int, limit: int = 10) -> list[Change]:
    """What others changed in the plan since the person last opened it.

    Their own changes are not news to them, so they are left out."""
    person = db.session.get(ServiceUser, service_user_id)
    plan = db.session.scalar(select(CarePlan).where(CarePlan.service_user_id == service_user_id))
    if person is None or plan is None:
        return []
    since = person.plan_last_viewed_at
    changes: list[Change] = []

    actions = (
        select(PlanAction, User.display_name)
        .outerjoin(User, PlanAction.changed_by_user_id == User.id)
        .where(
            PlanAction.plan_id == plan.id,
            (PlanAction.changed_by_user_id != user_id) | PlanAction.changed_by_user_id.is_(None),
        )
    )
    notes = (
        select(ActionUpdate, PlanAction.description)
        .join(PlanAction, ActionUpdate.action_id == PlanAction.id)
        .where(
            PlanAction.plan_id == plan.id,
            (ActionUpdate.author_user_id != user_id) | ActionUpdate.author_user_id.is_(None),
        )
    )
    versions = select(PlanVersion).where(PlanVersion.plan_id == plan.id)
    if since is not None:
        actions = actions.where(PlanAction.changed_at > since)
        notes = notes.where(ActionUpdate.created_at > since)
        versions = versions.where(PlanVersion.published_at > since)

    for action, name in db.session.execute(
        actions.order_by(PlanAction.changed_at.desc()).limit(limit)
    ):
        is_new = since is None or action.created_at > since
        changes.append(
            Change(
                "new_action" if is_new else "changed_action",
                action.description,
                name or "",
                action.changed_at,
            )
        )
    for update, description in db.session.execute(
        notes.order_by(ActionUpdate.created_at.desc()).limit(limit)
    ):
        changes.append(Change("team_note", description, update.author_name, update.created_at))
    for version in db.session.scalars(versions.order_by(PlanVersion.number.desc()).limit(limit)):
        changes.append(
            Change("new_version", version.summary, version.published_by_name, version.published_at)
        )
    changes.sort(key=lambda change: change.at, reverse=True)
    return changes[:limit]
