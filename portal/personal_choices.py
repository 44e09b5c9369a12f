"""The reader's own text size, on every page, signed in or not; and, at
sign-in, the communication needs recorded for them applied where they have
not chosen for themselves (see services.communication_needs).

The text size is, in order: the signed-in person's saved choice, the
``text_size`` cookie (a choice made while signed out), then standard. It is
a class on <html>: NHS.UK frontend sizes all text in rem, so one root font
size scales every component, and the page works the same without JavaScript.
"""

from __future__ import annotations

from typing import Any

from flask import Flask, flash, request
from flask_babel import force_locale, get_locale
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from portal.i18n import (
    choice_cookie_options,
    languages,
    remember_language,
    take_language_chosen_signed_out,
)
from portal.models import TextSize, User
from portal.services.communication_needs import honour_recorded_needs

TEXT_SIZE_COOKIE = "text_size"
LARGER_TEXT_CLASS = "app-text-larger"


def current_text_size() -> TextSize:
    saved = getattr(current_user, "text_size", None)
    if isinstance(saved, TextSize):
        return saved
    cookie = request.cookies.get(TEXT_SIZE_COOKIE)
    return TextSize.LARGER if cookie == TextSize.LARGER.value else TextSize.STANDARD


def remember_text_size(response: Response, size: TextSize) -> None:
    response.set_cookie(
        TEXT_SIZE_COOKIE, size.value, max_age=365 * 24 * 3600, **choice_cookie_options()
    )


def at_sign_in(user: User, response: Response) -> Response:
    """Every way of signing in ends here, after ``login_user``: recorded needs
    fill the choices the person has not made, and this browser takes on the
    person's saved choices, so the pages after signing out stay as they like."""
    shipped = languages()
    honoured = honour_recorded_needs(
        user, shipped, language_chosen_here=take_language_chosen_signed_out(response)
    )
    # Said in the language the person will read from now on.
    with force_locale(user.preferred_language or str(get_locale() or "en")):
        if honoured.language is not None:
            flash(
                _(
                    "Your care team recorded that you speak %(language)s, so the portal is "
                    "now shown in %(language)s. To change this, choose Language at the top "
                    "of any page.",
                    language=shipped[honoured.language].native_name,
                )
            )
        if honoured.larger_text:
            flash(
                _(
                    "Your care team recorded that you need large print, so the text is "
                    "larger. You can change this in Settings."
                )
            )
    if user.preferred_language in shipped:
        remember_language(response, str(user.preferred_language))
    if user.text_size is not None:
        remember_text_size(response, user.text_size)
    return response


def init_app(app: Flask) -> None:
    @app.context_processor
    def text_size_values() -> dict[str, Any]:
        larger = current_text_size() is TextSize.LARGER
        return {"html_classes": LARGER_TEXT_CLASS if larger else ""}
