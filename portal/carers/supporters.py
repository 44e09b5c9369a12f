"""People who support me: the service user invites carers, chooses what each
sees, changes it or stops sharing, and answers actions carers offer."""

from __future__ import annotations

from typing import Any

from flask import abort, flash, redirect, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from portal.access import Viewer, require_viewer
from portal.carers import bp
from portal.forms import ConfirmForm
from portal.forms.carers import (
    SECTION_LABELS,
    DecideSuggestionForm,
    InviteCarerForm,
    SharingForm,
)
from portal.htmx import render_page
from portal.models import PlanSection
from portal.services import carer_contributions as contributions
from portal.services import carer_links
from portal.services.invitations import IssuedToken


def _person(viewer: Viewer) -> int:
    if viewer.service_user_id is None:
        abort(404)
    return viewer.service_user_id


def _labels() -> dict[str, Any]:
    return {"section_labels": SECTION_LABELS, "sections": list(PlanSection)}


def _link_created(name: str, issued: IssuedToken) -> Response:
    return render_page(
        "carers/invitation_created.html",
        name=name,
        link=url_for("carers.accept_invitation", token=issued.token, _external=True),
        expires_at=issued.expires_at,
    )


@bp.route("/people-who-support-me")
def supporters() -> Response:
    person = _person(require_viewer())
    return render_page(
        "carers/supporters.html",
        supporters=carer_links.supporters(person),
        messages=contributions.for_the_person(person),
        **_labels(),
    )


@bp.route("/people-who-support-me/invite", methods=["GET", "POST"])
def invite() -> Response:
    viewer = require_viewer()
    person = _person(viewer)
    form = InviteCarerForm()
    status = 200
    if form.is_submitted():
        status = 422
        if form.validate():
            issued = carer_links.invite_carer(
                service_user_id=person,
                by=viewer.user,
                name=form.carer_name.data,
                relationship=form.relationship.data,
                shares=form.chosen(),
            )
            return _link_created(form.carer_name.data.strip(), issued)
    return render_page("carers/invite.html", form=form, status=status, **_labels())


@bp.route("/people-who-support-me/<int:link_id>", methods=["GET", "POST"])
def supporter(link_id: int) -> Response:
    viewer = require_viewer()
    person = _person(viewer)
    current = carer_links.supporter(person, link_id)
    form = SharingForm()
    if not form.is_submitted():
        form = SharingForm.prefilled(current.shares)
    status = 200
    if form.is_submitted():
        status = 422
        if form.validate():
            carer_links.change_sharing(
                service_user_id=person, link_id=link_id, by=viewer.user, shares=form.chosen()
            )
            flash(_("What %(name)s can see has changed.", name=current.name))
            return redirect(url_for("carers.supporter", link_id=link_id), code=303)
    return render_page(
        "carers/supporter.html",
        supporter=current,
        form=form,
        link_form=ConfirmForm(),
        status=status,
        **_labels(),
    )


@bp.route("/people-who-support-me/<int:link_id>/new-link", methods=["POST"])
def new_link(link_id: int) -> Response:
    viewer = require_viewer()
    person = _person(viewer)
    current = carer_links.supporter(person, link_id)
    if not ConfirmForm().validate():
        abort(400)
    issued = carer_links.new_invitation_link(
        service_user_id=person, link_id=link_id, by=viewer.user
    )
    return _link_created(current.name, issued)


@bp.route("/people-who-support-me/<int:link_id>/stop", methods=["GET", "POST"])
def stop_sharing(link_id: int) -> Response:
    viewer = require_viewer()
    person = _person(viewer)
    current = carer_links.supporter(person, link_id)
    form = ConfirmForm()
    if form.validate_on_submit():
        name = carer_links.stop_sharing(service_user_id=person, link_id=link_id, by=viewer.user)
        flash(
            _("You have stopped sharing with %(name)s. They can no longer see anything.", name=name)
        )
        return redirect(url_for("carers.supporters"), code=303)
    return render_page("carers/stop_sharing.html", supporter=current, form=form)


@bp.route("/people-who-support-me/suggestions/<int:contribution_id>", methods=["GET", "POST"])
def decide_suggestion(contribution_id: int) -> Response:
    viewer = require_viewer()
    person = _person(viewer)
    suggestion = next(
        (
            c
            for c in contributions.for_the_person(person)
            if c.id == contribution_id
            and c.is_suggestion
            and c.suggestion_status
            and c.suggestion_status.value == "pending"
        ),
        None,
    )
    if suggestion is None:
        abort(404)
    form = DecideSuggestionForm()
    status = 200
    if form.is_submitted():
        status = 422
        if form.validate():
            accepted = form.decision.data == "accept"
            contributions.decide_suggestion(
                service_user_id=person,
                contribution_id=contribution_id,
                by=viewer.user,
                accept=accepted,
            )
            flash(
                _("“%(action)s” is now in your plan.", action=suggestion.body)
                if accepted
                else _("You said no to “%(action)s”.", action=suggestion.body)
            )
            return redirect(url_for("carers.supporters"), code=303)
    return render_page(
        "carers/decide_suggestion.html", suggestion=suggestion, form=form, status=status
    )
