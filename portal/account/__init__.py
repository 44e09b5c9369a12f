"""A signed-in person's own settings: password and language."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, session, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from portal.access import require_viewer
from portal.forms.auth import ChangePasswordForm
from portal.htmx import render_page
from portal.services import accounts

bp = Blueprint("account", __name__)


@bp.route("/account")
def settings() -> Response:
    return render_page("account/settings.html", viewer=require_viewer())


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
