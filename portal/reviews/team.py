"""The team's side: requests across the caseload, and acknowledging,
arranging, messaging, completing or declining each one."""

from __future__ import annotations

from flask import flash, redirect, request, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from portal.access import Viewer, require_viewer
from portal.forms import PortalForm
from portal.forms.reviews import (
    AcknowledgeForm,
    ArrangeForm,
    CompleteForm,
    DeclineForm,
    MessageForm,
)
from portal.htmx import render_page
from portal.models import (
    ReviewStatus,
    ReviewUrgency,
    SupportLevel,
    SupportWanted,
)
from portal.reviews import bp
from portal.reviews.labels import review_labels
from portal.services import review_requests as reviews
from portal.services.review_requests import RequestFilters


def _filters() -> tuple[RequestFilters, str, str]:
    status_arg = request.args.get("status", "open")
    urgency_arg = request.args.get("urgency", "")
    status = ReviewStatus(status_arg) if status_arg in {s.value for s in ReviewStatus} else None
    urgency = (
        ReviewUrgency(urgency_arg) if urgency_arg in {u.value for u in ReviewUrgency} else None
    )
    if status is None and status_arg != "all":
        status_arg = "open"
    return (
        RequestFilters(status=status, urgency=urgency, include_closed=status_arg == "all"),
        status_arg,
        urgency_arg if urgency else "",
    )


@bp.route("/requests")
def team_requests() -> Response:
    viewer = require_viewer()
    filters, status_arg, urgency_arg = _filters()
    return render_page(
        "reviews/team_requests.html",
        fragment="reviews/_team_requests_results.html",
        rows=reviews.requests_for_staff(viewer, filters),
        status_arg=status_arg,
        urgency_arg=urgency_arg,
        **review_labels(),
    )


def _step_up_offered(view: reviews.RequestView) -> bool:
    return (
        view.support_wanted is SupportWanted.MORE
        and view.person_support_level is not SupportLevel.STEPPED_UP
    )


def _team_request_page(
    viewer: Viewer,
    request_id: int,
    *,
    record_view: bool,
    message_form: MessageForm | None = None,
    acknowledge_form: AcknowledgeForm | None = None,
    status: int = 200,
) -> Response:
    view = reviews.request_for_staff(viewer, request_id, record_view=record_view)
    message_form = message_form or MessageForm(data={"expected_status": view.status.value})
    acknowledge_form = acknowledge_form or AcknowledgeForm(
        data={"expected_status": view.status.value}
    )
    return render_page(
        "reviews/team_request.html",
        view=view,
        message_form=message_form,
        acknowledge_form=acknowledge_form,
        step_up_offered=_step_up_offered(view),
        status=status,
        **review_labels(),
    )


@bp.route("/requests/<int:request_id>")
def team_request(request_id: int) -> Response:
    return _team_request_page(require_viewer(), request_id, record_view=True)


def _moved_on(request_id: int) -> Response:
    flash(
        _(
            "Someone else changed this request while you were looking at it. "
            "Here it is as it is now: check it and try again."
        )
    )
    return redirect(url_for("reviews.team_request", request_id=request_id), code=303)


def _done(request_id: int, message: str) -> Response:
    flash(message)
    return redirect(url_for("reviews.team_request", request_id=request_id), code=303)


@bp.route("/requests/<int:request_id>/acknowledge", methods=["POST"])
def acknowledge(request_id: int) -> Response:
    viewer = require_viewer()
    form = AcknowledgeForm()
    if not form.validate():
        return _team_request_page(
            viewer, request_id, record_view=False, acknowledge_form=form, status=422
        )
    try:
        reviews.acknowledge(
            viewer,
            request_id,
            message=form.note.data or "",
            expected_status=form.shown_status(),
        )
    except reviews.NotOpen:
        return _moved_on(request_id)
    return _done(
        request_id, _("The request is marked as seen. The person who asked sees this now.")
    )


@bp.route("/requests/<int:request_id>/message", methods=["POST"])
def message(request_id: int) -> Response:
    viewer = require_viewer()
    form = MessageForm()
    if not form.validate():
        return _team_request_page(
            viewer, request_id, record_view=False, message_form=form, status=422
        )
    reviews.send_message(viewer, request_id, message=form.message.data or "")
    return _done(request_id, _("Your message has been sent. The person who asked sees it now."))


def _decision_page(
    template: str, view: reviews.RequestView, form: PortalForm, status: int = 200
) -> Response:
    return render_page(
        template,
        view=view,
        form=form,
        step_up_offered=_step_up_offered(view),
        status=status,
        **review_labels(),
    )


@bp.route("/requests/<int:request_id>/arrange", methods=["GET", "POST"])
def arrange(request_id: int) -> Response:
    viewer = require_viewer()
    submitted = request.method == "POST"
    view = reviews.request_for_staff(viewer, request_id, record_view=not submitted)
    form = ArrangeForm() if submitted else ArrangeForm(data={"expected_status": view.status.value})
    form.set_up_step_up(offered=_step_up_offered(view))
    if not view.is_open:
        return _moved_on(request_id)
    if not submitted:
        if view.arranged_on:
            form.day.data, form.month.data = view.arranged_on.day, view.arranged_on.month
            form.year.data = view.arranged_on.year
            form.at_time.data, form.how.data = view.arranged_at, view.arranged_how
        return _decision_page("reviews/arrange.html", view, form)
    if not form.validate():
        return _decision_page("reviews/arrange.html", view, form, 422)
    try:
        reviews.arrange(
            viewer,
            request_id,
            when=reviews.local_datetime(form.chosen_date(), form.chosen_time()),
            how=form.how.data or "",
            message=form.message.data or "",
            step_up_reason=form.step_up_reason_text(),
            expected_status=form.shown_status(),
        )
    except reviews.NotOpen:
        return _moved_on(request_id)
    return _done(
        request_id, _("The review is arranged. The person who asked sees the date and time now.")
    )


@bp.route("/requests/<int:request_id>/complete", methods=["GET", "POST"])
def complete(request_id: int) -> Response:
    viewer = require_viewer()
    submitted = request.method == "POST"
    view = reviews.request_for_staff(viewer, request_id, record_view=not submitted)
    form = (
        CompleteForm() if submitted else CompleteForm(data={"expected_status": view.status.value})
    )
    form.set_up_step_up(offered=_step_up_offered(view))
    if not view.is_open:
        return _moved_on(request_id)
    if not submitted:
        return _decision_page("reviews/complete.html", view, form)
    if not form.validate():
        return _decision_page("reviews/complete.html", view, form, 422)
    try:
        reviews.complete(
            viewer,
            request_id,
            outcome=form.chosen_outcome(),
            message=form.message.data or "",
            step_up_reason=form.step_up_reason_text(),
            expected_status=form.shown_status(),
        )
    except reviews.NoNewVersion:
        form.outcome.errors = [
            _(
                "No new version of %(name)s's plan has been published since the request was "
                "sent. Publish it in the plan editor first, or choose that no change was needed.",
                name=view.person_name,
            )
        ]
        return _decision_page("reviews/complete.html", view, form, 422)
    except reviews.NotOpen:
        return _moved_on(request_id)
    return _done(
        request_id, _("The request is marked as done. The person who asked sees this now.")
    )


@bp.route("/requests/<int:request_id>/decline", methods=["GET", "POST"])
def decline(request_id: int) -> Response:
    viewer = require_viewer()
    submitted = request.method == "POST"
    view = reviews.request_for_staff(viewer, request_id, record_view=not submitted)
    form = DeclineForm() if submitted else DeclineForm(data={"expected_status": view.status.value})
    if not view.is_open:
        return _moved_on(request_id)
    if not submitted:
        return _decision_page("reviews/decline.html", view, form)
    if not form.validate():
        return _decision_page("reviews/decline.html", view, form, 422)
    try:
        reviews.decline(
            viewer,
            request_id,
            reason=form.reason.data or "",
            expected_status=form.shown_status(),
        )
    except reviews.ReasonRequired:
        form.reason.errors = [_("Write why the review is not going ahead")]
        return _decision_page("reviews/decline.html", view, form, 422)
    except reviews.NotOpen:
        return _moved_on(request_id)
    return _done(
        request_id,
        _("The request is marked as not going ahead. The person who asked sees your reason now."),
    )
