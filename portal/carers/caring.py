"""The carer's side: the people they care for, each shared section of a
person's plan, writing to the team, offering an action, and support."""

from __future__ import annotations

from flask import abort, flash, redirect, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from portal.access import require_viewer
from portal.carer_support import carer_support_contacts
from portal.carers import bp
from portal.crisis import tel_href
from portal.forms.carers import SECTION_TITLES, ShareWithTeamForm, SuggestActionForm
from portal.forms.plan import LIFE_AREA_LABELS, STATUS_LABELS
from portal.htmx import render_page
from portal.models import ActionOwner, PlanSection
from portal.plan.presenting import linkify_phone_numbers
from portal.services import carer_contributions as contributions
from portal.services.people import people_cared_for, view_person_as_carer, view_shared_section


@bp.route("/caring-for")
def cared_for() -> Response:
    viewer = require_viewer()
    return render_page("carers/cared_for.html", cared_for=people_cared_for(viewer))


@bp.route("/caring-for/<int:service_user_id>/plan/<section>")
def shared_section(service_user_id: int, section: str) -> Response:
    try:
        chosen = PlanSection(section)
    except ValueError:
        abort(404)
    view = view_shared_section(require_viewer(), service_user_id, chosen)
    return render_page(
        "carers/shared_section.html",
        view=view,
        section=chosen,
        section_titles=SECTION_TITLES,
        sections=PlanSection,
        plan=view.plan,
        status_labels=STATUS_LABELS,
        life_area_labels=LIFE_AREA_LABELS,
        owners=ActionOwner,
        tel_href=tel_href,
        linkify=linkify_phone_numbers,
        is_preview=True,  # no links to the person's own pages
        for_self=False,
    )


@bp.route("/caring-for/<int:service_user_id>/share", methods=["GET", "POST"])
def share_with_team(service_user_id: int) -> Response:
    viewer = require_viewer()
    view = view_person_as_carer(viewer, service_user_id, audit=False)
    form = ShareWithTeamForm(person_name=view.person_name)
    status = 200
    if form.is_submitted():
        status = 422
        if form.validate():
            contributions.share_with_team(
                viewer, service_user_id, body=form.body.data, visibility=form.chosen_visibility()
            )
            flash(_("Thank you. The care team can now read what you wrote."))
            return redirect(url_for("people.carer_view", service_user_id=service_user_id), code=303)
    return render_page("carers/share_with_team.html", view=view, form=form, status=status)


@bp.route("/caring-for/<int:service_user_id>/suggest-action", methods=["GET", "POST"])
def suggest_action(service_user_id: int) -> Response:
    viewer = require_viewer()
    view = view_person_as_carer(viewer, service_user_id, audit=False)
    form = SuggestActionForm()
    status = 200
    if form.is_submitted():
        status = 422
        if form.validate():
            contributions.suggest_action(viewer, service_user_id, description=form.description.data)
            flash(
                _(
                    "Thank you. %(name)s will be asked whether to add it to their plan.",
                    name=view.person_name,
                )
            )
            return redirect(url_for("people.carer_view", service_user_id=service_user_id), code=303)
    return render_page("carers/suggest_action.html", view=view, form=form, status=status)


@bp.route("/support-for-carers")
def support() -> Response:
    return render_page("carers/support.html", contacts=carer_support_contacts(), tel_href=tel_href)
