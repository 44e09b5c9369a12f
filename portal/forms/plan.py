from __future__ import annotations

from datetime import date
from typing import Any

from flask_babel import lazy_gettext as _l
from wtforms import HiddenField, IntegerField, RadioField, SelectField, TextAreaField
from wtforms.validators import InputRequired, Length, Optional, ValidationError

from portal.forms import PortalForm
from portal.models import ActionStatus, LifeArea, PlanResponse

STATUS_LABELS = {
    ActionStatus.NOT_STARTED: _l("Not started"),
    ActionStatus.IN_PROGRESS: _l("In progress"),
    ActionStatus.DONE: _l("Done"),
    ActionStatus.NO_LONGER_NEEDED: _l("No longer needed"),
}

LIFE_AREA_LABELS = {
    LifeArea.MENTAL_HEALTH: _l("Mental health"),
    LifeArea.PHYSICAL_HEALTH: _l("Physical health"),
    LifeArea.JOB_SITUATION: _l("Work, training and volunteering"),
    LifeArea.ACCOMMODATION: _l("Where I live"),
    LifeArea.LEISURE: _l("Things I enjoy doing"),
    LifeArea.PARTNER_FAMILY: _l("Partner and family"),
    LifeArea.FRIENDSHIPS: _l("Friendships"),
    LifeArea.PERSONAL_SAFETY: _l("Feeling safe"),
    LifeArea.MONEY: _l("Money and benefits"),
    LifeArea.SUBSTANCE_USE: _l("Alcohol and drugs"),
    LifeArea.DAILY_LIVING: _l("Everyday living"),
}


def check_optional_date(day: IntegerField, month: IntegerField, year: IntegerField) -> None:
    """A day, month and year typed as numbers: all empty, or a real date.
    Raises ``ValidationError`` with the message for the first field."""
    parts = (day.data, month.data, year.data)
    raw = [day.raw_data, month.raw_data, year.raw_data]
    if any(r and r[0].strip() and p is None for r, p in zip(raw, parts, strict=True)):
        raise ValidationError(_l("The date must be numbers, like 21 6 2027"))
    if all(p is None for p in parts):
        return
    if any(p is None for p in parts):
        raise ValidationError(_l("Enter a full date with a day, month and year, or leave it"))
    try:
        chosen = date(int(parts[2] or 0), int(parts[1] or 0), int(parts[0] or 0))
    except ValueError as error:
        raise ValidationError(_l("Enter a real date, like 21 6 2027")) from error
    if chosen.year < 2000 or chosen.year > 2100:
        raise ValidationError(_l("Enter a real date, like 21 6 2027"))


def optional_date(day: IntegerField, month: IntegerField, year: IntegerField) -> date | None:
    if day.data is None or month.data is None or year.data is None:
        return None
    return date(year.data, month.data, day.data)


NOTE_LIMIT = 2000


class ActionUpdateForm(PortalForm):
    """Change an action's status and/or add a progress note."""

    status = RadioField(
        _l("How is it going?"), choices=[], validators=[Optional()], validate_choice=False
    )
    note = TextAreaField(
        _l("Add a note (optional)"),
        validators=[
            Length(max=NOTE_LIMIT, message=_l("Your note must be 2,000 characters or fewer"))
        ],
    )
    version = HiddenField()

    def __init__(self, *args: Any, can_change_status: bool = True, **kwargs: Any):
        super().__init__(*args, **kwargs)
        # Choices are set here, not in the field: WTForms deprecates tuple
        # choices passed to the field's constructor.
        self.status.choices = [(status.value, label) for status, label in STATUS_LABELS.items()]
        self.can_change_status = can_change_status

    def validate_status(self, field: RadioField) -> None:
        if field.data and field.data not in {s.value for s in ActionStatus}:
            raise ValidationError(_l("Choose how it is going from the list"))

    def validate(self, extra_validators: Any = None) -> bool:
        valid = bool(super().validate(extra_validators))
        if not (self.note.data or "").strip() and not (self.can_change_status and self.status.data):
            self.note.errors = [*self.note.errors, _l("Write a note, or choose how it is going")]
            return False
        return valid

    def chosen_status(self) -> ActionStatus | None:
        return ActionStatus(self.status.data) if self.status.data else None

    def expected_version(self) -> int:
        return int(self.version.data) if (self.version.data or "").isdigit() else 0


class NewActionForm(PortalForm):
    description = TextAreaField(
        _l("What will you do?"),
        description=_l("In your own words, for example: walk to the park twice a week."),
        validators=[
            InputRequired(message=_l("Write what you will do")),
            Length(max=500, message=_l("This must be 500 characters or fewer")),
        ],
    )
    due_day = IntegerField(_l("Day"), validators=[Optional()])
    due_month = IntegerField(_l("Month"), validators=[Optional()])
    due_year = IntegerField(_l("Year"), validators=[Optional()])
    life_area = SelectField(
        _l("Which part of your life is it about? (optional)"), choices=[], validate_choice=False
    )

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.life_area.choices = [("", _l("Choose one, or leave it"))] + [
            (area.value, label) for area, label in LIFE_AREA_LABELS.items()
        ]

    def validate_life_area(self, field: SelectField) -> None:
        if field.data and field.data not in {area.value for area in LifeArea}:
            raise ValidationError(_l("Choose a part of your life from the list"))

    def validate_due_day(self, field: IntegerField) -> None:
        check_optional_date(self.due_day, self.due_month, self.due_year)

    def due_on(self) -> date | None:
        return optional_date(self.due_day, self.due_month, self.due_year)

    def chosen_life_area(self) -> LifeArea | None:
        return LifeArea(self.life_area.data) if self.life_area.data else None


SAFETY_LIMIT = 4000


def _safety_field(label: Any, hint: Any) -> TextAreaField:
    return TextAreaField(
        label,
        description=hint,
        validators=[
            Length(max=SAFETY_LIMIT, message=_l("Each step must be 4,000 characters or fewer"))
        ],
    )


class SafetyPlanForm(PortalForm):
    warning_signs = _safety_field(
        _l("My warning signs"),
        _l("Thoughts, feelings or situations that tell me a crisis may be coming."),
    )
    things_i_can_do = _safety_field(
        _l("Things I can do myself"), _l("What helps me take my mind off things or feel calmer.")
    )
    people_and_places = _safety_field(
        _l("People and places that help me feel better"),
        _l("Where I can go and who I can be with."),
    )
    people_i_can_ask = _safety_field(
        _l("People I can ask for help"), _l("Names and phone numbers of people I trust.")
    )
    professionals = _safety_field(
        _l("Professionals and services I can contact"),
        _l("Include phone numbers: they become links you can tap to call."),
    )
    making_safer = _safety_field(
        _l("Making my situation safer"), _l("Things I can do to keep myself safe.")
    )
    reasons_for_living = _safety_field(
        _l("What matters most to me"), _l("My reasons for living and what keeps me going.")
    )
    version = HiddenField()

    def expected_version(self) -> int:
        return int(self.version.data) if (self.version.data or "").isdigit() else 0


class VersionResponseForm(PortalForm):
    response = RadioField(_l("What do you think of this plan?"), choices=[], validate_choice=False)
    note = TextAreaField(
        _l("Anything you would like your key worker to know (optional)"),
        validators=[
            Length(max=NOTE_LIMIT, message=_l("Your note must be 2,000 characters or fewer"))
        ],
    )

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.response.choices = [
            (PlanResponse.AGREE.value, _l("I agree with this plan")),
            (PlanResponse.TALK.value, _l("I would like to talk about it")),
        ]

    def validate_response(self, field: RadioField) -> None:
        if field.data not in {r.value for r in PlanResponse}:
            raise ValidationError(_l("Choose whether you agree or would like to talk"))
