"""Jinja set-up: our templates first, then the NHS.UK frontend macros.

The NHS macros read nested options such as ``params.label.text`` that are
often absent, so they need ``ChainableUndefined`` (as in NHS England's own
Jinja projects).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from babel import Locale
from babel.dates import format_date as babel_format_date
from babel.dates import get_date_format, get_datetime_format
from flask import Flask, current_app, request, session, url_for
from flask_babel import format_date, format_datetime, get_locale
from flask_babel import gettext as _
from flask_login import current_user
from flask_wtf.csrf import generate_csrf
from jinja2 import ChainableUndefined, ChoiceLoader, FileSystemLoader, PackageLoader

from portal.access import current_viewer
from portal.config import PROJECT_ROOT
from portal.i18n import current_language, languages
from portal.security import csp_nonce
from portal.settings import current_settings

# NHS style for English: "12 March 2026". Babel's "en" is American English,
# whose long date is "March 12, 2026", so English keeps its own pattern; every
# other language takes its own long date ("12 de marzo de 2026" in Spanish).
ENGLISH_DATE = "d MMMM yyyy"
ENGLISH_DATE_WITH_WEEKDAY = "EEEE d MMMM yyyy"


def _reader_locale() -> Locale:
    return get_locale() or Locale.parse("en")


def _date_pattern(locale: Locale, *, weekday: bool = False) -> str:
    if locale.language == "en":
        return ENGLISH_DATE_WITH_WEEKDAY if weekday else ENGLISH_DATE
    return str(get_date_format("full" if weekday else "long", locale=locale).pattern)


def long_date(value: date | datetime | None) -> str:
    """ "12 March 2026" in the reader's language."""
    if value is None:
        return ""
    locale = _reader_locale()
    if isinstance(value, datetime):
        # The locale joins date and time: "12 March 2026, 14:05" in English,
        # with the Arabic comma (،) in Arabic.
        joiner = str(get_datetime_format("long", locale=locale))
        pattern = joiner.replace("{1}", _date_pattern(locale)).replace("{0}", "HH:mm")
        return str(format_datetime(value, pattern))
    return str(format_date(value, _date_pattern(locale)))


def long_date_with_weekday(value: date) -> str:
    locale = _reader_locale()
    return babel_format_date(value, _date_pattern(locale, weekday=True), locale=locale)


def init_app(app: Flask) -> None:
    app.jinja_loader = ChoiceLoader(
        [
            FileSystemLoader(str(PROJECT_ROOT / "templates")),
            PackageLoader("nhsuk_frontend_jinja", "templates"),
        ]
    )
    app.jinja_env.undefined = ChainableUndefined
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
    app.jinja_env.filters["long_date"] = long_date
    app.jinja_env.filters["long_date_with_weekday"] = long_date_with_weekday

    @app.context_processor
    def layout_values() -> dict[str, Any]:
        return {
            "csp_nonce": csp_nonce,
            "csrf_token": generate_csrf,
            "service_name": current_settings().service_name,
            "language": current_language(),
            "available_languages": languages(),
            "current_user": current_user,
            "current_path": request.full_path.rstrip("?") if request else "/",
            "session_timeout_seconds": current_app.session_interface.client_timeout_seconds(),  # type: ignore[attr-defined]
            "session_warning_seconds": current_app.config["SESSION_WARNING_SECONDS"],
            "signed_in": bool(getattr(current_user, "is_authenticated", False)),
            "session_obj": session,
            "translated_nhsuk_texts": nhsuk_texts(),
            "navigation_items": navigation_items,
        }


# The team's side of reviews (issue 6), for the menu's "current" item.
STAFF_SIDE = tuple(
    f"reviews.{name}"
    for name in ("team_", "acknowledge", "message", "arrange", "complete", "decline")
)


def navigation_items() -> list[dict[str, Any]]:
    """The signed-in menu. Each area adds its pages here as they are built."""
    endpoint = request.endpoint or ""
    viewer = current_viewer()
    items = [{"href": url_for("core.home"), "text": _("Home"), "current": endpoint == "core.home"}]
    if viewer is not None and viewer.is_service_user:
        items += [
            {
                "href": url_for("plan.my_plan"),
                "text": _("My plan"),
                "current": endpoint
                in ("plan.my_plan", "plan.history", "plan.version", "plan.who_has_seen"),
            },
            {
                "href": url_for("plan.my_actions"),
                "text": _("My actions"),
                "current": endpoint in ("plan.my_actions", "plan.add_action"),
            },
            {
                "href": url_for("plan.safety_plan"),
                "text": _("My safety plan"),
                "current": endpoint.startswith("plan.") and "safety" in endpoint,
            },
        ]
    # --- Issue 5: carers and family.
    if viewer is not None and viewer.is_service_user:
        items.append(
            {
                "href": url_for("carers.supporters"),
                "text": _("People who support me"),
                "current": endpoint
                in (
                    "carers.supporters",
                    "carers.invite",
                    "carers.supporter",
                    "carers.stop_sharing",
                    "carers.decide_suggestion",
                ),
            }
        )
    if viewer is not None and viewer.is_carer:
        items.append(
            {
                "href": url_for("carers.cared_for"),
                "text": _("People I care for"),
                "current": endpoint in ("carers.cared_for", "people.carer_view")
                or endpoint.startswith("carers.assessment")
                or endpoint in ("carers.shared_section", "carers.share_with_team"),
            }
        )
    # Issue 6: asking for a review and seeing where each request is.
    if viewer is not None and (viewer.is_service_user or viewer.is_carer):
        items.append(
            {
                "href": url_for("reviews.my_requests"),
                "text": _("Reviews"),
                "current": endpoint.startswith("reviews.") and not endpoint.startswith(STAFF_SIDE),
            }
        )
    # --- Issue 4, people: the staff workspace. ---
    if viewer is not None and viewer.is_staff:
        items.append(
            {
                "href": url_for("staff.caseload"),
                "text": _("My caseload"),
                "current": endpoint in ("staff.caseload", "staff.register_person"),
            }
        )
        items.append(
            {
                "href": url_for("carers.staff_assessments"),
                "text": _("Carer's assessments"),
                "current": endpoint.startswith("carers.staff_"),
            }
        )
        # Issue 6: review requests across the caseload.
        items.append(
            {
                "href": url_for("reviews.team_requests"),
                "text": _("Requests"),
                "current": endpoint.startswith(STAFF_SIDE),
            }
        )
    # --- Administration (issue 4).
    if viewer is not None and viewer.is_admin:
        items.append(
            {
                "href": url_for("admin.index"),
                "text": _("Administration"),
                "current": endpoint.startswith("admin."),
            }
        )
    return [
        *items,
        {
            "href": url_for("account.settings"),
            "text": _("Settings"),
            "current": endpoint.startswith("account."),
        },
    ]


def nhsuk_texts() -> dict[str, str]:
    """The English strings built into the NHS macros, translated."""
    return {
        "skip_link": _("Skip to main content"),
        "back": _("Back"),
        "error_summary_title": _("There is a problem"),
        "account": _("Account"),
        "menu": _("Menu"),
        "more": _("More"),
        "browse": _("Browse"),
        "error_prefix": _("Error"),
        "nhs_logo": _("NHS"),
    }
