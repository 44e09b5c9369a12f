"""Home, the language choice, and the pages everyone can read."""

from __future__ import annotations

from datetime import date

from flask import Blueprint, current_app, redirect, request
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from portal.access import current_viewer, require_viewer
from portal.crisis import crisis_contacts, tel_href
from portal.forms.auth import LanguageForm
from portal.htmx import render_page
from portal.i18n import current_language, languages, remember_language
from portal.security import safe_next
from portal.services import accounts
from portal.services.care_team import care_summary
from portal.services.caseload import caseload_size
from portal.services.people import people_cared_for
from portal.services.plan import whats_changed
from portal.services.review_requests import open_request_count
from portal.settings import current_settings

bp = Blueprint("core", __name__)


@bp.route("/")
def home() -> Response:
    """One home for every kind of sign-in: a section for each thing this
    person is (their own care, people they care for, people they work with)."""
    viewer = require_viewer()
    summary = care_summary(viewer.service_user_id) if viewer.service_user_id else None
    changes = (
        whats_changed(viewer.service_user_id, viewer.user.id) if viewer.service_user_id else []
    )
    return render_page(
        "core/home.html",
        viewer=viewer,
        summary=summary,
        changes=changes,
        caseload_size=caseload_size(viewer) if viewer.is_staff else 0,
        open_review_requests=open_request_count(viewer) if viewer.is_staff else 0,
        cared_for=people_cared_for(viewer),
        tel_href=tel_href,
    )


@bp.route("/help", endpoint="crisis_contacts")
def crisis_contacts_page() -> Response:
    return render_page("core/crisis.html", contacts=crisis_contacts(), tel_href=tel_href)


# When the accessibility statement was last checked against the service:
# change it whenever the statement changes.
ACCESSIBILITY_STATEMENT_PREPARED_ON = date(2026, 12, 1)


@bp.route("/accessibility")
def accessibility() -> Response:
    settings = current_settings()
    return render_page(
        "core/accessibility.html",
        prepared_on=ACCESSIBILITY_STATEMENT_PREPARED_ON,
        idle_minutes=current_app.config["SESSION_IDLE_TIMEOUT_SECONDS"] // 60,
        contact={
            "email": settings.contact_email,
            "phone": settings.contact_phone,
            "address": settings.contact_address,
        },
        tel_href=tel_href,
    )


@bp.route("/privacy")
def privacy() -> Response:
    return render_page("core/privacy.html")


@bp.route("/contact")
def contact() -> Response:
    settings = current_settings()
    return render_page(
        "core/contact.html",
        email=settings.contact_email,
        phone=settings.contact_phone,
        address=settings.contact_address,
        tel_href=tel_href,
    )


@bp.route("/language", methods=["GET", "POST"])
def choose_language() -> Response:
    choices = [(code, lang.native_name) for code, lang in languages().items()]
    form = LanguageForm(language_choices=choices)
    next_path = request.values.get("next")
    if request.method == "GET":
        form.language.data = current_language().code
    status = 200
    if form.is_submitted():
        if form.validate():
            code = form.language.data
            viewer = current_viewer()
            if viewer is not None:
                accounts.set_language(viewer.user, code)
            response = redirect(safe_next(next_path), code=303)
            remember_language(response, code, chosen_signed_out=viewer is None)
            return response
        status = 422
    return render_page(
        "core/language.html",
        form=form,
        next_path=next_path,
        status=status,
        title=_("Choose your language"),
    )
