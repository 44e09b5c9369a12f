"""Signing in and out, and keeping a session alive."""

from __future__ import annotations

from flask import Blueprint, current_app, flash, redirect, request, session, url_for
from flask_babel import gettext as _
from flask_limiter.util import get_remote_address
from flask_login import current_user, login_user, logout_user
from werkzeug.wrappers import Response

from portal.extensions import limiter
from portal.forms.auth import SignInForm
from portal.htmx import render_page
from portal.personal_choices import at_sign_in
from portal.security import is_safe_local_path, safe_next
from portal.services import accounts

bp = Blueprint("auth", __name__)


def _account_key() -> str:
    """Throttle per account: the normalised email, whether or not it exists."""
    return "account:" + accounts.normalise_email(request.form.get("email", ""))[:254]


def _failed_sign_in(response: Response) -> bool:
    return response.status_code != 303


@bp.route("/sign-in", methods=["GET", "POST"])
@limiter.limit(
    lambda: current_app.config["SIGN_IN_LIMIT_PER_ADDRESS"],
    methods=["POST"],
    key_func=get_remote_address,
    scope="sign-in-address",
)
@limiter.limit(
    lambda: current_app.config["SIGN_IN_LIMIT_PER_ACCOUNT"],
    methods=["POST"],
    key_func=_account_key,
    scope="sign-in-account",
    deduct_when=_failed_sign_in,
)
def sign_in() -> Response:
    next_path = request.values.get("next")
    next_path = next_path if is_safe_local_path(next_path) else None
    if current_user.is_authenticated and request.method == "GET":
        return redirect(safe_next(next_path))
    form = SignInForm()
    status = 200
    if form.is_submitted():
        status = 422
        if form.validate():
            user = accounts.authenticate(form.email.data, form.password.data)
            if user is not None:
                session.regenerate()  # type: ignore[attr-defined]
                session.pop("signed_out_reason", None)
                login_user(user)
                return at_sign_in(user, redirect(safe_next(next_path), code=303))
            form.email.errors.append(
                _("Enter a correct email address and password. Check for typing mistakes.")
            )
        form.password.data = ""
    timed_out = session.pop("signed_out_reason", None) == "timeout"
    return render_page(
        "auth/sign_in.html", form=form, next_path=next_path, timed_out=timed_out, status=status
    )


@bp.route("/sign-out", methods=["POST"])
def sign_out() -> Response:
    logout_user()
    session.destroy()  # type: ignore[attr-defined]
    return redirect(url_for("auth.signed_out"), code=303)


@bp.route("/signed-out")
def signed_out() -> Response:
    if current_user.is_authenticated:
        return redirect(url_for("core.home"))
    return render_page("auth/signed_out.html")


@bp.route("/session/stay-signed-in", methods=["POST"])
def stay_signed_in() -> Response:
    """Any request resets the idle timer; this one exists so that the warning
    dialog (or a person without JavaScript) can do that on purpose."""
    session.modified = True
    message = _("You are still signed in.")
    if request.headers.get("HX-Request") == "true":
        return render_page("auth/_stayed_signed_in.html", message=message)
    flash(message)
    return redirect(safe_next(request.form.get("next")), code=303)
