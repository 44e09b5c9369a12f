"""Registering a person: their details, communication needs, and the
registering staff member's part in their care."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask_babel import format_date
from flask_babel import lazy_gettext as _l
from wtforms import RadioField, SelectMultipleField, StringField, TextAreaField
from wtforms.validators import InputRequired, Length, ValidationError

from portal.forms import PortalForm
from portal.nhs_number import is_valid, normalise

OLDEST_AGE_YEARS = 120

# Accessible Information Standard needs, as the checkboxes offer them.
INTERPRETER = "interpreter"
BSL = "bsl"
EASY_READ = "easy_read"
LARGE_PRINT = "large_print"
OTHER = "other"
NEED_LABELS = {
    INTERPRETER: _l("A spoken language interpreter"),
    BSL: _l("A British Sign Language (BSL) interpreter"),
    EASY_READ: _l("Easy Read information"),
    LARGE_PRINT: _l("Large print"),
    OTHER: _l("Something else"),
}

YES, NO = "yes", "no"

# Which parts of a date are missing -> the whole sentence that says so.
_MISSING_PARTS = {
    ("day",): _l("Date of birth must include a day"),
    ("month",): _l("Date of birth must include a month"),
    ("year",): _l("Date of birth must include a year"),
    ("day", "month"): _l("Date of birth must include a day and month"),
    ("day", "year"): _l("Date of birth must include a day and year"),
    ("month", "year"): _l("Date of birth must include a month and year"),
}


def _years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


class RegisterPersonForm(PortalForm):
    full_name = StringField(
        _l("Full name"),
        validators=[
            InputRequired(message=_l("Enter their full name")),
            Length(max=200, message=_l("Full name must be 200 characters or fewer")),
        ],
    )
    preferred_name = StringField(
        _l("Preferred name (optional)"),
        description=_l(
            "What they like to be called. If you leave this empty, we will use their full name."
        ),
        validators=[Length(max=120, message=_l("Preferred name must be 120 characters or fewer"))],
    )
    nhs_number = StringField(
        _l("NHS number"),
        description=_l("This is a 10 digit number, like 485 777 3456."),
        validators=[InputRequired(message=_l("Enter their NHS number"))],
    )
    dob_day = StringField(_l("Day"))
    dob_month = StringField(_l("Month"))
    dob_year = StringField(_l("Year"))
    pronouns = StringField(
        _l("Pronouns (optional)"),
        description=_l("For example, she/her, he/him or they/them."),
        validators=[Length(max=40, message=_l("Pronouns must be 40 characters or fewer"))],
    )
    needs = SelectMultipleField(
        _l("Communication needs (optional)"), choices=[], validate_choice=False
    )
    interpreter_language = StringField(
        _l("Which language?"),
        validators=[Length(max=60, message=_l("The language must be 60 characters or fewer"))],
    )
    other_needs = TextAreaField(
        _l("Describe their communication needs"),
        validators=[
            Length(max=1000, message=_l("The description must be 1,000 characters or fewer"))
        ],
    )
    role_in_care = StringField(
        _l("Your role in their care"),
        description=_l("For example, key worker, psychologist or housing support worker."),
        default=_l("Key worker"),
        validators=[
            InputRequired(message=_l("Enter your role in their care")),
            Length(max=160, message=_l("Your role must be 160 characters or fewer")),
        ],
    )
    is_key_worker = RadioField(
        _l("Are you their named key worker?"), choices=[], validate_choice=False
    )

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.needs.choices = list(NEED_LABELS.items())
        self.is_key_worker.choices = [(YES, _l("Yes")), (NO, _l("No"))]
        # Parts of the date of birth to mark as wrong; the message is on the first.
        self.date_of_birth_parts_in_error: list[str] = []

    def validate_nhs_number(self, field: StringField) -> None:
        digits = normalise(field.data or "")
        if not (digits.isascii() and digits.isdigit()) or len(digits) != 10:
            raise ValidationError(_l("NHS number must be 10 digits"))
        if not is_valid(digits):
            raise ValidationError(
                _l("Enter a valid NHS number. Check you have typed it correctly.")
            )

    def validate_needs(self, field: SelectMultipleField) -> None:
        if any(choice not in NEED_LABELS for choice in field.data or []):
            raise ValidationError(_l("Choose communication needs from the list"))

    def validate_interpreter_language(self, field: StringField) -> None:
        if INTERPRETER in (self.needs.data or []) and not (field.data or "").strip():
            raise ValidationError(_l("Enter the language they need an interpreter for"))

    def validate_other_needs(self, field: TextAreaField) -> None:
        if OTHER in (self.needs.data or []) and not (field.data or "").strip():
            raise ValidationError(_l("Describe their other communication needs"))

    def validate_is_key_worker(self, field: RadioField) -> None:
        if field.data not in (YES, NO):
            raise ValidationError(_l("Select yes if you are their named key worker"))

    def validate(self, extra_validators: Any = None) -> bool:
        valid = bool(super().validate(extra_validators))
        return self._validate_date_of_birth() and valid

    def _validate_date_of_birth(self, today: date | None = None) -> bool:
        """The GOV.UK date pattern: say exactly what is wrong, mark only the
        parts that are wrong, and link the summary to the first of them."""
        today = today or date.today()
        fields = {"day": self.dob_day, "month": self.dob_month, "year": self.dob_year}
        raw = {part: (field.data or "").strip() for part, field in fields.items()}
        missing = tuple(part for part, value in raw.items() if not value)
        message: Any = None
        wrong: list[str] = []
        if len(missing) == 3:
            message, wrong = _l("Enter their date of birth"), ["day", "month", "year"]
        elif missing:
            message, wrong = _MISSING_PARTS[missing], list(missing)
        elif not all(value.isascii() and value.isdigit() for value in raw.values()):
            message, wrong = _l("Date of birth must be a real date"), ["day", "month", "year"]
        elif len(raw["year"]) != 4:
            message, wrong = _l("Year must include 4 numbers"), ["year"]
        else:
            try:
                born = date(int(raw["year"]), int(raw["month"]), int(raw["day"]))
            except ValueError:
                born = None
            oldest = _years_before(today, OLDEST_AGE_YEARS)
            if born is None:
                message, wrong = _l("Date of birth must be a real date"), ["day", "month", "year"]
            elif born >= today:
                message, wrong = _l("Date of birth must be in the past"), ["day", "month", "year"]
            elif born < oldest:
                message = _l(
                    "Date of birth must be on or after %(date)s",
                    date=format_date(oldest, "d MMMM yyyy"),
                )
                wrong = ["year"]
        if message is None:
            return True
        self.date_of_birth_parts_in_error = wrong
        fields[wrong[0]].errors = [*fields[wrong[0]].errors, message]
        return False

    def date_of_birth_error(self) -> str | None:
        for field in (self.dob_day, self.dob_month, self.dob_year):
            if field.errors:
                return str(field.errors[0])
        return None

    def date_of_birth(self) -> date:
        return date(int(self.dob_year.data), int(self.dob_month.data), int(self.dob_day.data))

    def chosen_needs(self) -> set[str]:
        return set(self.needs.data or [])
