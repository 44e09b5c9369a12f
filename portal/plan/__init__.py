"""The service user's own plan: read it, update their actions, keep their
safety plan, and see every agreed version. One URL answers the full page or,
for htmx, the fragment beside it."""

from __future__ import annotations

import json
from typing import Any

from flask import Blueprint, abort, flash, redirect, request, url_for
from flask_babel import gettext as _
from sqlalchemy import select
from werkzeug.wrappers import Response

from portal import db
from portal.access import Viewer, require_viewer
from portal.crisis import tel_href
from portal.forms.plan import (
    LIFE_AREA_LABELS,
    STATUS_LABELS,
    ActionUpdateForm,
    NewActionForm,
    SafetyPlanForm,
    VersionResponseForm,
)
from portal.htmx import is_htmx_request, render_page
from portal.models import ActionOwner, ActionStatus, PlanResponse, PlanVersion
from portal.pagination import numbered_pagination, page_number
from portal.plan import record_events
from portal.plan.presenting import linkify_phone_numbers
from portal.services import plan as plans
from portal.services.easy_read import wants_easy_read
from portal.services.record_views import events_on_my_record

bp = Blueprint("plan", __name__, url_prefix="/plan")


def _person(viewer: Viewer) -> int:
    if viewer.service_user_id is None:
        abort(404)
    return viewer.service_user_id


def _labels() -> dict[str, Any]:
    return {
        "status_labels": STATUS_LABELS,
        "life_area_labels": LIFE_AREA_LABELS,
        "life_area_labels_by_code": {area.value: label for area, label in LIFE_AREA_LABELS.items()},
        "owners": ActionOwner,
        "tel_href": tel_href,
        "linkify": linkify_phone_numbers,
    }


@bp.route("")
def my_plan() -> Response:
    viewer = require_viewer()
    person = _person(viewer)
    view = plans.load_plan(person)
    plans.mark_plan_viewed(person)
    return render_page(
        "plan/my_plan.html", plan=view, easy_read_first=wants_easy_read(person), **_labels()
    )


@bp.route("/actions")
def my_actions() -> Response:
    view = plans.load_plan(_person(require_viewer()))
    forms = {
        action.id: ActionUpdateForm(
            prefix=f"action-{action.id}",
            data={"status": action.status.value, "version": action.version},
            can_change_status=action.mine,
        )
        for action in view.actions
    }
    return render_page("plan/my_actions.html", plan=view, forms=forms, **_labels())


@bp.route("/actions/<int:action_id>", methods=["POST"])
def update_action(action_id: int) -> Response:
    viewer = require_viewer()
    person = _person(viewer)
    current = plans.action_view(person, action_id)
    form = ActionUpdateForm(prefix=f"action-{action_id}", can_change_status=current.mine)
    if not form.validate():
        return _action_page(current, form, status=422)
    try:
        updated = plans.update_my_action(
            user=viewer.user,
            service_user_id=person,
            action_id=action_id,
            expected_version=form.expected_version(),
            new_status=form.chosen_status() if current.mine else None,
            note=form.note.data or "",
        )
    except plans.StaleEdit as stale:
        latest = plans.action_view(person, action_id)
        return render_page(
            "plan/conflict.html",
            fragment="plan/_action_conflict.html",
            action=latest,
            your_status_label=_status_label(form),
            theirs=stale.current,
            form=ActionUpdateForm(
                prefix=f"action-{action_id}",
                data={
                    "status": form.status.data,
                    "note": form.note.data,
                    "version": latest.version,
                },
                can_change_status=latest.mine,
            ),
            status=409,
            **_labels(),
        )
    message = _("Your update to “%(action)s” has been saved.", action=updated.description)
    if is_htmx_request():
        fresh = ActionUpdateForm(
            prefix=f"action-{action_id}",
            data={"status": updated.status.value, "version": updated.version},
            can_change_status=updated.mine,
        )
        return render_page(
            "plan/_action.html", action=updated, form=fresh, saved_message=message, **_labels()
        )
    flash(message)
    return redirect(url_for("plan.my_actions") + f"#action-{action_id}", code=303)


def _status_label(form: ActionUpdateForm) -> Any:
    chosen = form.chosen_status() if form.status.data in {s.value for s in ActionStatus} else None
    return STATUS_LABELS[chosen] if chosen else None


def _action_page(action: plans.ActionView, form: ActionUpdateForm, status: int) -> Response:
    """A single action with its form: the page without JavaScript, the
    fragment with htmx; both keep what the person typed."""
    return render_page(
        "plan/action.html",
        fragment="plan/_action.html",
        action=action,
        form=form,
        status=status,
        **_labels(),
    )


@bp.route("/actions/new", methods=["GET", "POST"])
def add_action() -> Response:
    viewer = require_viewer()
    person = _person(viewer)
    form = NewActionForm()
    status = 200
    if form.is_submitted():
        if form.validate():
            action = plans.add_my_action(
                user=viewer.user,
                service_user_id=person,
                description=form.description.data,
                due_on=form.due_on(),
                life_area=form.chosen_life_area(),
            )
            flash(_("Your action “%(action)s” has been added.", action=action.description))
            return redirect(url_for("plan.my_actions") + f"#action-{action.id}", code=303)
        status = 422
    return render_page("plan/new_action.html", form=form, status=status, **_labels())


@bp.route("/safety")
def safety_plan() -> Response:
    safety = plans.load_safety_plan(_person(require_viewer()))
    return render_page("plan/safety_plan.html", safety=safety, **_labels())


@bp.route("/safety/card")
def safety_card() -> Response:
    safety = plans.load_safety_plan(_person(require_viewer()))
    return render_page("plan/safety_card.html", safety=safety, **_labels())


@bp.route("/safety/edit", methods=["GET", "POST"])
def edit_safety_plan() -> Response:
    viewer = require_viewer()
    person = _person(viewer)
    current = plans.load_safety_plan(person)
    form = SafetyPlanForm(data={**current.steps, "version": current.version})
    status = 200
    if form.is_submitted():
        form = SafetyPlanForm()
        if form.validate():
            steps = {step: getattr(form, step).data or "" for step in plans.SAFETY_PLAN_STEPS}
            try:
                plans.save_safety_plan(
                    user=viewer.user,
                    service_user_id=person,
                    expected_version=form.expected_version(),
                    steps=steps,
                )
            except plans.StaleEdit as stale:
                form.version.data = str(stale.current_version)
                return render_page(
                    "plan/safety_conflict.html",
                    form=form,
                    theirs=stale.current,
                    status=409,
                    **_labels(),
                )
            flash(_("Your safety plan has been saved."))
            return redirect(url_for("plan.safety_plan"), code=303)
        status = 422
    return render_page("plan/safety_edit.html", form=form, status=status, **_labels())


@bp.route("/history")
def history() -> Response:
    person = _person(require_viewer())
    plan = plans.plan_for(person)
    return render_page("plan/history.html", versions=plans.version_history(plan.id))


@bp.route("/who-has-seen")
def who_has_seen() -> Response:
    viewer = require_viewer()
    result = events_on_my_record(
        _person(viewer), viewer.user.id, page_number(request.args.get("page"))
    )

    def url_for_page(number: int) -> str:
        return url_for("plan.who_has_seen", page=number if number > 1 else None)

    return render_page(
        "plan/who_has_seen.html",
        result=result,
        pagination=numbered_pagination(result, url_for_page, label=_("Pages of the record")),
        what_they_did=record_events.what_they_did,
        who_they_are=record_events.who_they_are,
    )


@bp.route("/history/<int:number>", methods=["GET", "POST"])
def version(number: int) -> Response:
    viewer = require_viewer()
    person = _person(viewer)
    plan = plans.plan_for(person)
    rows = list(
        db.session.scalars(
            select(PlanVersion)
            .where(PlanVersion.plan_id == plan.id, PlanVersion.number.in_([number, number - 1]))
            .order_by(PlanVersion.number)
        )
    )
    this = next((row for row in rows if row.number == number), None)
    if this is None:
        abort(404)
    before = next((row for row in rows if row.number == number - 1), None)
    changes = plans.diff_snapshots(
        json.loads(before.snapshot) if before else {}, json.loads(this.snapshot)
    )
    history = plans.version_history(plan.id)
    summary = next(v for v in history if v.number == number)
    is_newest = history[0].number == number
    form = VersionResponseForm()
    status = 200
    if form.is_submitted():
        if not is_newest:
            abort(404)
        if form.validate():
            plans.respond_to_version(
                user=viewer.user,
                service_user_id=person,
                number=number,
                response=PlanResponse(form.response.data),
                note=form.note.data or "",
            )
            flash(
                _("Thank you. Your key worker will see that you agree with this plan.")
                if form.response.data == PlanResponse.AGREE.value
                else _("Thank you. Your key worker will see that you would like to talk about it.")
            )
            return redirect(url_for("plan.version", number=number), code=303)
        status = 422
    return render_page(
        "plan/version.html",
        version=summary,
        snapshot=json.loads(this.snapshot),
        changes=changes,
        has_previous=before is not None,
        is_newest=is_newest,
        form=form,
        status=status,
        **_labels(),
    )


# Issue 7: My plan in Easy Read, in its own module on this blueprint.
from portal.plan import easy_read as _easy_read  # noqa: E402, F401
