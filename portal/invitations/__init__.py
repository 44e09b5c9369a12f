"""Opening an invitation link: a registered person sets up their sign-in,
or a new member of staff sets their password. Anyone may open a link (the
link is the secret); every way a link can fail gets a clear page, never a
500, and nothing on those pages says whose link it was."""

from __future__ import annotations

from flask import Blueprint, current_app, flash, redirect, request, session, url_for
from flask_babel import gettext as _
from flask_limiter.util import get_remote_address
from flask_login import login_user
from werkzeug.wrappers import Response

from portal.access import Viewer, current_viewer
from portal.extensions import limiter
from portal.forms.invitations import AddPlanToSignInForm, SetPasswordForm, SetUpSignInForm
from portal.htmx import render_page
from portal.models import Invitation, InvitationKind, User
from portal.personal_choices import at_sign_in
from portal.services import accounts
from portal.services import invitations as links
from portal.services.invitations import EmailAlreadyUsed, LinkProblem

bp = Blueprint("invitations", __name__)


def link_problem_page(problem: LinkProblem, *, for_carer: bool = False) -> Response:
    """Why a link does not work, kindly; carers' links (portal.carers) too."""
    status = 404 if problem is LinkProblem.NOT_FOUND else 410
    return render_page(
        "invitations/problem.html", problem=problem.value, for_carer=for_carer, status=status
    )


def sign_in_as(user: User, target: str | None = None) -> Response:
    """Exactly as portal.auth signs people in: a new session id, then the user.
    Carer invitations (portal.carers.accepting) sign people in this way too."""
    session.regenerate()  # type: ignore[attr-defined]
    session.pop("signed_out_reason", None)
    login_user(user)
    return at_sign_in(user, redirect(target or url_for("core.home"), code=303))


def _email_taken_message() -> str:
    return str(
        _(
            "This email address is already used by a sign-in. If it is yours, sign in first, "
            "then open this link again to add your plan to that sign-in."
        )
    )


# Setting up a sign-in from any link (portal or carer's) is throttled per
# address like signing in, in one shared bucket, so guessing links on one
# route does not reset the count on the other.
throttled_link_setup = limiter.shared_limit(
    lambda: current_app.config["SIGN_IN_LIMIT_PER_ADDRESS"],
    scope="invitation-address",
    methods=["POST"],
    key_func=get_remote_address,
)


@bp.route("/invitation/<token>", methods=["GET", "POST"])
@throttled_link_setup
def accept(token: str) -> Response:
    # A POST re-reads the invitation under a row lock: two tabs submitting
    # at once cannot both use it.
    found = links.check(token, for_update=request.method == "POST")
    if isinstance(found, LinkProblem):
        return link_problem_page(found)
    viewer = current_viewer()
    if viewer is not None:
        return _for_signed_in(found, viewer)
    if found.kind is InvitationKind.STAFF:
        return _set_staff_password(found)
    return _set_up_sign_in(found)


def _set_up_sign_in(invitation: Invitation) -> Response:
    form = SetUpSignInForm()
    status = 200
    if form.is_submitted():
        status = 422
        if form.validate():
            if accounts.email_in_use(form.email.data):
                form.email.errors.append(_email_taken_message())
            else:
                try:
                    user = links.accept_as_new_user(
                        invitation, email=form.email.data, password=form.password.data
                    )
                except EmailAlreadyUsed:
                    form.email.errors.append(_email_taken_message())
                else:
                    return sign_in_as(user)
    return render_page(
        "invitations/set_up.html", form=form, for_staff=False, staff_email=None, status=status
    )


def _set_staff_password(invitation: Invitation) -> Response:
    email = links.staff_email(invitation)
    if email is None:  # the account was removed after the link was made
        return link_problem_page(LinkProblem.NOT_FOUND)
    form = SetPasswordForm()
    status = 200
    if form.is_submitted():
        status = 422
        if form.validate():
            user = links.accept_as_new_user(invitation, email=email, password=form.password.data)
            return sign_in_as(user)
    return render_page(
        "invitations/set_up.html", form=form, for_staff=True, staff_email=email, status=status
    )


def _for_signed_in(invitation: Invitation, viewer: Viewer) -> Response:
    """Someone already signed in opened a link. A carer, say, may add their
    own plan to the sign-in they have. Staff may not: a key worker checking
    the link they made must not take the person's plan by mistake."""
    if invitation.kind is InvitationKind.STAFF:
        reason = "staff_link"
    elif viewer.is_service_user:
        reason = "has_plan"
    elif viewer.is_staff:
        reason = "is_staff"
    else:
        reason = None
    form = AddPlanToSignInForm()
    if reason is None and form.validate_on_submit():
        links.accept_for_existing_user(invitation, viewer.user)
        flash(_("Your plan has been added to your sign-in."))
        return redirect(url_for("core.home"), code=303)
    return render_page("invitations/signed_in.html", form=form, reason=reason)
