"""Staff's draft of a plan, section by section (publishing it: see
services.publishing).

Rules enforced here:
- only staff who can see the person (``staff_can_see``) read or change their
  draft; anyone else gets 404;
- the person keeps seeing the live plan until a version is published;
- a save names the draft version it started from (0: no draft yet) and the
  latest published version it saw; if either has moved on, ``DraftConflict``
  carries what is saved now, so nothing anyone typed is lost;
- list sections store ``{"items": [...], "removed": [live ids]}``: live items
  the draft does not mention (the person's own new actions, say) are always
  kept, in the editor and when publishing;
- a draft of the safety plan records the live version it is based on, so
  publishing can refuse it if the person changed their safety plan since;
- a named care team member must be on the person's care team now.

The JSON shapes of ``PlanDraftSection.content`` live in this module only.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from flask import abort
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError

from portal import db
from portal.access import Viewer, staff_can_see
from portal.audit import record
from portal.models import (
    ActionOwner,
    ActionStatus,
    CareTeamMember,
    PlanAction,
    PlanDraftSection,
    ServiceUser,
    StaffMember,
)
from portal.models.base import utcnow
from portal.services import plan as plans

SECTIONS = ("what_matters", "goals", "actions", "interventions", "safety_plan", "review")
LIST_SECTIONS = frozenset({"goals", "actions", "interventions"})


# --- What a section holds ----------------------------------------------------


@dataclass(frozen=True)
class GoalItem:
    id: int | None  # the live goal, or None for a new one
    life_area: str  # a LifeArea code
    goal: str
    why_it_matters: str


@dataclass(frozen=True)
class ActionItem:
    id: int | None
    description: str
    owner: str  # an ActionOwner code
    owner_name: str  # the carer's or the partner agency's name
    owner_staff_member_id: int | None  # for "team": who in the care team
    life_area: str  # a LifeArea code, or ""
    due_on: date | None


@dataclass(frozen=True)
class InterventionItem:
    id: int | None
    name: str
    description: str
    provider: str
    when: str


Item = GoalItem | ActionItem | InterventionItem


@dataclass(frozen=True)
class ListContent:
    items: tuple[Item, ...]
    removed: tuple[int, ...] = ()


@dataclass(frozen=True)
class WhatMatters:
    text: str


@dataclass(frozen=True)
class SafetySteps:
    steps: dict[str, str]


@dataclass(frozen=True)
class ReviewDetails:
    review_arrangements: str
    section_117_aftercare: str
    care_act_needs: str


Content = WhatMatters | ListContent | SafetySteps | ReviewDetails


def _clean(text: str | None) -> str:
    return (text or "").strip()


def _item_to_json(item: Item) -> dict[str, Any]:
    if isinstance(item, GoalItem):
        return {
            "id": item.id,
            "life_area": item.life_area,
            "goal": item.goal,
            "why_it_matters": item.why_it_matters,
        }
    if isinstance(item, ActionItem):
        return {
            "id": item.id,
            "description": item.description,
            "owner": item.owner,
            "owner_name": item.owner_name,
            "owner_staff_member_id": item.owner_staff_member_id,
            "life_area": item.life_area,
            "due_on": item.due_on.isoformat() if item.due_on else None,
        }
    return {
        "id": item.id,
        "name": item.name,
        "description": item.description,
        "provider": item.provider,
        "when": item.when,
    }


def _item_from_json(section: str, data: dict[str, Any]) -> Item:
    item_id = data.get("id")
    if section == "goals":
        return GoalItem(item_id, data["life_area"], data["goal"], data.get("why_it_matters", ""))
    if section == "actions":
        due = data.get("due_on")
        return ActionItem(
            item_id,
            data["description"],
            data["owner"],
            data.get("owner_name") or "",
            data.get("owner_staff_member_id"),
            data.get("life_area") or "",
            date.fromisoformat(due) if due else None,
        )
    return InterventionItem(
        item_id,
        data["name"],
        data.get("description", ""),
        data.get("provider", ""),
        data.get("when", ""),
    )


def content_to_json(content: Content) -> str:
    data: dict[str, Any]
    if isinstance(content, WhatMatters):
        data = {"text": content.text}
    elif isinstance(content, ListContent):
        data = {
            "items": [_item_to_json(item) for item in content.items],
            "removed": list(content.removed),
        }
    elif isinstance(content, SafetySteps):
        data = {"steps": {step: content.steps.get(step, "") for step in plans.SAFETY_PLAN_STEPS}}
    else:
        data = {
            "review_arrangements": content.review_arrangements,
            "section_117_aftercare": content.section_117_aftercare,
            "care_act_needs": content.care_act_needs,
        }
    return json.dumps(data, sort_keys=True)


def content_from_json(section: str, text: str) -> Content:
    data = json.loads(text)
    if section == "what_matters":
        return WhatMatters(data["text"])
    if section in LIST_SECTIONS:
        return ListContent(
            tuple(_item_from_json(section, item) for item in data["items"]),
            tuple(int(i) for i in data.get("removed", [])),
        )
    if section == "safety_plan":
        steps = data["steps"]
        return SafetySteps({step: steps.get(step, "") for step in plans.SAFETY_PLAN_STEPS})
    return ReviewDetails(
        data["review_arrangements"], data["section_117_aftercare"], data["care_act_needs"]
    )


# --- The live plan, as section contents -----------------------------------------


@dataclass(frozen=True)
class CareTeamChoice:
    staff_member_id: int
    name: str
    role_in_care: str


@dataclass(frozen=True)
class LivePlan:
    """The live plan in the shapes drafts use, plus what the editor shows
    beside it (action statuses are the owner's, shown read-only)."""

    view: plans.PlanView
    sections: dict[str, Content]
    action_statuses: dict[int, ActionStatus]
    care_team: list[CareTeamChoice]
    staff_names: dict[int, str]  # the care team, and anyone a live action names


def _live_action_item(action: plans.ActionView, staff_member_id: int | None) -> ActionItem:
    return ActionItem(
        id=action.id,
        description=action.description,
        owner=action.owner.value,
        owner_name=(action.owner_label or "") if action.owner is not ActionOwner.TEAM else "",
        owner_staff_member_id=staff_member_id,
        life_area=action.life_area.value if action.life_area else "",
        due_on=action.due_on,
    )


def _load_live(service_user_id: int) -> LivePlan:
    view = plans.load_plan(service_user_id)
    action_staff = dict(
        db.session.execute(
            select(PlanAction.id, PlanAction.owner_staff_member_id).where(
                PlanAction.plan_id == view.plan_id
            )
        ).all()
    )
    team_rows = db.session.execute(
        select(StaffMember.id, StaffMember.name, CareTeamMember.role_in_care)
        .join(CareTeamMember, CareTeamMember.staff_member_id == StaffMember.id)
        .where(CareTeamMember.service_user_id == service_user_id, CareTeamMember.ended_on.is_(None))
        .order_by(CareTeamMember.is_key_worker.desc(), StaffMember.name, StaffMember.id)
    ).all()
    care_team = [CareTeamChoice(row[0], row[1], row[2]) for row in team_rows]
    staff_names = {choice.staff_member_id: choice.name for choice in care_team}
    for action in view.actions:
        staff_id = action_staff.get(action.id)
        if staff_id is not None and action.owner_label:
            staff_names.setdefault(staff_id, action.owner_label)
    sections: dict[str, Content] = {
        "what_matters": WhatMatters(view.what_matters_to_me),
        "goals": ListContent(
            tuple(GoalItem(g.id, g.life_area.value, g.goal, g.why_it_matters) for g in view.goals)
        ),
        "actions": ListContent(
            tuple(_live_action_item(a, action_staff.get(a.id)) for a in view.actions)
        ),
        "interventions": ListContent(
            tuple(
                InterventionItem(i.id, i.name, i.description, i.provider, i.when)
                for i in view.interventions
            )
        ),
        "safety_plan": SafetySteps(dict(view.safety_plan.steps)),
        "review": ReviewDetails(
            view.review_arrangements,
            view.section_117_aftercare or "",
            view.care_act_needs or "",
        ),
    }
    return LivePlan(
        view=view,
        sections=sections,
        action_statuses={a.id: a.status for a in view.actions},
        care_team=care_team,
        staff_names=staff_names,
    )


def merge_with_live(draft: Content, live: Content) -> Content:
    """The draft as the editor shows it: for lists, the draft's items, then
    live items it does not mention (added meanwhile, such as the person's own
    new actions). Items whose live row has gone are dropped."""
    if not (isinstance(draft, ListContent) and isinstance(live, ListContent)):
        return draft
    live_ids = {item.id for item in live.items}
    mentioned = {item.id for item in draft.items if item.id is not None} | set(draft.removed)
    items = [item for item in draft.items if item.id is None or item.id in live_ids]
    items += [item for item in live.items if item.id not in mentioned]
    removed = tuple(i for i in draft.removed if i in live_ids)
    return ListContent(tuple(items), removed)


# --- Sections as the editor shows them ----------------------------------------------


@dataclass(frozen=True)
class DraftInfo:
    version: int
    updated_by: str
    updated_at: datetime
    based_on_version: int | None


@dataclass(frozen=True)
class SectionState:
    key: str
    content: Content  # the draft merged with live, or the live plan
    draft: DraftInfo | None
    published_version: int  # the latest version's number; 0 before the first
    published_by: str  # who published it, for a conflict after publishing
    published_at: datetime | None
    live: Content
    live_items: dict[int, Item] = field(default_factory=dict)

    @property
    def draft_version(self) -> int:
        return self.draft.version if self.draft else 0

    @property
    def removed_items(self) -> list[Item]:
        if not isinstance(self.content, ListContent):
            return []
        return [self.live_items[i] for i in self.content.removed if i in self.live_items]


@dataclass(frozen=True)
class CommunicationNeeds:
    """Accessible Information Standard needs, as recorded."""

    interpreter_language: str | None
    needs_interpreter: bool
    easy_read: bool
    large_print: bool
    bsl: bool
    other: str

    @property
    def any(self) -> bool:
        return any((self.needs_interpreter, self.easy_read, self.large_print, self.bsl, self.other))


@dataclass(frozen=True)
class Editor:
    """Everything the editor's pages show about one person's plan."""

    service_user_id: int
    preferred_name: str
    needs: CommunicationNeeds
    sections: dict[str, SectionState]
    latest: plans.VersionSummary | None
    action_statuses: dict[int, ActionStatus]
    care_team: list[CareTeamChoice]
    staff_names: dict[int, str]
    live_safety_version: int
    safety_changed_by_person: bool  # since the safety plan draft started
    live: LivePlan

    def section(self, key: str) -> SectionState:
        return self.sections[key]


class DraftConflict(Exception):
    """Someone saved this section (or published the plan) after the form opened."""

    def __init__(self, current: SectionState) -> None:
        super().__init__("draft conflict")
        self.current = current


def check_access(viewer: Viewer, service_user_id: int) -> ServiceUser:
    """The person, if this staff member may see them; otherwise 404."""
    if not staff_can_see(viewer, service_user_id):
        abort(404)
    person = db.session.get(ServiceUser, service_user_id)
    if person is None:
        abort(404)
    return person


def audit(viewer: Viewer, service_user_id: int, action: str, object_type: str, oid: int) -> None:
    record(
        actor_user_id=viewer.user.id,
        acting_as="staff",
        action=action,
        object_type=object_type,
        object_id=oid,
        service_user_id=service_user_id,
    )


def draft_rows(plan_id: int) -> dict[str, PlanDraftSection]:
    rows = db.session.scalars(
        select(PlanDraftSection)
        .where(PlanDraftSection.plan_id == plan_id)
        .order_by(PlanDraftSection.section)
    )
    return {row.section: row for row in rows}


def _state(
    key: str,
    row: PlanDraftSection | None,
    live: LivePlan,
    latest: plans.VersionSummary | None,
) -> SectionState:
    live_content = live.sections[key]
    content = (
        merge_with_live(content_from_json(key, row.content), live_content) if row else live_content
    )
    live_items = (
        {item.id: item for item in live_content.items if item.id is not None}
        if isinstance(live_content, ListContent)
        else {}
    )
    return SectionState(
        key=key,
        content=content,
        draft=DraftInfo(row.version, row.updated_by_name, row.updated_at, row.based_on_version)
        if row
        else None,
        published_version=latest.number if latest else 0,
        published_by=latest.published_by if latest else "",
        published_at=latest.published_at if latest else None,
        live=live_content,
        live_items=live_items,
    )


def load_editor(person: ServiceUser) -> Editor:
    live = _load_live(person.id)
    rows = draft_rows(live.view.plan_id)
    latest = live.view.latest_version
    safety_row = rows.get("safety_plan")
    live_safety_version = live.view.safety_plan.version
    return Editor(
        service_user_id=person.id,
        preferred_name=person.preferred_name,
        needs=CommunicationNeeds(
            interpreter_language=person.interpreter_language,
            needs_interpreter=person.needs_interpreter,
            easy_read=person.needs_easy_read,
            large_print=person.needs_large_print,
            bsl=person.needs_bsl,
            other=_clean(person.other_communication_needs),
        ),
        sections={key: _state(key, rows.get(key), live, latest) for key in SECTIONS},
        latest=latest,
        action_statuses=live.action_statuses,
        care_team=live.care_team,
        staff_names=live.staff_names,
        live_safety_version=live_safety_version,
        safety_changed_by_person=safety_row is not None
        and (safety_row.based_on_version or 0) != live_safety_version,
        live=live,
    )


def open_editor(viewer: Viewer, service_user_id: int, *, audit_as: str | None = None) -> Editor:
    """The person's plan with its draft. ``audit_as`` names what the staff
    member is looking at, for the audit trail (None: not a view, such as the
    read before a save)."""
    person = check_access(viewer, service_user_id)
    editor = load_editor(person)
    if audit_as:
        audit(viewer, person.id, "view", audit_as, person.id)
    return editor


# --- Saving a section ---------------------------------------------------------------


def _check_item_ids(content: Content, live: Content) -> None:
    """Items and removals may only name live items of this plan: a forged id
    from someone else's plan finds nothing."""
    if not (isinstance(content, ListContent) and isinstance(live, ListContent)):
        return
    live_ids = {item.id for item in live.items}
    named = [item.id for item in content.items if item.id is not None] + list(content.removed)
    if any(item_id not in live_ids for item_id in named) or len(named) != len(set(named)):
        abort(404)


def _same_as_live(content: Content, live: Content) -> bool:
    if isinstance(content, ListContent) and isinstance(live, ListContent):
        return content.items == live.items and not content.removed
    return content == live


def _check_team_members(content: Content, editor: Editor) -> None:
    """A named care team member must be in this person's care team now, or
    be the one the live action already names."""
    if not isinstance(content, ListContent):
        return
    allowed = {choice.staff_member_id for choice in editor.care_team}
    for item in content.items:
        if isinstance(item, ActionItem) and item.owner == ActionOwner.TEAM.value:
            live = editor.sections["actions"].live_items.get(item.id or 0)
            already = isinstance(live, ActionItem) and (
                live.owner_staff_member_id == item.owner_staff_member_id
            )
            if item.owner_staff_member_id not in allowed and not already:
                abort(404)


def save_section(
    viewer: Viewer,
    service_user_id: int,
    key: str,
    content: Content,
    *,
    expected_draft_version: int,
    expected_published_version: int,
    safety_seen_version: int | None = None,
) -> Editor:
    """Save one section of the draft. ``safety_seen_version`` is the live
    safety plan version the staff member had in front of them: the draft is
    based on it."""
    person = check_access(viewer, service_user_id)
    editor = load_editor(person)
    current = editor.sections[key]
    _check_item_ids(content, current.live)
    _check_team_members(content, editor)
    if (
        current.draft_version != expected_draft_version
        or current.published_version != expected_published_version
    ):
        raise DraftConflict(current)
    plan_id = plans.plan_for(person.id).id
    row = db.session.scalar(
        select(PlanDraftSection).where(
            PlanDraftSection.plan_id == plan_id, PlanDraftSection.section == key
        )
    )
    based_on = None
    if key == "safety_plan":
        based_on = (
            safety_seen_version
            if safety_seen_version is not None
            else (current.draft.based_on_version if current.draft else None)
        )
        if based_on is None:
            based_on = editor.live_safety_version
    try:
        if _same_as_live(content, current.live) and (
            key != "safety_plan" or based_on == editor.live_safety_version
        ):
            # Back to the live plan: no draft, so the overview says "no changes".
            if row is not None:
                db.session.delete(row)
        elif row is None:
            row = PlanDraftSection(
                plan_id=plan_id,
                section=key,
                content=content_to_json(content),
                based_on_version=based_on,
                updated_by_user_id=viewer.user.id,
                updated_by_name=viewer.user.display_name,
            )
            db.session.add(row)
        else:
            row.content = content_to_json(content)
            row.based_on_version = based_on
            row.updated_by_user_id = viewer.user.id
            row.updated_by_name = viewer.user.display_name
            row.updated_at = utcnow()
        db.session.flush()
    except (IntegrityError, StaleDataError):
        # Someone else created or changed this section's draft in the moment
        # between our check and our write. The request's work is undone; show
        # them what is saved now.
        db.session.rollback()
        raise DraftConflict(
            load_editor(check_access(viewer, service_user_id)).sections[key]
        ) from None
    audit(viewer, person.id, "update", "plan_draft", plan_id)
    return load_editor(person)
