"""A carer's assessment request, one question per page (GOV.UK pattern).
Each step's form knows how to read its answer from, and write it to, the
answers kept in the session until the carer sends them."""

from __future__ import annotations

from typing import Any

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import RadioField, SelectMultipleField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from portal.forms import PortalForm, strip_whitespace
from portal.models import CaringHours, ContactMethod

OUTSIDE = "outside"  # someone not using this service

HOURS_LABELS = {
    CaringHours.UNDER_10: _l("Less than 10 hours a week"),
    CaringHours.FROM_10_TO_19: _l("10 to 19 hours a week"),
    CaringHours.FROM_20_TO_34: _l("20 to 34 hours a week"),
    CaringHours.FROM_35_TO_49: _l("35 to 49 hours a week"),
    CaringHours.OVER_50: _l("50 hours a week or more"),
    CaringHours.VARIES: _l("It changes a lot from week to week"),
}
AFFECTS_LABELS = {
    "health": _l("My health"),
    "work": _l("My work, school or studies"),
    "sleep": _l("My sleep"),
    "money": _l("Money"),
    "own_time": _l("Time for myself"),
}
CONTACT_LABELS = {
    ContactMethod.PHONE: _l("By phone"),
    ContactMethod.TEXT: _l("By text message"),
    ContactMethod.EMAIL: _l("By email"),
    ContactMethod.LETTER: _l("By post"),
}


def _yes_no(label: Any) -> RadioField:
    return RadioField(label, choices=[], validate_choice=False)


class _YesNoForm(PortalForm):
    answer: RadioField

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.answer.choices = [("yes", _("Yes")), ("no", _("No"))]


class AgeForm(_YesNoForm):
    answer = _yes_no(_l("Are you under 18?"))

    def validate_answer(self, field: RadioField) -> None:
        if field.data not in {"yes", "no"}:
            raise ValidationError(_l("Select yes if you are under 18"))


class WhoForm(PortalForm):
    who = RadioField(_l("Who do you care for?"), choices=[], validate_choice=False)
    other_name = StringField(
        _l("Their name"),
        filters=[strip_whitespace],
        validators=[Length(max=120, message=_l("The name must be 120 characters or fewer"))],
    )

    def __init__(self, *args: Any, people: list[tuple[int, str]], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.who.choices = [(str(pid), name) for pid, name in people] + [
            (OUTSIDE, _("Someone not using this service"))
        ]

    def validate_who(self, field: RadioField) -> None:
        if field.data not in {value for value, _label in self.who.choices}:
            raise ValidationError(_l("Select who you care for"))

    def validate_other_name(self, field: StringField) -> None:
        if self.who.data == OUTSIDE and not (field.data or "").strip():
            raise ValidationError(_l("Enter the name of the person you care for"))


class HoursForm(PortalForm):
    hours = RadioField(
        _l("Roughly how many hours a week do you spend caring?"), choices=[], validate_choice=False
    )

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.hours.choices = [(h.value, str(label)) for h, label in HOURS_LABELS.items()]

    def validate_hours(self, field: RadioField) -> None:
        if field.data not in {h.value for h in CaringHours}:
            raise ValidationError(_l("Select roughly how many hours a week you spend caring"))


class AffectsForm(PortalForm):
    affects = SelectMultipleField(
        _l("What does caring affect?"),
        choices=[],
        validate_choice=False,
        widget=ListWidget(prefix_label=False),
        option_widget=CheckboxInput(),
    )

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.affects.choices = [(key, str(label)) for key, label in AFFECTS_LABELS.items()] + [
            ("none", _("None of these"))
        ]

    def validate_affects(self, field: SelectMultipleField) -> None:
        chosen = set(field.data or [])
        if not chosen or not chosen <= {*AFFECTS_LABELS, "none"}:
            raise ValidationError(_l("Select what caring affects, or select “None of these”"))
        if "none" in chosen and len(chosen) > 1:
            raise ValidationError(_l("Select what caring affects, or select only “None of these”"))


class HelpForm(PortalForm):
    help = TextAreaField(
        _l("What would help you?"),
        filters=[strip_whitespace],
        description=_l(
            "For example, a break from caring, help with money, someone to talk to, or "
            "information about the person's care."
        ),
        validators=[
            DataRequired(message=_l("Write what would help you")),
            Length(max=2000, message=_l("This must be 2,000 characters or fewer")),
        ],
    )


class ConsentForm(_YesNoForm):
    answer = _yes_no(_l("Can we pass your details to the local authority?"))

    def validate_answer(self, field: RadioField) -> None:
        if field.data not in {"yes", "no"}:
            raise ValidationError(_l("Select yes if we can pass your details on"))


class ContactForm(PortalForm):
    method = RadioField(_l("How should we contact you?"), choices=[], validate_choice=False)
    details = StringField(
        _l("Your phone number, email address or postal address"),
        filters=[strip_whitespace],
        validators=[
            DataRequired(message=_l("Enter how we can reach you")),
            Length(max=254, message=_l("This must be 254 characters or fewer")),
        ],
    )
    best_time = StringField(
        _l("When is a good time to contact you? (optional)"),
        filters=[strip_whitespace],
        description=_l("For example: weekday mornings, or after 6pm."),
        validators=[Length(max=200, message=_l("This must be 200 characters or fewer"))],
    )

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.method.choices = [(m.value, str(label)) for m, label in CONTACT_LABELS.items()]

    def validate_method(self, field: RadioField) -> None:
        if field.data not in {m.value for m in CONTACT_LABELS}:
            raise ValidationError(_l("Select how we should contact you"))
