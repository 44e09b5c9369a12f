"""Forms for administrators: teams, staff accounts and the service settings."""

from __future__ import annotations

import re
from typing import Any

from flask_babel import lazy_gettext as _l
from wtforms import Field, RadioField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional, Regexp, ValidationError

from portal.forms import PortalForm
from portal.forms.auth import EMAIL_SHAPE
from portal.models import OrganisationType

ORGANISATION_TYPE_LABELS = {
    OrganisationType.NHS_TRUST: _l("NHS trust"),
    OrganisationType.LOCAL_AUTHORITY: _l("Local authority, such as adult social care"),
    OrganisationType.VCSE: _l("Voluntary, community or social enterprise organisation"),
    OrganisationType.HOUSING: _l("Housing provider"),
}

# Loose on purpose: digits, spaces, a leading plus, brackets and dashes, with
# at least 3 digits ("999", "0300 123 4567", "+44 (0)20 7946 0000").
PHONE_SHAPE = re.compile(r"^\+?[0-9 ()\-]+$")


def _phone_number() -> list[Any]:
    return [
        Optional(),
        Length(max=32, message=_l("A phone number must be 32 characters or fewer")),
        Regexp(
            PHONE_SHAPE,
            message=_l("Enter a phone number using only numbers, spaces, + and brackets"),
        ),
    ]


def _has_enough_digits(field: Field) -> None:
    if field.data and sum(ch.isdigit() for ch in field.data) < 3:
        raise ValidationError(_l("Enter a phone number, like 0300 123 4567"))


def _text(limit: int, message: Any, *, required: Any = None) -> list[Any]:
    # DataRequired, after stripping: a box of spaces is an empty box.
    first = DataRequired(message=required) if required else Optional()
    return [first, Length(max=limit, message=message)]


def _stripped(value: Any) -> Any:
    return value.strip() if isinstance(value, str) else value


class TeamForm(PortalForm):
    name = StringField(
        _l("Team name"),
        description=_l("For example: North community mental health hub"),
        filters=[_stripped],
        validators=_text(
            160,
            _l("The team name must be 160 characters or fewer"),
            required=_l("Enter the team name"),
        ),
    )
    organisation = StringField(
        _l("Organisation"),
        description=_l("For example: Example NHS Foundation Trust"),
        filters=[_stripped],
        validators=_text(
            160,
            _l("The organisation must be 160 characters or fewer"),
            required=_l("Enter the organisation"),
        ),
    )
    organisation_type = RadioField(
        _l("What kind of organisation is it?"), choices=[], validate_choice=False
    )
    phone = StringField(
        _l("Team phone number (optional)"),
        description=_l("People see this on their home page to contact the team."),
        filters=[_stripped],
        validators=_phone_number(),
    )
    opening_hours = TextAreaField(
        _l("Opening hours (optional)"),
        description=_l("For example: Monday to Friday, 9am to 5pm"),
        filters=[_stripped],
        validators=_text(500, _l("Opening hours must be 500 characters or fewer")),
    )
    out_of_hours_advice = TextAreaField(
        _l("What to do outside these hours (optional)"),
        description=_l("For example: call NHS 111 and choose option 2 for the crisis line."),
        filters=[_stripped],
        validators=_text(1000, _l("This must be 1,000 characters or fewer")),
    )

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.organisation_type.choices = [
            (kind.value, label) for kind, label in ORGANISATION_TYPE_LABELS.items()
        ]

    def validate_organisation_type(self, field: RadioField) -> None:
        if field.data not in {kind.value for kind in OrganisationType}:
            raise ValidationError(_l("Choose what kind of organisation it is"))

    def validate_phone(self, field: StringField) -> None:
        _has_enough_digits(field)


YES_NO = "yes", "no"


class StaffMemberForm(PortalForm):
    name = StringField(
        _l("Full name"),
        filters=[_stripped],
        validators=_text(
            120,
            _l("The name must be 120 characters or fewer"),
            required=_l("Enter their full name"),
        ),
    )
    profession = StringField(
        _l("Profession"),
        description=_l(
            "For example: Community mental health nurse, Social worker, Housing officer"
        ),
        filters=[_stripped],
        validators=_text(
            120,
            _l("The profession must be 120 characters or fewer"),
            required=_l("Enter their profession"),
        ),
    )
    job_title = StringField(
        _l("Job title (optional)"),
        filters=[_stripped],
        validators=_text(120, _l("The job title must be 120 characters or fewer")),
    )
    work_phone = StringField(
        _l("Work phone number (optional)"),
        description=_l("People in their care see this number."),
        filters=[_stripped],
        validators=_phone_number(),
    )
    working_hours = TextAreaField(
        _l("Working hours (optional)"),
        description=_l("For example: Monday to Thursday, 9am to 5pm"),
        filters=[_stripped],
        validators=_text(500, _l("Working hours must be 500 characters or fewer")),
    )
    is_team_manager = RadioField(_l("Do they manage this team?"), choices=[], validate_choice=False)
    signs_in = RadioField(_l("Will they sign in to the portal?"), choices=[], validate_choice=False)
    email = StringField(
        _l("If they will sign in, their work email address"),
        description=_l("They sign in with this. Each email address can have only one sign-in."),
        filters=[_stripped],
    )

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.is_team_manager.choices = [("yes", _l("Yes")), ("no", _l("No"))]
        self.signs_in.choices = [
            ("yes", _l("Yes, they will sign in")),
            ("no", _l("No, they are a contact without a sign-in")),
        ]

    def validate_work_phone(self, field: StringField) -> None:
        _has_enough_digits(field)

    def validate_is_team_manager(self, field: RadioField) -> None:
        if field.data not in YES_NO:
            raise ValidationError(_l("Choose whether they manage this team"))

    def validate_signs_in(self, field: RadioField) -> None:
        if field.data not in YES_NO:
            raise ValidationError(_l("Choose whether they will sign in to the portal"))

    def validate_email(self, field: StringField) -> None:
        if self.signs_in.data != "yes":
            return
        if not field.data:
            raise ValidationError(_l("Enter their work email address"))
        if len(field.data) > 254:
            raise ValidationError(_l("The email address must be 254 characters or fewer"))
        if not EMAIL_SHAPE.match(field.data):
            raise ValidationError(
                _l("Enter an email address in the correct format, like name@example.com")
            )

    def sign_in_email(self) -> str | None:
        return self.email.data if self.signs_in.data == "yes" else None


class SettingsForm(PortalForm):
    service_name = StringField(
        _l("Service name"),
        filters=[_stripped],
        validators=_text(120, _l("The service name must be 120 characters or fewer")),
    )
    contact_email = StringField(
        _l("Contact email address"),
        filters=[_stripped],
        validators=[
            Optional(),
            Length(max=254, message=_l("The email address must be 254 characters or fewer")),
            Regexp(
                EMAIL_SHAPE,
                message=_l("Enter an email address in the correct format, like name@example.com"),
            ),
        ],
    )
    contact_phone = StringField(
        _l("Contact phone number"), filters=[_stripped], validators=_phone_number()
    )
    contact_address = TextAreaField(
        _l("Contact address"),
        filters=[_stripped],
        validators=_text(500, _l("The address must be 500 characters or fewer")),
    )
    team_duty_line = StringField(
        _l("Team duty line"),
        description=_l("Shown on the “Need help now?” page for the team's opening hours."),
        filters=[_stripped],
        validators=_phone_number(),
    )
    local_crisis_line_name = StringField(
        _l("Name of the local crisis line"),
        description=_l("For example: Example mental health crisis line"),
        filters=[_stripped],
        validators=_text(120, _l("The name must be 120 characters or fewer")),
    )
    local_crisis_line_phone = StringField(
        _l("Phone number of the local crisis line"),
        filters=[_stripped],
        validators=_phone_number(),
    )
    local_crisis_line_description = TextAreaField(
        _l("When to call it"),
        description=_l("For example: Open 24 hours a day for anyone in a mental health crisis."),
        filters=[_stripped],
        validators=_text(500, _l("This must be 500 characters or fewer")),
    )

    def validate_contact_phone(self, field: StringField) -> None:
        _has_enough_digits(field)

    def validate_team_duty_line(self, field: StringField) -> None:
        _has_enough_digits(field)

    def validate_local_crisis_line_phone(self, field: StringField) -> None:
        _has_enough_digits(field)

    def validate(self, extra_validators: Any = None) -> bool:
        valid = bool(super().validate(extra_validators))
        # A crisis line needs both a name and a number. Checked here, not on
        # the fields: an empty optional field skips its own validators.
        name, phone = self.local_crisis_line_name, self.local_crisis_line_phone
        if phone.data and not name.data:
            name.errors = [*name.errors, _l("Enter the name of the local crisis line")]
            valid = False
        if name.data and not phone.data:
            phone.errors = [*phone.errors, _l("Enter the phone number of the local crisis line")]
            valid = False
        return valid
