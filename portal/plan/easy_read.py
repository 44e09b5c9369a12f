"""*My plan* in Easy Read, for the person whose plan it is (issue 7)."""

from __future__ import annotations

from werkzeug.wrappers import Response

from portal.access import require_viewer
from portal.crisis import tel_href
from portal.htmx import render_page
from portal.plan import _person, bp
from portal.plan.presenting import linkify_phone_numbers
from portal.services import plan as plans
from portal.services.easy_read import easy_read_plan


@bp.route("/easy-read")
def easy_read() -> Response:
    person = _person(require_viewer())
    view = easy_read_plan(person)
    # Reading the Easy Read plan is reading the plan: "What's changed" on
    # the home page starts again from here, as it does for My plan.
    plans.mark_plan_viewed(person)
    return render_page(
        "plan/easy_read.html", easy=view, tel_href=tel_href, linkify=linkify_phone_numbers
    )
