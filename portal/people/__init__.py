"""A person's care, seen by their care team or by a carer they chose."""

from __future__ import annotations

from flask import Blueprint, session
from werkzeug.wrappers import Response

from portal.access import require_viewer
from portal.crisis import tel_href
from portal.forms.carers import SECTION_TITLES, STATUS_LABELS, SUGGESTION_LABELS
from portal.htmx import render_page
from portal.models import PlanSection
from portal.services import carer_assessments
from portal.services import carer_contributions as contributions
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
        # [carers] Issue 5: what carers have written, and their requests.
        carer_notes=contributions.for_the_team(service_user_id),
        carer_requests=carer_assessments.about_person(service_user_id),
        assessment_status_labels=STATUS_LABELS,
    )


@bp.route("/caring-for/<int:service_user_id>")
def carer_view(service_user_id: int) -> Response:
    viewer = require_viewer()
    view = view_person_as_carer(viewer, service_user_id)
    return render_page(
        "people/carer_view.html",
        view=view,
        sections=PlanSection,
        section_order=list(PlanSection),
        section_titles=SECTION_TITLES,
        suggestion_labels=SUGGESTION_LABELS,
        written=contributions.written_by(viewer, service_user_id),
        tel_href=tel_href,
    )
