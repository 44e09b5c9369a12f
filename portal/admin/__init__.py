"""Administration: teams, staff accounts and the service settings. No
clinical content here: administrators see no service users and no plans."""

from __future__ import annotations

from dataclasses import asdict, fields
from typing import Any

from flask import Blueprint, flash, redirect, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from portal.access import require_viewer
from portal.forms import ConfirmForm
from portal.forms.admin import (
    ORGANISATION_TYPE_LABELS,
    SettingsForm,
    StaffMemberForm,
    TeamForm,
)
from portal.htmx import render_page
from portal.models import OrganisationType
from portal.services import administration as admin
from portal.services.invitations import NewInvitation

bp = Blueprint("admin", __name__, url_prefix="/admin")


def invitation_url(token: str) -> str:
    """The link a new member of staff opens to set their password."""
    return url_for("invitations.accept", token=token, _external=True)


def _labels() -> dict[str, Any]:
    return {
        "organisation_types": ORGANISATION_TYPE_LABELS,
        "sign_in_states": admin.SignInState,
    }


@bp.route("")
def index() -> Response:
    return render_page("admin/index.html", teams=admin.teams())


def _team_values(form: TeamForm) -> admin.TeamValues:
    return admin.TeamValues(
        name=form.name.data,
        organisation=form.organisation.data,
        organisation_type=OrganisationType(form.organisation_type.data),
        phone=form.phone.data,
        opening_hours=form.opening_hours.data,
        out_of_hours_advice=form.out_of_hours_advice.data,
    )


@bp.route("/teams/new", methods=["GET", "POST"])
def new_team() -> Response:
    form = TeamForm()
    status = 200
    if form.is_submitted():
        if form.validate():
            team_id = admin.create_team(require_viewer().user, _team_values(form))
            flash(_("The team “%(name)s” has been created.", name=form.name.data))
            return redirect(url_for("admin.team", team_id=team_id), code=303)
        status = 422
    return render_page("admin/team_form.html", form=form, team_id=None, status=status, **_labels())


@bp.route("/teams/<int:team_id>")
def team(team_id: int) -> Response:
    return render_page("admin/team.html", team=admin.team_details(team_id), **_labels())


@bp.route("/teams/<int:team_id>/edit", methods=["GET", "POST"])
def edit_team(team_id: int) -> Response:
    current = admin.team_values(team_id)
    form = TeamForm()
    status = 200
    if not form.is_submitted():
        form = TeamForm(
            data={
                "name": current.name,
                "organisation": current.organisation,
                "organisation_type": current.organisation_type.value,
                "phone": current.phone,
                "opening_hours": current.opening_hours,
                "out_of_hours_advice": current.out_of_hours_advice,
            }
        )
    elif form.validate():
        admin.update_team(require_viewer().user, team_id, _team_values(form))
        flash(_("The team's details have been saved."))
        return redirect(url_for("admin.team", team_id=team_id), code=303)
    else:
        status = 422
    return render_page(
        "admin/team_form.html", form=form, team_id=team_id, status=status, **_labels()
    )


def _link_page(staff_id: int, link: NewInvitation, *, new_account: bool) -> Response:
    """The link is shown on this page only: it is not stored anywhere it
    could be shown again, so the page says so."""
    details = admin.staff_details(require_viewer().user, staff_id)
    return render_page(
        "admin/sign_in_link.html",
        staff=details,
        link=invitation_url(link.token),
        expires_at=link.expires_at,
        new_account=new_account,
    )


@bp.route("/teams/<int:team_id>/staff/new", methods=["GET", "POST"])
def new_staff(team_id: int) -> Response:
    team = admin.team_details(team_id)
    form = StaffMemberForm()
    status = 200
    if form.is_submitted():
        if form.validate():
            values = admin.StaffValues(
                name=form.name.data,
                profession=form.profession.data,
                job_title=form.job_title.data,
                work_phone=form.work_phone.data,
                working_hours=form.working_hours.data,
                is_team_manager=form.is_team_manager.data == "yes",
            )
            try:
                staff_id, link = admin.create_staff_member(
                    require_viewer().user, team_id, values, email=form.sign_in_email()
                )
            except admin.EmailInUse:
                form.email.errors = [
                    _("This email address already has a sign-in. Enter a different one.")
                ]
            else:
                if link is not None:
                    return _link_page(staff_id, link, new_account=True)
                flash(
                    _(
                        "%(name)s has been added as a contact without a sign-in. "
                        "Care teams can now include them.",
                        name=values.name,
                    )
                )
                return redirect(url_for("admin.staff_member", staff_id=staff_id), code=303)
        status = 422
    return render_page("admin/staff_form.html", form=form, team=team, status=status, **_labels())


@bp.route("/staff/<int:staff_id>")
def staff_member(staff_id: int) -> Response:
    details = admin.staff_details(require_viewer().user, staff_id)
    return render_page("admin/staff_member.html", staff=details, form=ConfirmForm(), **_labels())


@bp.route("/staff/<int:staff_id>/sign-in-link", methods=["POST"])
def new_staff_link(staff_id: int) -> Response:
    if not ConfirmForm().validate_on_submit():
        return redirect(url_for("admin.staff_member", staff_id=staff_id), code=303)
    try:
        link = admin.new_sign_in_link(require_viewer().user, staff_id)
    except admin.NoSignIn:
        flash(_("This person does not sign in to the portal, so they have no sign-in link."))
        return redirect(url_for("admin.staff_member", staff_id=staff_id), code=303)
    return _link_page(staff_id, link, new_account=False)


@bp.route("/staff/<int:staff_id>/disable", methods=["GET", "POST"])
def disable_staff(staff_id: int) -> Response:
    viewer = require_viewer()
    details = admin.staff_details(viewer.user, staff_id)
    form = ConfirmForm()
    if form.validate_on_submit():
        try:
            admin.set_active(viewer.user, staff_id, active=False)
        except admin.OwnAccount:
            flash(_("You cannot disable your own sign-in. Ask another administrator."))
        else:
            flash(
                _(
                    "%(name)s's sign-in has been disabled. They have been signed out.",
                    name=details.values.name,
                )
                if details.email
                else _("%(name)s is no longer active.", name=details.values.name)
            )
        return redirect(url_for("admin.staff_member", staff_id=staff_id), code=303)
    return render_page("admin/disable_staff.html", staff=details, form=form, **_labels())


@bp.route("/staff/<int:staff_id>/enable", methods=["POST"])
def enable_staff(staff_id: int) -> Response:
    if ConfirmForm().validate_on_submit():
        details = admin.staff_details(require_viewer().user, staff_id)
        admin.set_active(require_viewer().user, staff_id, active=True)
        flash(_("%(name)s is active again.", name=details.values.name))
    return redirect(url_for("admin.staff_member", staff_id=staff_id), code=303)


@bp.route("/settings", methods=["GET", "POST"])
def settings() -> Response:
    form = SettingsForm()
    status = 200
    if not form.is_submitted():
        form = SettingsForm(data=asdict(admin.stored_settings()))
    elif form.validate():
        admin.save_settings(
            require_viewer().user,
            admin.SettingsValues(
                **{f.name: getattr(form, f.name).data for f in fields(admin.SettingsValues)}
            ),
        )
        flash(_("The service settings have been saved. Everyone sees them from now on."))
        return redirect(url_for("admin.settings"), code=303)
    else:
        status = 422
    return render_page("admin/settings.html", form=form, status=status)
