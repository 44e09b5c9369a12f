"""Forms for a person's care team and support level, used by staff."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask_babel import lazy_gettext as _l
from wtforms import HiddenField, IntegerField, RadioField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, Optional, ValidationError

from portal.forms import PortalForm
from portal.models import SupportLevel

ROLE_LIMIT = 160
REASON_LIMIT = 2000

SUPPORT_LEVEL_LABELS = {
    SupportLevel.STEPPED_UP: _l("Stepped up"),
    SupportLevel.STANDARD: _l("Standard"),
    SupportLevel.STEPPED_DOWN: _l("Stepped down"),
}

SUPPORT_LEVEL_HINTS = {
    SupportLevel.STEPPED_UP: _l(
        "Extra support for now, such as more frequent contact or more help from the team."
    ),
    SupportLevel.STANDARD: _l("The usual support agreed in their plan."),
    SupportLevel.STEPPED_DOWN: _l(
        "Less frequent contact. Their plan, care team and named key worker stay in place, "
        "and they can ask for more support at any time."
    ),
}


def _staff_member_id(field: SelectField) -> int | None:
    value = (field.data or "").strip()
    return int(value) if value.isdigit() else None


def _strip(value: Any) -> Any:
    return value.strip() if isinstance(value, str) else value


def _role_field(label: Any, description: Any, missing: Any) -> StringField:
    return StringField(
        label,
        description=description,
        filters=[_strip],
        validators=[
            DataRequired(message=missing),
            Length(max=ROLE_LIMIT, message=_l("The role must be 160 characters or fewer")),
        ],
    )


class KeyWorkerForm(PortalForm):
    """Choose the new named key worker, and what happens to the one before."""

    staff_member = SelectField(
        _l("Who will be the named key worker?"),
        choices=[],
        validate_choice=False,
        validators=[InputRequired(message=_l("Choose who will be the named key worker"))],
    )
    role = _role_field(
        _l("Their role in this person's care"),
        _l("This is shown to the person, so use words they will understand."),
        _l("Write their role in this person's care"),
    )
    outgoing = RadioField(
        _l("Will the current key worker stay in the care team?"),
        choices=[],
        validate_choice=False,
    )
    outgoing_role = StringField(
        _l("If they stay, their role from now on"),
        filters=[_strip],
        description=_l("For example: Medication reviews. Leave this empty if they leave."),
        validators=[Length(max=ROLE_LIMIT, message=_l("The role must be 160 characters or fewer"))],
    )
    # The key worker membership the page showed: a change made meanwhile by
    # someone else is caught instead of silently overwritten.
    current = HiddenField()

    def __init__(self, *args: Any, has_key_worker: bool, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.has_key_worker = has_key_worker
        self.outgoing.choices = [
            ("stay", _l("Yes, they stay in the care team")),
            ("leave", _l("No, they leave the care team")),
        ]

    def validate_staff_member(self, field: SelectField) -> None:
        if field.data and _staff_member_id(field) is None:
            raise ValidationError(_l("Choose who will be the named key worker from the list"))

    def validate_outgoing(self, field: RadioField) -> None:
        if not self.has_key_worker:
            return
        if field.data not in ("stay", "leave"):
            raise ValidationError(_l("Choose whether the current key worker stays in the team"))

    def validate_outgoing_role(self, field: StringField) -> None:
        if self.has_key_worker and self.outgoing.data == "stay" and not (field.data or "").strip():
            raise ValidationError(_l("Write the current key worker's role from now on"))

    def chosen_staff_member_id(self) -> int:
        chosen = _staff_member_id(self.staff_member)
        assert chosen is not None, "only called after validation"
        return chosen

    def outgoing_stays(self) -> bool:
        return self.has_key_worker and self.outgoing.data == "stay"

    def expected_key_worker(self) -> int | None:
        value = (self.current.data or "").strip()
        return int(value) if value.isdigit() else None


class AddMemberForm(PortalForm):
    staff_member = SelectField(
        _l("Who is joining the care team?"),
        choices=[],
        validate_choice=False,
        validators=[InputRequired(message=_l("Choose who is joining the care team"))],
    )
    role = _role_field(
        _l("Their role in this person's care"),
        _l(
            "For example: Psychological therapy, Housing support, Employment support. "
            "This is shown to the person."
        ),
        _l("Write their role in this person's care"),
    )

    def validate_staff_member(self, field: SelectField) -> None:
        if field.data and _staff_member_id(field) is None:
            raise ValidationError(_l("Choose who is joining the care team from the list"))

    def chosen_staff_member_id(self) -> int:
        chosen = _staff_member_id(self.staff_member)
        assert chosen is not None, "only called after validation"
        return chosen


class SupportLevelForm(PortalForm):
    level = RadioField(_l("Support level from now on"), choices=[], validate_choice=False)
    reason = TextAreaField(
        _l("Why is the support changing?"),
        description=_l("This is kept in the person's record. Write it so that they could read it."),
        filters=[_strip],
        validators=[
            DataRequired(message=_l("Write why the support is changing")),
            Length(max=REASON_LIMIT, message=_l("The reason must be 2,000 characters or fewer")),
        ],
    )
    changed_day = IntegerField(_l("Day"), validators=[Optional()])
    changed_month = IntegerField(_l("Month"), validators=[Optional()])
    changed_year = IntegerField(_l("Year"), validators=[Optional()])

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.level.choices = [(level.value, label) for level, label in SUPPORT_LEVEL_LABELS.items()]

    def validate_level(self, field: RadioField) -> None:
        if field.data not in {level.value for level in SupportLevel}:
            raise ValidationError(_l("Choose the support level from now on"))

    def validate_changed_day(self, field: IntegerField) -> None:
        chosen = _read_date(self.changed_day, self.changed_month, self.changed_year)
        if chosen > date.today():
            raise ValidationError(_l("The date must be today or in the past"))

    def chosen_level(self) -> SupportLevel:
        return SupportLevel(self.level.data)

    def changed_on(self) -> date:
        return _read_date(self.changed_day, self.changed_month, self.changed_year)


def _read_date(day: IntegerField, month: IntegerField, year: IntegerField) -> date:
    """The date typed in an NHS date input, or a ValidationError saying what
    to fix. (The same rules as NewActionForm's optional date.)"""
    parts = (day.data, month.data, year.data)
    raw = [day.raw_data, month.raw_data, year.raw_data]
    if any(r and r[0].strip() and p is None for r, p in zip(raw, parts, strict=True)):
        raise ValidationError(_l("The date must be numbers, like 21 6 2027"))
    if all(p is None for p in parts):
        raise ValidationError(_l("Enter the date with a day, month and year"))
    if any(p is None for p in parts):
        raise ValidationError(_l("Enter a full date with a day, month and year"))
    try:
        chosen = date(int(parts[2] or 0), int(parts[1] or 0), int(parts[0] or 0))
    except ValueError as error:
        raise ValidationError(_l("Enter a real date, like 21 6 2027")) from error
    if chosen.year < 2000:
        raise ValidationError(_l("Enter a real date, like 21 6 2027"))
    return chosen
