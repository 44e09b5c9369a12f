"""A person's own settings: password, language and text size. The text size
can be chosen signed out too (a cookie), like the language."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, request, session, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from portal.access import current_viewer, require_viewer
from portal.forms.account import TEXT_SIZE_LABELS, TextSizeForm
from portal.forms.auth import ChangePasswordForm
from portal.htmx import render_page
from portal.personal_choices import current_text_size, remember_text_size
from portal.security import safe_next
from portal.services import accounts

bp = Blueprint("account", __name__)


@bp.route("/account")
def settings() -> Response:
    return render_page(
        "account/settings.html",
        viewer=require_viewer(),
        text_size_label=TEXT_SIZE_LABELS[current_text_size()],
    )


@bp.route("/text-size", methods=["GET", "POST"])
def text_size() -> Response:
    """Signed in, the choice is saved to the person's account (and follows
    them to any device); signed out, a cookie keeps it in this browser."""
    form = TextSizeForm()
    next_path = request.values.get("next")
    if request.method == "GET":
        form.text_size.data = current_text_size().value
    status = 200
    if form.is_submitted():
        if form.validate():
            viewer = current_viewer()
            if viewer is not None:
                accounts.set_text_size(viewer.user, form.chosen())
            response = redirect(safe_next(next_path), code=303)
            remember_text_size(response, form.chosen())
            return response
        status = 422
    return render_page("account/text_size.html", form=form, next_path=next_path, status=status)


@bp.route("/account/password", methods=["GET", "POST"])
def change_password() -> Response:
    viewer = require_viewer()
    form = ChangePasswordForm()
    status = 200
    if form.is_submitted():
        status = 422
        if form.validate():
            if accounts.change_password(
                viewer.user, form.current_password.data, form.new_password.data
            ):
                session.regenerate()  # type: ignore[attr-defined]
                flash(
                    _("Your password has been changed. You have been signed out everywhere else.")
                )
                return redirect(url_for("account.settings"), code=303)
            form.current_password.errors.append(_("Your current password is not right"))
    return render_page("account/change_password.html", form=form, status=status)
