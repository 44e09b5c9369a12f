"""Opening a carer's invitation link: create a sign-in or use one you have,
then the person appears under People I care for. Every way a link can fail
gets the same kind pages as every other invitation link."""

from __future__ import annotations

from flask import flash, redirect, request, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from portal.access import current_viewer
from portal.carers import bp
from portal.forms import ConfirmForm
from portal.forms.invitations import SetUpCarerSignInForm
from portal.htmx import render_page
from portal.invitations import link_problem_page, sign_in_as, throttled_link_setup
from portal.models import CarerLink
from portal.services import accounts, carer_links
from portal.services.invitations import LinkProblem


@bp.route("/carer-invitation/<token>", methods=["GET", "POST"])
@throttled_link_setup
def accept_invitation(token: str) -> Response:
    found = carer_links.check_carer_invitation(token, for_update=request.method == "POST")
    if isinstance(found, LinkProblem):
        return link_problem_page(found, for_carer=True)
    if current_viewer() is not None:
        return _for_signed_in(found, token)
    return _set_up(found, token)


def _for_signed_in(link: CarerLink, token: str) -> Response:
    viewer = current_viewer()
    assert viewer is not None
    person_name = carer_links.invited_by_name(link)
    form = ConfirmForm()
    reason = None
    if form.validate_on_submit():
        try:
            carer_links.accept_carer_invitation(link, viewer.user)
        except carer_links.CannotAccept as refused:
            reason = refused.reason
        else:
            flash(_("%(name)s is now under People I care for.", name=person_name))
            return redirect(url_for("carers.cared_for"), code=303)
    return render_page(
        "carers/accept_signed_in.html",
        form=form,
        person_name=person_name,
        token=token,
        reason=reason,
        status=409 if reason else 200,
    )


def _set_up(link: CarerLink, token: str) -> Response:
    person_name = carer_links.invited_by_name(link)
    form = SetUpCarerSignInForm()
    status = 200
    if form.is_submitted():
        status = 422
        if form.validate():
            if accounts.email_in_use(form.email.data):
                form.email.errors.append(
                    _(
                        "This email address is already used by a sign-in. If it is yours, "
                        "sign in first, then open this link again."
                    )
                )
            else:
                user = accounts.create_user(
                    email=form.email.data,
                    display_name=form.display_name.data.strip(),
                    password=form.password.data,
                )
                carer_links.accept_carer_invitation(link, user)
                return sign_in_as(user, url_for("carers.cared_for"))
    return render_page(
        "carers/accept.html",
        form=form,
        person_name=person_name,
        token=token,
        status=status,
    )
