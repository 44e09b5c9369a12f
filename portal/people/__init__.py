"""A person's care, seen by their care team or by a carer they chose."""

from __future__ import annotations

from flask import Blueprint, session
from werkzeug.wrappers import Response

from portal.access import require_viewer
from portal.crisis import tel_href
from portal.htmx import render_page
from portal.models import PlanSection
from portal.services.people import view_person_as_carer, view_person_as_staff
from portal.services.portal_access import person_details
from portal.staff import JUST_REGISTERED
from portal.staff.presenting import needs_in_plain_words, nhs_number_for_display

bp = Blueprint("people", __name__)


@bp.route("/people/<int:service_user_id>")
def staff_view(service_user_id: int) -> Response:
    summary = view_person_as_staff(require_viewer(), service_user_id)
    # [details] Issue 4, people: the person's details and portal access.
    details = person_details(service_user_id)
    # Shown once, right after registering (checked before popping, so that
    # other views do not write the session).
    just_registered = session.get(JUST_REGISTERED) == service_user_id
    if just_registered:
        session.pop(JUST_REGISTERED)
    return render_page(
        "people/staff_view.html",
        summary=summary,
        tel_href=tel_href,
        details=details,
        just_registered=just_registered,
        nhs_number_for_display=nhs_number_for_display,
        needs_in_plain_words=needs_in_plain_words,
    )


@bp.route("/caring-for/<int:service_user_id>")
def carer_view(service_user_id: int) -> Response:
    view = view_person_as_carer(require_viewer(), service_user_id)
    return render_page("people/carer_view.html", view=view, sections=PlanSection, tel_href=tel_href)
