"""A person's care team and support level, kept current by the staff who
work with them. Every route answers 404 unless the member of staff can see
the person (the services check)."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import Blueprint, flash, redirect, request, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from portal.access import Viewer, require_viewer, staff_can_see
from portal.forms import ConfirmForm
from portal.forms.careteam import (
    SUPPORT_LEVEL_HINTS,
    SUPPORT_LEVEL_LABELS,
    AddMemberForm,
    KeyWorkerForm,
    SupportLevelForm,
)
from portal.htmx import render_page
from portal.models import SupportLevel
from portal.services import care_team_changes as changes
from portal.services import support_level as support

bp = Blueprint("careteam", __name__, url_prefix="/people/<int:service_user_id>")


def _after_change(viewer: Viewer, service_user_id: int, person_name: str, message: str) -> Response:
    """Back to the care team, or home if this change took the person out of
    the viewer's reach (they left the team): the record is not theirs to see."""
    if not staff_can_see(viewer, service_user_id):
        flash(
            _(
                "You are no longer in %(name)s's care team, so you can no longer see their record.",
                name=person_name,
            )
        )
        return redirect(url_for("core.home"), code=303)
    flash(message)
    return redirect(url_for("careteam.manage", service_user_id=service_user_id), code=303)


@bp.route("/care-team")
def manage(service_user_id: int) -> Response:
    team = changes.load_care_team(require_viewer(), service_user_id, record_view=True)
    return render_page("careteam/manage.html", team=team)


def _name_the_person(form: KeyWorkerForm | AddMemberForm, team: changes.CareTeamPage) -> None:
    form.role.label.text = _("Their role in %(name)s's care", name=team.person_name)


def _key_worker_page(
    team: changes.CareTeamPage, form: KeyWorkerForm, status: int = 200, **extra: Any
) -> Response:
    _name_the_person(form, team)
    return render_page(
        "careteam/key_worker.html",
        team=team,
        form=form,
        groups=changes.staff_to_choose_from(),
        status=status,
        **extra,
    )


@bp.route("/care-team/key-worker", methods=["GET", "POST"])
def change_key_worker(service_user_id: int) -> Response:
    viewer = require_viewer()
    submitted = request.method == "POST"
    team = changes.load_care_team(viewer, service_user_id, record_view=not submitted)
    current = team.key_worker
    form = KeyWorkerForm(has_key_worker=current is not None)
    if not submitted:
        form.role.data = _("Key worker")
        form.current.data = str(current.id) if current else ""
        return _key_worker_page(team, form)
    if not form.validate():
        return _key_worker_page(team, form, 422)
    try:
        changes.change_key_worker(
            viewer,
            service_user_id,
            new_staff_member_id=form.chosen_staff_member_id(),
            role=form.role.data,
            outgoing_stays=form.outgoing_stays(),
            outgoing_role=form.outgoing_role.data or "",
            expected_key_worker_id=form.expected_key_worker(),
        )
    except changes.KeyWorkerChangedMeanwhile:
        # Show the team as it is now, keep what was typed, and ask again.
        team = changes.load_care_team(viewer, service_user_id, record_view=False)
        now = team.key_worker
        form = KeyWorkerForm(has_key_worker=now is not None)
        form.current.data = str(now.id) if now else ""
        return _key_worker_page(team, form, 409, changed_meanwhile=True)
    except changes.UnknownStaffMember:
        form.staff_member.errors = [_("Choose who will be the named key worker from the list")]
        return _key_worker_page(team, form, 422)
    except changes.AlreadyKeyWorker:
        form.staff_member.errors = [
            _(
                "%(name)s is already the named key worker. Choose someone else.",
                name=current.name if current else "",
            )
        ]
        return _key_worker_page(team, form, 422)
    return _after_change(
        viewer,
        service_user_id,
        team.person_name,
        _("The named key worker has been changed. %(name)s sees this now.", name=team.person_name),
    )


@bp.route("/care-team/add", methods=["GET", "POST"])
def add_member(service_user_id: int) -> Response:
    viewer = require_viewer()
    form = AddMemberForm()
    if not form.is_submitted():
        team = changes.load_care_team(viewer, service_user_id, record_view=True)
        return _add_member_page(team, form)
    team = changes.load_care_team(viewer, service_user_id, record_view=False)
    if not form.validate():
        return _add_member_page(team, form, 422)
    try:
        changes.add_member(
            viewer,
            service_user_id,
            staff_member_id=form.chosen_staff_member_id(),
            role=form.role.data,
        )
    except changes.AlreadyInCareTeam:
        form.staff_member.errors = [
            _(
                "This person is already in %(name)s's care team. Choose someone else, "
                "or change their role by ending their membership and adding them again.",
                name=team.person_name,
            )
        ]
        return _add_member_page(team, form, 422)
    except changes.UnknownStaffMember:
        form.staff_member.errors = [_("Choose who is joining the care team from the list")]
        return _add_member_page(team, form, 422)
    return _after_change(
        viewer,
        service_user_id,
        team.person_name,
        _("They have been added to %(name)s's care team.", name=team.person_name),
    )


def _add_member_page(
    team: changes.CareTeamPage, form: AddMemberForm, status: int = 200
) -> Response:
    _name_the_person(form, team)
    return render_page(
        "careteam/add_member.html",
        team=team,
        form=form,
        groups=changes.staff_to_choose_from(),
        status=status,
    )


@bp.route("/care-team/<int:membership_id>/end", methods=["GET", "POST"])
def end_membership(service_user_id: int, membership_id: int) -> Response:
    viewer = require_viewer()
    form = ConfirmForm()
    team = changes.load_care_team(viewer, service_user_id, record_view=not form.is_submitted())
    membership = changes.membership_to_end(viewer, service_user_id, membership_id)
    if form.validate_on_submit() and not membership.is_key_worker:
        changes.end_membership(viewer, service_user_id, membership_id)
        return _after_change(
            viewer,
            service_user_id,
            team.person_name,
            _(
                "%(member)s is no longer in %(name)s's care team. "
                "This is kept in the team's history.",
                member=membership.name,
                name=team.person_name,
            ),
        )
    status = 409 if form.is_submitted() else 200
    return render_page(
        "careteam/end_membership.html", team=team, membership=membership, form=form, status=status
    )


@bp.route("/support-level", methods=["GET", "POST"])
def support_level(service_user_id: int) -> Response:
    viewer = require_viewer()
    form = SupportLevelForm()
    submitted = form.is_submitted()
    page = support.load_support_level(viewer, service_user_id, record_view=not submitted)
    status = 200
    if not submitted:
        today = date.today()
        form.changed_day.data = today.day
        form.changed_month.data = today.month
        form.changed_year.data = today.year
    elif form.validate():
        level = form.chosen_level()
        try:
            support.change_support_level(
                viewer,
                service_user_id,
                to_level=level,
                reason=form.reason.data,
                changed_on=form.changed_on(),
            )
        except support.SameSupportLevel:
            form.level.errors = [
                _(
                    "%(name)s's support is already at this level. Choose a different level.",
                    name=page.person_name,
                )
            ]
            status = 422
        else:
            flash(_support_level_message(level, page.person_name))
            return redirect(
                url_for("careteam.support_level", service_user_id=service_user_id), code=303
            )
    else:
        status = 422
    return render_page(
        "careteam/support_level.html",
        page=page,
        form=form,
        status=status,
        level_labels=SUPPORT_LEVEL_LABELS,
        level_hints={level.value: hint for level, hint in SUPPORT_LEVEL_HINTS.items()},
    )


def _support_level_message(level: SupportLevel, name: str) -> Any:
    if level is SupportLevel.STEPPED_DOWN:
        return _(
            "%(name)s's support has been stepped down. Their plan, care team and named key "
            "worker stay in place, and they can ask for more support at any time.",
            name=name,
        )
    if level is SupportLevel.STEPPED_UP:
        return _("%(name)s's support has been stepped up.", name=name)
    return _("%(name)s's support is back to the standard level.", name=name)
