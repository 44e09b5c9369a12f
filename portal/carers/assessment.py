"""Asking for a carer's assessment: one question per page, then check your
answers, then a page with the request's status that the carer can always
come back to. Answers wait in the (server-side) session until sent."""

from __future__ import annotations

from typing import Any

from flask import abort, redirect, session, url_for
from werkzeug.wrappers import Response

from portal.access import require_viewer
from portal.carers import bp
from portal.forms import ConfirmForm, PortalForm
from portal.forms.carer_assessment import (
    AFFECTS_LABELS,
    CONTACT_LABELS,
    HOURS_LABELS,
    OUTSIDE,
    AffectsForm,
    AgeForm,
    ConsentForm,
    ContactForm,
    HelpForm,
    HoursForm,
    WhoForm,
)
from portal.forms.carers import STATUS_LABELS
from portal.htmx import render_page
from portal.models import CaringHours, ContactMethod
from portal.services import carer_assessments
from portal.services.people import people_cared_for
from portal.settings import current_settings

ANSWERS = "carer_assessment_answers"
# Each step: its form, and the session keys it reads and writes (the form's
# field names, so a step's answer goes back into its form unchanged).
STEPS: dict[str, tuple[type[PortalForm], tuple[str, ...]]] = {
    "age": (AgeForm, ("answer",)),
    "who": (WhoForm, ("who", "other_name")),
    "hours": (HoursForm, ("hours",)),
    "affects": (AffectsForm, ("affects",)),
    "help": (HelpForm, ("help",)),
    "consent": (ConsentForm, ("answer",)),
    "contact": (ContactForm, ("method", "details", "best_time")),
}
ORDER = list(STEPS)


def _answers() -> dict[str, dict[str, Any]]:
    stored: dict[str, dict[str, Any]] = session.get(ANSWERS) or {}
    return stored


def _people() -> list[tuple[int, str]]:
    return [(e.service_user_id, e.name) for e in people_cared_for(require_viewer())]


def _form(step: str, data: dict[str, Any] | None = None) -> PortalForm:
    form_class, _keys = STEPS[step]
    kwargs: dict[str, Any] = {"people": _people()} if form_class is WhoForm else {}
    if data is not None:
        return form_class(data=data, **kwargs)
    return form_class(**kwargs)


def _complete(answers: dict[str, dict[str, Any]]) -> bool:
    return all(step in answers for step in ORDER)


def _young(answers: dict[str, dict[str, Any]]) -> bool:
    return answers.get("age", {}).get("answer") == "yes"


def _next_step(step: str, answers: dict[str, dict[str, Any]]) -> str:
    """The question after this one; after the last, the first one still
    unanswered (a person may reach the last question by a link or the back
    button without answering an earlier one)."""
    if _complete(answers):
        return url_for("carers.assessment_check")
    following = ORDER[ORDER.index(step) + 1 :]
    unanswered = next(s for s in ORDER if s not in answers)
    return url_for("carers.assessment_step", step=following[0] if following else unanswered)


@bp.route("/carers-assessment")
def assessment_start() -> Response:
    viewer = require_viewer()
    return render_page(
        "carers/assessment_start.html",
        requests=carer_assessments.my_requests(viewer.user),
        status_labels=STATUS_LABELS,
    )


@bp.route("/carers-assessment/questions/<step>", methods=["GET", "POST"])
def assessment_step(step: str) -> Response:
    if step not in STEPS:
        abort(404)
    answers = _answers()
    _form_class, keys = STEPS[step]
    form = _form(step)
    if not form.is_submitted():
        form = _form(step, answers.get(step))  # what they said before, if anything
    status = 200
    if form.is_submitted():
        status = 422
        if form.validate():
            answers[step] = {key: form[key].data for key in keys}
            session[ANSWERS] = answers
            return redirect(_next_step(step, answers), code=303)
    index = ORDER.index(step)
    back = (
        url_for("carers.assessment_step", step=ORDER[index - 1])
        if index
        else url_for("carers.assessment_start")
    )
    return render_page(
        f"carers/assessment/{step}.html",
        form=form,
        step=step,
        back=back,
        young=_young(answers),
        status=status,
        question_number=index + 1,
        question_count=len(ORDER),
    )


def _to_service(answers: dict[str, dict[str, Any]]) -> carer_assessments.Answers:
    who = answers["who"]["who"]
    people = dict(_people())
    service_user_id = int(who) if who != OUTSIDE and who.isdigit() else None
    if service_user_id is not None and service_user_id not in people:
        raise LookupError("the carer's link to this person has ended: ask again")
    return carer_assessments.Answers(
        service_user_id=service_user_id,
        cared_for_name=people.get(service_user_id or 0) or answers["who"].get("other_name") or "",
        is_young_carer=_young(answers),
        caring_hours=CaringHours(answers["hours"]["hours"]),
        affects=frozenset(a for a in answers["affects"]["affects"] if a != "none"),
        what_would_help=answers["help"]["help"],
        consent_to_local_authority=answers["consent"]["answer"] == "yes",
        contact_method=ContactMethod(answers["contact"]["method"]),
        contact_details=answers["contact"]["details"],
        best_time_to_contact=answers["contact"].get("best_time") or "",
    )


@bp.route("/carers-assessment/check-answers", methods=["GET", "POST"])
def assessment_check() -> Response:
    answers = _answers()
    if not _complete(answers):
        missing = next(step for step in ORDER if step not in answers)
        return redirect(url_for("carers.assessment_step", step=missing), code=303)
    try:
        chosen = _to_service(answers)
    except (LookupError, ValueError, KeyError):
        answers.pop("who", None)
        session[ANSWERS] = answers
        return redirect(url_for("carers.assessment_step", step="who"), code=303)
    form = ConfirmForm()
    if form.validate_on_submit():
        saved = carer_assessments.submit(require_viewer(), chosen)
        session.pop(ANSWERS, None)
        return redirect(url_for("carers.assessment_request", request_id=saved.id), code=303)
    return render_page(
        "carers/assessment/check.html",
        form=form,
        answers=chosen,
        young=chosen.is_young_carer,
        hours_labels=HOURS_LABELS,
        affects_labels=AFFECTS_LABELS,
        contact_labels=CONTACT_LABELS,
    )


@bp.route("/carers-assessment/<int:request_id>")
def assessment_request(request_id: int) -> Response:
    viewer = require_viewer()
    return render_page(
        "carers/assessment_request.html",
        request=carer_assessments.my_request(viewer.user, request_id),
        status_labels=STATUS_LABELS,
        hours_labels=HOURS_LABELS,
        affects_labels=AFFECTS_LABELS,
        contact_labels=CONTACT_LABELS,
        settings=current_settings(),
    )
