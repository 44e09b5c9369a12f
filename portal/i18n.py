"""Languages: which ones ship, which one a request gets, and its direction.

A language ships when ``translations/<code>/LC_MESSAGES/messages.po`` exists:
dropping in a catalogue adds it to the language choice, with no code change.
The locale is, in order: a ``?lang=`` choice, the signed-in person's saved
choice, the ``lang`` cookie, the browser's Accept-Language, then English.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from babel import Locale
from flask import Flask, current_app, g, request
from flask_babel import get_locale
from flask_login import current_user
from werkzeug.wrappers import Response

from portal.config import PROJECT_ROOT

TRANSLATIONS_DIR = PROJECT_ROOT / "translations"
DEFAULT_LANGUAGE = "en"
LANGUAGE_COOKIE = "lang"
# "1" while the lang cookie holds a choice made here while signed out.
LANGUAGE_CHOSEN_COOKIE = "lang_chosen"


@dataclass(frozen=True)
class Language:
    code: str
    native_name: str
    direction: str  # "ltr" or "rtl"


def discover_languages(translations_dir: Path = TRANSLATIONS_DIR) -> dict[str, Language]:
    codes = [
        DEFAULT_LANGUAGE,
        *sorted(
            path.parent.parent.name for path in translations_dir.glob("*/LC_MESSAGES/messages.po")
        ),
    ]
    languages = {}
    for code in codes:
        locale = Locale.parse(code)
        name = locale.get_display_name(code) or code
        languages[code] = Language(code, name[:1].upper() + name[1:], locale.text_direction)
    return languages


def languages() -> dict[str, Language]:
    result: dict[str, Language] = current_app.extensions["portal_languages"]
    return result


def select_locale() -> str:
    available = languages()
    chosen = request.args.get("lang")
    if chosen in available:
        g.language_from_query = chosen
        return chosen
    saved = getattr(current_user, "preferred_language", None)
    if saved in available:
        return str(saved)
    cookie = request.cookies.get(LANGUAGE_COOKIE)
    if cookie in available:
        return cookie
    return request.accept_languages.best_match(list(available)) or DEFAULT_LANGUAGE


def current_language() -> Language:
    locale = get_locale()
    code = str(locale) if locale else DEFAULT_LANGUAGE
    return languages().get(code) or languages()[DEFAULT_LANGUAGE]


def choice_cookie_options() -> dict[str, Any]:
    """For the cookies that keep a person's own choices in this browser
    (language here, text size in portal.personal_choices)."""
    return {
        "samesite": "Lax",
        "httponly": True,
        "secure": current_app.config["SESSION_COOKIE_SECURE"],
    }


def remember_language(response: Response, code: str, *, chosen_signed_out: bool = False) -> None:
    """Keep the language for this browser. ``chosen_signed_out``: someone
    chose it here while signed out, which the next sign-in counts as that
    person's own choice (personal_choices.at_sign_in)."""
    response.set_cookie(LANGUAGE_COOKIE, code, max_age=365 * 24 * 3600, **choice_cookie_options())
    if chosen_signed_out:
        response.set_cookie(
            LANGUAGE_CHOSEN_COOKIE, "1", max_age=365 * 24 * 3600, **choice_cookie_options()
        )


def take_language_chosen_signed_out(response: Response) -> bool:
    """Whether this browser's language was chosen here while signed out since
    the last sign-in; the mark is cleared, as a sign-in uses it up. On a
    shared device, the language one person leaves behind is then not taken
    for the next person's choice."""
    chosen = (
        request.cookies.get(LANGUAGE_CHOSEN_COOKIE) == "1"
        and request.cookies.get(LANGUAGE_COOKIE) in languages()
    )
    if LANGUAGE_CHOSEN_COOKIE in request.cookies:
        response.delete_cookie(LANGUAGE_CHOSEN_COOKIE, **choice_cookie_options())
    return chosen


def init_app(app: Flask) -> None:
    app.extensions["portal_languages"] = discover_languages()

    @app.after_request
    def keep_language_from_query(response: Response) -> Response:
        if "language_from_query" in g:
            remember_language(
                response,
                g.language_from_query,
                chosen_signed_out=not current_user.is_authenticated,
            )
        return response
