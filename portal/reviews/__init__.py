"""Reviews on the person's terms (issue 6): asking for a review one question
a page, seeing where each request has got to, and the team's requests list.

Service users ask at /ask-for-a-review; carers at
/caring-for/<id>/ask-for-a-review. Every answer is saved in a draft as soon
as it is given. The services make every access check (404 otherwise)."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, flash, redirect, request, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from portal.access import Viewer, require_viewer
from portal.forms import ConfirmForm, PortalForm
from portal.forms.reviews import (
    CONTACT_LABELS,
    OUTCOME_LABELS,
    STATUS_LABELS,
    STATUS_TAG_COLOURS,
    SUPPORT_LABELS,
    URGENCY_LABELS,
    URGENCY_SHORT_LABELS,
    AcknowledgeForm,
    ArrangeForm,
    CompleteForm,
    ContactForm,
    DeclineForm,
    HowSoonForm,
    MessageForm,
    SubmitRequestForm,
    SupportForm,
    WhatChangedForm,
    WhatToChangeForm,
    WhoSeesItForm,
)
from portal.htmx import render_page
from portal.kept_forms import keeps_typed_text, take_kept_form
from portal.models import (
    ContactMethod,
    RequestedAs,
    ReviewEventKind,
    ReviewRequestVisibility,
    ReviewStatus,
    ReviewUrgency,
    SupportLevel,
    SupportWanted,
)
from portal.services import review_requests as reviews
from portal.services.review_requests import RequestFilters, Subject

bp = Blueprint("reviews", __name__)

STEP_FORMS: dict[str, type[PortalForm]] = {
    "what-has-changed": WhatChangedForm,
    "what-to-change": WhatToChangeForm,
    "how-soon": HowSoonForm,
    "support": SupportForm,
    "contact": ContactForm,
    "who-sees-it": WhoSeesItForm,
}
# A step posted after a time-out keeps its words; the check page's answers
# are in the draft already, so it only sends the person to sign in again.
for _endpoint in ("reviews.step", "reviews.carer_step", "reviews.check", "reviews.carer_check"):
    keeps_typed_text(_endpoint)


def _labels() -> dict[str, Any]:
    return {
        "urgency_labels": URGENCY_LABELS,
        "urgency_short_labels": URGENCY_SHORT_LABELS,
        "support_labels": SUPPORT_LABELS,
        "contact_labels": CONTACT_LABELS,
        "status_labels": STATUS_LABELS,
        "status_colours": STATUS_TAG_COLOURS,
        "outcome_labels": OUTCOME_LABELS,
        "statuses": ReviewStatus,
        "event_kinds": ReviewEventKind,
        "requested_as": RequestedAs,
        "visibilities": ReviewRequestVisibility,
        "urgencies": ReviewUrgency,
        "support_wanted": SupportWanted,
        "contact_methods": ContactMethod,
    }


# --- Asking: the journey -------------------------------------------------


def _urls(subject: Subject, service_user_id: int | None) -> dict[str, Any]:
    """Where each part of this journey lives: the person's own, or a carer's."""
    if service_user_id is None:
        return {
            "start": url_for("reviews.start"),
            "check": url_for("reviews.check"),
            "step": lambda step, **kw: url_for("reviews.step", step=step, **kw),
        }
    return {
        "start": url_for("reviews.carer_start", service_user_id=service_user_id),
        "check": url_for("reviews.carer_check", service_user_id=service_user_id),
        "step": lambda step, **kw: url_for(
            "reviews.carer_step", service_user_id=service_user_id, step=step, **kw
        ),
    }


def _start(service_user_id: int | None) -> Response:
    viewer = require_viewer()
    subject = reviews.subject_for(viewer, service_user_id)
    urls = _urls(subject, service_user_id)
    form = ConfirmForm()
    if form.is_submitted():
        # "Start again": the draft goes; requests already sent never do.
        if form.validate():
            reviews.discard_draft(viewer, subject)
            return redirect(urls["step"]("what-has-changed"), code=303)
        abort(400)
    answers = reviews.answers_so_far(viewer, subject)
    resume = None
    if answers:
        missing = reviews.first_missing_step(subject, answers)
        resume = urls["step"](missing) if missing else urls["check"]
    return render_page(
        "reviews/start.html",
        subject=subject,
        urls=urls,
        resume_url=resume,
        form=form,
        service_user_id=service_user_id,
    )


@bp.route("/ask-for-a-review", methods=["GET", "POST"])
def start() -> Response:
    return _start(None)


@bp.route("/caring-for/<int:service_user_id>/ask-for-a-review", methods=["GET", "POST"])
def carer_start(service_user_id: int) -> Response:
    return _start(service_user_id)


def _make_form(
    step: str,
    subject: Subject,
    formdata: Any = None,
    *,
    restored: bool = False,
    data: dict[str, Any] | None = None,
) -> PortalForm:
    form_class = STEP_FORMS[step]
    extra: dict[str, Any] = (
        {"person_name": subject.person_name} if form_class is WhoSeesItForm else {}
    )
    if restored:
        # Kept from a post whose session had ended: its token died with the
        # session. Checked as the person's words, not trusted as a change,
        # and they still press Continue to go on.
        extra["meta"] = {"csrf": False}
    if formdata is not None:
        form = form_class(formdata=formdata, **extra)
    else:
        form = form_class(data=data, **extra)
    if subject.by_carer:
        # A carer asks about someone else's plan: say whose.
        if isinstance(form, WhatChangedForm):
            form.what_changed.description = _(
                "For example, something in %(name)s's life or health, or in your own "
                "situation as their carer. Write as much or as little as you like.",
                name=subject.person_name,
            )
        elif isinstance(form, WhatToChangeForm):
            form.what_to_change.label.text = _(
                "What would you like to change in %(name)s's plan? (optional)",
                name=subject.person_name,
            )
        elif isinstance(form, SupportForm):
            form.support_wanted.label.text = _(
                "Would you like %(name)s to have more support, less, or about the same?",
                name=subject.person_name,
            )
    return form


def _question(form: PortalForm, step: str) -> str:
    """The step's question, which is also the page's title."""
    key = reviews.STEPS[step][0]
    return str(getattr(form, key).label.text)


def _step(service_user_id: int | None, step: str) -> Response:
    viewer = require_viewer()
    subject = reviews.subject_for(viewer, service_user_id)
    steps = subject.steps()
    if step not in steps:
        abort(404)
    urls = _urls(subject, service_user_id)
    from_check = request.args.get("from") == "check"
    status = 200
    restored = False
    if request.method == "POST":
        form = _make_form(step, subject, formdata=request.form)
        if form.validate():
            reviews.save_answers(
                viewer, subject, {key: getattr(form, key).data or "" for key in reviews.STEPS[step]}
            )
            answers = reviews.answers_so_far(viewer, subject)
            index = steps.index(step)
            following = steps[index + 1] if index + 1 < len(steps) else None
            missing = reviews.first_missing_step(subject, answers)
            if from_check or following is None:
                target = urls["step"](missing) if missing else urls["check"]
            else:
                target = urls["step"](following)
            return redirect(target, code=303)
        status = 422
    else:
        kept = take_kept_form(viewer.user.id)
        if kept is not None:
            # Signed out mid-step: what they typed comes back, and is saved
            # at once so that it survives even if they leave now.
            form = _make_form(step, subject, formdata=kept, restored=True)
            restored = True
            if form.validate():
                reviews.save_answers(
                    viewer,
                    subject,
                    {key: getattr(form, key).data or "" for key in reviews.STEPS[step]},
                )
            else:
                status = 422
        else:
            answers = reviews.answers_so_far(viewer, subject)
            form = _make_form(step, subject, data={k: answers.get(k) for k in reviews.STEPS[step]})
    index = steps.index(step)
    back = urls["start"] if index == 0 else urls["step"](steps[index - 1])
    if from_check:
        back = urls["check"]
    return render_page(
        "reviews/step.html",
        page_title=_question(form, step),
        subject=subject,
        form=form,
        urls=urls,
        step=step,
        action=urls["step"](step, **({"from": "check"} if from_check else {})),
        back_url=back,
        restored=restored,
        status=status,
        **_labels(),
    )


@bp.route("/ask-for-a-review/<step>", methods=["GET", "POST"])
def step(step: str) -> Response:
    return _step(None, step)


@bp.route("/caring-for/<int:service_user_id>/ask-for-a-review/<step>", methods=["GET", "POST"])
def carer_step(service_user_id: int, step: str) -> Response:
    return _step(service_user_id, step)


def _check(service_user_id: int | None) -> Response:
    viewer = require_viewer()
    subject = reviews.subject_for(viewer, service_user_id)
    urls = _urls(subject, service_user_id)
    form = SubmitRequestForm()
    status = 200
    if form.is_submitted():
        if not form.validate():
            abort(400)
        try:
            made = reviews.submit(viewer, subject, form.idempotency_key.data or "")
        except reviews.IncompleteAnswers as incomplete:
            return redirect(urls["step"](incomplete.step), code=303)
        except reviews.NothingToSubmit:
            return redirect(urls["start"], code=303)
        return redirect(url_for("reviews.sent", request_id=made.id), code=303)
    take_kept_form(viewer.user.id)  # nothing to restore: the draft has it all
    answers = reviews.answers_so_far(viewer, subject)
    missing = reviews.first_missing_step(subject, answers)
    form.idempotency_key.data = reviews.draft_key(viewer, subject)
    return render_page(
        "reviews/check.html",
        missing_url=urls["step"](missing) if missing else None,
        subject=subject,
        answers=reviews.answers_for_display(answers),
        form=form,
        urls=urls,
        status=status,
        **_labels(),
    )


@bp.route("/ask-for-a-review/check", methods=["GET", "POST"])
def check() -> Response:
    return _check(None)


@bp.route("/caring-for/<int:service_user_id>/ask-for-a-review/check", methods=["GET", "POST"])
def carer_check(service_user_id: int) -> Response:
    return _check(service_user_id)


# --- Where is my request? ------------------------------------------------


@bp.route("/reviews/<int:request_id>/sent")
def sent(request_id: int) -> Response:
    view = reviews.request_for_requester(require_viewer(), request_id)
    if not view.made_by_viewer:
        abort(404)
    return render_page("reviews/sent.html", view=view, **_labels())


@bp.route("/reviews")
def my_requests() -> Response:
    viewer = require_viewer()
    return render_page(
        "reviews/my_requests.html", rows=reviews.my_requests(viewer), viewer=viewer, **_labels()
    )


@bp.route("/reviews/<int:request_id>")
def my_request(request_id: int) -> Response:
    view = reviews.request_for_requester(require_viewer(), request_id)
    return render_page("reviews/my_request.html", view=view, **_labels())


# --- The team's side -----------------------------------------------------


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
        **_labels(),
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
        **_labels(),
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
        **_labels(),
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
