"""Forms for asking for a review, one question a page, and for the team's
answers. Every label, choice and message is translatable."""

from __future__ import annotations

import re
from datetime import date, time
from typing import Any

from flask_babel import lazy_gettext as _l
from wtforms import HiddenField, IntegerField, RadioField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional, ValidationError

from portal.forms import PortalForm
from portal.forms.careteam import _read_date
from portal.models import (
    ContactMethod,
    ReviewOutcome,
    ReviewRequestVisibility,
    ReviewStatus,
    ReviewUrgency,
    SupportWanted,
)

TEXT_LIMIT = 5000
SHORT_LIMIT = 254

URGENCY_LABELS = {
    ReviewUrgency.THIS_WEEK: _l("In the next week"),
    ReviewUrgency.WITHIN_A_MONTH: _l("In the next month"),
    ReviewUrgency.NEXT_REVIEW: _l("At the next planned review is fine"),
}
URGENCY_SHORT_LABELS = {
    ReviewUrgency.THIS_WEEK: _l("Within a week"),
    ReviewUrgency.WITHIN_A_MONTH: _l("Within a month"),
    ReviewUrgency.NEXT_REVIEW: _l("At the next planned review"),
}
SUPPORT_LABELS = {
    SupportWanted.MORE: _l("More support"),
    SupportWanted.SAME: _l("About the same"),
    SupportWanted.LESS: _l("Less support"),
    SupportWanted.NOT_SURE: _l("I'm not sure"),
}
CONTACT_LABELS = {
    ContactMethod.PHONE: _l("Phone call"),
    ContactMethod.TEXT: _l("Text message"),
    ContactMethod.EMAIL: _l("Email"),
    ContactMethod.LETTER: _l("Letter"),
}
STATUS_LABELS = {
    ReviewStatus.SUBMITTED: _l("Sent"),
    ReviewStatus.ACKNOWLEDGED: _l("Seen by the team"),
    ReviewStatus.ARRANGED: _l("Review arranged"),
    ReviewStatus.COMPLETED: _l("Done"),
    ReviewStatus.DECLINED: _l("Not going ahead"),
}
STATUS_TAG_COLOURS = {
    ReviewStatus.SUBMITTED: "blue",
    ReviewStatus.ACKNOWLEDGED: "purple",
    ReviewStatus.ARRANGED: "yellow",
    ReviewStatus.COMPLETED: "green",
    ReviewStatus.DECLINED: "grey",
}
OUTCOME_LABELS = {
    ReviewOutcome.PLAN_UPDATED: _l("The plan has been updated"),
    ReviewOutcome.NO_CHANGE_NEEDED: _l("No change to the plan was needed"),
}
YES, NO = "yes", "no"


def _strip(value: Any) -> Any:
    return value.strip() if isinstance(value, str) else value


def _text(label: Any, *, description: Any = None, required: Any = None) -> TextAreaField:
    validators: list[Any] = [
        Length(max=TEXT_LIMIT, message=_l("This must be 5,000 characters or fewer"))
    ]
    if required is not None:
        validators.insert(0, DataRequired(message=required))
    return TextAreaField(label, description=description, filters=[_strip], validators=validators)


def _check_choice(field: RadioField, kind: type[Any], message: Any) -> None:
    if field.data not in {member.value for member in kind}:
        raise ValidationError(message)


def _choice_field(label: Any) -> RadioField:
    return RadioField(label, choices=[], validate_choice=False)


class WhatChangedForm(PortalForm):
    what_changed = _text(
        _l("What has changed?"),
        description=_l(
            "For example, something in your life, your health, or how your plan is working "
            "for you. Write as much or as little as you like."
        ),
        required=_l("Write what has changed"),
    )


class WhatToChangeForm(PortalForm):
    what_to_change = _text(
        _l("What would you like to change in the plan? (optional)"),
        description=_l(
            "If you are not sure yet, leave this empty. You can talk about it at the review."
        ),
    )


class HowSoonForm(PortalForm):
    urgency = _choice_field(_l("How soon would you like the review?"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.urgency.choices = [(u.value, label) for u, label in URGENCY_LABELS.items()]

    def validate_urgency(self, field: RadioField) -> None:
        _check_choice(field, ReviewUrgency, _l("Choose how soon you would like the review"))


class SupportForm(PortalForm):
    support_wanted = _choice_field(_l("Would you like more support, less, or about the same?"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.support_wanted.choices = [(s.value, label) for s, label in SUPPORT_LABELS.items()]

    def validate_support_wanted(self, field: RadioField) -> None:
        _check_choice(
            field,
            SupportWanted,
            _l("Choose whether you would like more support, less, or about the same"),
        )


class ContactForm(PortalForm):
    contact_method = _choice_field(_l("How should the team contact you?"))
    contact_details = StringField(
        _l("Phone number, email or address to use (optional)"),
        description=_l("Leave this empty to use the details the team already has."),
        filters=[_strip],
        validators=[Length(max=SHORT_LIMIT, message=_l("This must be 254 characters or fewer"))],
    )
    contact_times = _text(
        _l("When is a good time to contact you? (optional)"),
        description=_l("For example, weekday mornings, or not before 11am."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.contact_method.choices = [(c.value, label) for c, label in CONTACT_LABELS.items()]

    def validate_contact_method(self, field: RadioField) -> None:
        _check_choice(field, ContactMethod, _l("Choose how the team should contact you"))


class WhoSeesItForm(PortalForm):
    visibility = _choice_field(_l("Who can read this request?"))

    def __init__(self, *args: Any, person_name: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.visibility.choices = [
            (ReviewRequestVisibility.TEAM_ONLY.value, _l("The care team only")),
            (
                ReviewRequestVisibility.TEAM_AND_PERSON.value,
                _l("The care team and %(name)s", name=person_name),
            ),
        ]

    def validate_visibility(self, field: RadioField) -> None:
        _check_choice(field, ReviewRequestVisibility, _l("Choose who can read this request"))


class SubmitRequestForm(PortalForm):
    # The draft's key: a second click sends the same key and finds the request.
    idempotency_key = HiddenField()


# --- The team's answers ---------------------------------------------------


class _StaffForm(PortalForm):
    # The status the page showed, so a change made meanwhile is not overwritten.
    expected_status = HiddenField()

    def shown_status(self) -> ReviewStatus | None:
        value = self.expected_status.data or ""
        return ReviewStatus(value) if value in {s.value for s in ReviewStatus} else None


def _message_field(label: Any = None) -> TextAreaField:
    return _text(
        label or _l("Message to the person who asked (optional)"),
        description=_l("They see this with their request. Write it so that they can read it."),
    )


class AcknowledgeForm(_StaffForm):
    # Not "message": the message form sits on the same page.
    note = _message_field()


class _StepUpMixin(_StaffForm):
    step_up = _choice_field(_l("Record a step-up in support now?"))
    step_up_reason = _text(_l("Why is the support stepping up?"))

    def set_up_step_up(self, *, offered: bool) -> None:
        self.step_up_offered = offered
        self.step_up.choices = [
            (YES, _l("Yes, the team agrees to step up support")),
            (NO, _l("No, not now")),
        ]

    def validate_step_up(self, field: RadioField) -> None:
        if getattr(self, "step_up_offered", False) and field.data not in (YES, NO):
            raise ValidationError(_l("Choose whether to record a step-up in support"))

    def validate_step_up_reason(self, field: TextAreaField) -> None:
        if self.wants_step_up() and not (field.data or "").strip():
            raise ValidationError(_l("Write why the support is stepping up"))

    def wants_step_up(self) -> bool:
        return bool(getattr(self, "step_up_offered", False)) and self.step_up.data == YES

    def step_up_reason_text(self) -> str | None:
        return (self.step_up_reason.data or "").strip() if self.wants_step_up() else None


TIME_PATTERN = re.compile(r"^(\d{1,2})(?:[:.](\d{2}))?\s*(am|pm)?$", re.IGNORECASE)


def parse_time(raw: str) -> time | None:
    match = TIME_PATTERN.match(raw.strip())
    if not match:
        return None
    hour, minute, half = int(match.group(1)), int(match.group(2) or 0), match.group(3)
    if half:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if half.lower() == "pm" else 0)
    elif match.group(2) is None:
        return None  # "14" alone is ambiguous
    if hour > 23 or minute > 59:
        return None
    return time(hour, minute)


class ArrangeForm(_StepUpMixin):
    day = IntegerField(_l("Day"), validators=[Optional()])
    month = IntegerField(_l("Month"), validators=[Optional()])
    year = IntegerField(_l("Year"), validators=[Optional()])
    at_time = StringField(
        _l("Time"),
        description=_l("For example, 10:30 or 2pm"),
        filters=[_strip],
        validators=[DataRequired(message=_l("Enter the time of the review, like 10:30 or 2pm"))],
    )
    how = _text(
        _l("Where, or how, will the review happen?"),
        description=_l(
            "For example, at North Hub, 12 High Street; by phone; or by video call. "
            "The person sees this."
        ),
        required=_l("Write where or how the review will happen"),
    )
    message = _message_field()

    def validate_day(self, _field: IntegerField) -> None:
        chosen = _read_date(self.day, self.month, self.year)
        if chosen < date.today():
            raise ValidationError(_l("The date of the review must be today or in the future"))

    def validate_at_time(self, field: StringField) -> None:
        if field.data and parse_time(field.data) is None:
            raise ValidationError(_l("Enter a real time, like 10:30 or 2pm"))

    def chosen_date(self) -> date:
        return _read_date(self.day, self.month, self.year)

    def chosen_time(self) -> time:
        chosen = parse_time(self.at_time.data or "")
        assert chosen is not None, "only called after validation"
        return chosen


class CompleteForm(_StepUpMixin):
    outcome = _choice_field(_l("What came of the review?"))
    message = _message_field()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.outcome.choices = [(o.value, label) for o, label in OUTCOME_LABELS.items()]

    def validate_outcome(self, field: RadioField) -> None:
        _check_choice(field, ReviewOutcome, _l("Choose what came of the review"))

    def chosen_outcome(self) -> ReviewOutcome:
        return ReviewOutcome(self.outcome.data)


class DeclineForm(_StaffForm):
    reason = _text(
        _l("Why is the review not going ahead?"),
        description=_l(
            "The person who asked reads this. Use plain words, and say what they can do "
            "instead, or when they could ask again."
        ),
        required=_l("Write why the review is not going ahead"),
    )


class MessageForm(_StaffForm):
    message = _text(
        _l("Message"),
        description=_l("The person who asked sees this with their request."),
        required=_l("Write your message"),
    )
