from __future__ import annotations

import re

from flask_babel import lazy_gettext as _l
from wtforms import PasswordField, RadioField, StringField
from wtforms.validators import EqualTo, InputRequired, Length, Regexp, ValidationError

from portal.forms import PortalForm
from portal.passwords import MAX_LENGTH, MIN_LENGTH

# Deliberately loose: the only real check of an address is whether mail arrives.
EMAIL_SHAPE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


class SignInForm(PortalForm):
    email = StringField(
        _l("Email address"),
        validators=[
            InputRequired(message=_l("Enter your email address")),
            Length(max=254, message=_l("Your email address must be 254 characters or fewer")),
            Regexp(
                EMAIL_SHAPE,
                message=_l("Enter an email address in the correct format, like name@example.com"),
            ),
        ],
    )
    password = PasswordField(
        _l("Password"),
        validators=[
            InputRequired(message=_l("Enter your password")),
            Length(max=MAX_LENGTH, message=_l("Your password must be 256 characters or fewer")),
        ],
    )


class ChangePasswordForm(PortalForm):
    current_password = PasswordField(
        _l("Current password"),
        validators=[InputRequired(message=_l("Enter your current password"))],
    )
    new_password = PasswordField(
        _l("New password"),
        description=_l(
            "Use at least 12 characters. A few words you will remember, put together, work well."
        ),
        validators=[
            InputRequired(message=_l("Enter a new password")),
            Length(
                min=MIN_LENGTH,
                max=MAX_LENGTH,
                message=_l("Your new password must be between 12 and 256 characters"),
            ),
        ],
    )
    confirm_password = PasswordField(
        _l("Type your new password again"),
        validators=[
            InputRequired(message=_l("Type your new password again")),
            EqualTo("new_password", message=_l("The two new passwords do not match")),
        ],
    )


class LanguageForm(PortalForm):
    language = RadioField(_l("Choose your language"), choices=[], validate_choice=False)

    def __init__(self, *args: object, language_choices: list[tuple[str, str]], **kwargs: object):
        super().__init__(*args, **kwargs)
        self.language.choices = language_choices

    def validate_language(self, field: RadioField) -> None:
        if field.data not in {code for code, _label in field.choices}:
            raise ValidationError(_l("Choose a language from the list"))
