"""A person's care, seen by their care team or by a carer they chose."""

from __future__ import annotations

from flask import Blueprint
from werkzeug.wrappers import Response

from portal.access import require_viewer
from portal.crisis import tel_href
from portal.htmx import render_page
from portal.models import PlanSection
from portal.services.people import view_person_as_carer, view_person_as_staff

bp = Blueprint("people", __name__)


@bp.route("/people/<int:service_user_id>")
def staff_view(service_user_id: int) -> Response:
    summary = view_person_as_staff(require_viewer(), service_user_id)
    return render_page("people/staff_view.html", summary=summary, tel_href=tel_href)


@bp.route("/caring-for/<int:service_user_id>")
def carer_view(service_user_id: int) -> Response:
    view = view_person_as_carer(require_viewer(), service_user_id)
    return render_page("people/carer_view.html", view=view, sections=PlanSection, tel_href=tel_href)
