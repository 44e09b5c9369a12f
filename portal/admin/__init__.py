"""Administration: teams and staff accounts. No clinical content here."""

from __future__ import annotations

from flask import Blueprint
from werkzeug.wrappers import Response

from portal.htmx import render_page
from portal.services.people import teams_overview

bp = Blueprint("admin", __name__)


@bp.route("/admin")
def index() -> Response:
    return render_page("admin/index.html", teams=teams_overview())
