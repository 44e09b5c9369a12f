"""Asking for a review, one question a page: the service user about their own
plan, a carer about someone they care for. Answers are saved as a draft at
every step; what was typed survives a session time-out (portal.kept_forms)."""

from __future__ import annotations

from typing import Any

from flask import abort, redirect, request, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from portal.access import require_viewer
from portal.forms import ConfirmForm, PortalForm
from portal.forms.reviews import (
    ContactForm,
    HowSoonForm,
    SubmitRequestForm,
    SupportForm,
    WhatChangedForm,
    WhatToChangeForm,
    WhoSeesItForm,
)
from portal.htmx import render_page
from portal.kept_forms import keeps_typed_text, take_kept_form
from portal.reviews import bp
from portal.reviews.labels import review_labels
from portal.services import review_requests as reviews
from portal.services.review_requests import Subject

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
        **review_labels(),
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
        **review_labels(),
    )


@bp.route("/ask-for-a-review/check", methods=["GET", "POST"])
def check() -> Response:
    return _check(None)


@bp.route("/caring-for/<int:service_user_id>/ask-for-a-review/check", methods=["GET", "POST"])
def carer_check(service_user_id: int) -> Response:
    return _check(service_user_id)
