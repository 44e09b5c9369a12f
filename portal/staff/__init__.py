"""The staff workspace: the caseload, registering a person, and inviting
them onto the portal. Access: every route is for staff (POLICY), and each
person is reached only through ``staff_can_see`` in the services."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, redirect, request, session, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from portal.access import require_viewer
from portal.forms.people import (
    BSL,
    EASY_READ,
    INTERPRETER,
    LARGE_PRINT,
    OTHER,
    YES,
    RegisterPersonForm,
)
from portal.htmx import render_page
from portal.nhs_number import normalise
from portal.pagination import page_number
from portal.services.caseload import (
    MAX_QUERY_LENGTH,
    CaseloadScope,
    CommunicationNeeds,
    caseload_page,
)
from portal.services.portal_access import (
    create_invitation_link,
    invitation_status,
    new_link_would_expire_at,
)
from portal.services.registration import NewPerson, NhsNumberAlreadyRegistered, register_person
from portal.staff import presenting
from portal.staff.presenting import nhs_number_for_display

bp = Blueprint("staff", __name__)

# Read once by the person's page after registering, to say it worked.
JUST_REGISTERED = "just_registered_person_id"


def _presenters() -> dict[str, Any]:
    return {
        "nhs_number_for_display": nhs_number_for_display,
        "needs_in_short_words": presenting.needs_in_short_words,
        "needs_in_plain_words": presenting.needs_in_plain_words,
        "support_level_tag": presenting.support_level_tag,
    }


@bp.route("/caseload")
def caseload() -> Response:
    viewer = require_viewer()
    wants_team = request.args.get("show") == CaseloadScope.TEAM.value
    scope = CaseloadScope.TEAM if wants_team and viewer.is_team_manager else CaseloadScope.MINE
    query = request.args.get("q", "").strip()[:MAX_QUERY_LENGTH]
    result = caseload_page(
        viewer, scope=scope, query=query, page=page_number(request.args.get("page"))
    )

    def url_for_page(number: int | None = None, *, show: CaseloadScope = scope) -> str:
        return url_for(
            "staff.caseload",
            q=query or None,
            show=show.value if show is CaseloadScope.TEAM else None,
            page=number if number and number > 1 else None,
        )

    return render_page(
        "staff/caseload.html",
        fragment="staff/_caseload_results.html",
        caseload=result,
        can_see_team=viewer.is_team_manager,
        scopes=CaseloadScope,
        showing=presenting.showing_text(result),
        pagination=presenting.pagination(result, url_for_page),
        url_for_scope=lambda show: url_for_page(None, show=show),
        clear_search_url=url_for(
            "staff.caseload", show=scope.value if scope is CaseloadScope.TEAM else None
        ),
        **_presenters(),
    )


def _new_person(form: RegisterPersonForm) -> NewPerson:
    chosen = form.chosen_needs()
    return NewPerson(
        full_name=form.full_name.data,
        preferred_name=form.preferred_name.data or "",
        nhs_number=normalise(form.nhs_number.data),
        date_of_birth=form.date_of_birth(),
        pronouns=form.pronouns.data,
        needs=CommunicationNeeds(
            needs_interpreter=INTERPRETER in chosen,
            interpreter_language=(form.interpreter_language.data or "").strip() or None,
            easy_read=EASY_READ in chosen,
            large_print=LARGE_PRINT in chosen,
            bsl=BSL in chosen,
            other=(form.other_needs.data or "").strip() if OTHER in chosen else None,
        ),
        role_in_care=form.role_in_care.data,
        is_key_worker=form.is_key_worker.data == YES,
    )


@bp.route("/people/new", methods=["GET", "POST"], endpoint="register_person")
def register_person_page() -> Response:
    viewer = require_viewer()
    form = RegisterPersonForm()
    status = 200
    if form.is_submitted():
        status = 422
        if form.validate():
            try:
                person_id = register_person(viewer, _new_person(form))
            except NhsNumberAlreadyRegistered:
                # Never says whose it is: the registering staff member may
                # have no right to know that this person uses the service.
                form.nhs_number.errors.append(
                    _(
                        "Someone with this NHS number is already registered. Check the "
                        "number. If it is right, ask their care team to add you to it."
                    )
                )
            else:
                session[JUST_REGISTERED] = person_id
                return redirect(url_for("people.staff_view", service_user_id=person_id), code=303)
    return render_page(
        "staff/register_person.html",
        form=form,
        status=status,
        need_values={
            "interpreter": INTERPRETER,
            "bsl": BSL,
            "easy_read": EASY_READ,
            "large_print": LARGE_PRINT,
            "other": OTHER,
        },
    )


@bp.route("/people/<int:service_user_id>/invitation", methods=["GET", "POST"])
def invite_person(service_user_id: int) -> Response:
    viewer = require_viewer()
    if request.method == "POST":
        details, invitation = create_invitation_link(viewer, service_user_id)
        if invitation is not None:
            return render_page(
                "staff/invitation_created.html",
                details=details,
                link=url_for("invitations.accept", token=invitation.token, _external=True),
                expires_at=invitation.expires_at,
                **_presenters(),
            )
    else:
        details = invitation_status(viewer, service_user_id)
    return render_page(
        "staff/invitation.html",
        details=details,
        new_link_expires_at=new_link_would_expire_at(),
        **_presenters(),
    )
