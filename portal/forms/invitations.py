"""Setting up a sign-in from an invitation link."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import PasswordField, StringField
from wtforms.validators import EqualTo, InputRequired, Length, Regexp

from portal.forms import PortalForm
from portal.forms.auth import EMAIL_SHAPE
from portal.passwords import MAX_LENGTH, MIN_LENGTH


def _new_password() -> PasswordField:
    return PasswordField(
        _l("Create a password"),
        description=_l(
            "Use at least %(count)s characters. A few words you will remember, put "
            "together, work well.",
            count=MIN_LENGTH,
        ),
        validators=[
            InputRequired(message=_l("Create a password")),
            Length(
                min=MIN_LENGTH,
                message=_l("Your password must be at least %(count)s characters", count=MIN_LENGTH),
            ),
            Length(
                max=MAX_LENGTH,
                message=_l("Your password must be %(count)s characters or fewer", count=MAX_LENGTH),
            ),
        ],
    )


def _confirm_password() -> PasswordField:
    return PasswordField(
        _l("Type your password again"),
        validators=[
            InputRequired(message=_l("Type your password again")),
            EqualTo("password", message=_l("The two passwords do not match")),
        ],
    )


class SetPasswordForm(PortalForm):
    """A staff account an administrator made: the email is already known."""

    password = _new_password()
    confirm_password = _confirm_password()


class SetUpSignInForm(PortalForm):
    """A service user's first sign-in: they choose the email they will use."""

    email = StringField(
        _l("Email address"),
        description=_l("You will use this to sign in."),
        validators=[
            InputRequired(message=_l("Enter your email address")),
            Length(max=254, message=_l("Your email address must be 254 characters or fewer")),
            Regexp(
                EMAIL_SHAPE,
                message=_l("Enter an email address in the correct format, like name@example.com"),
            ),
        ],
    )
    password = _new_password()
    confirm_password = _confirm_password()


class SetUpCarerSignInForm(SetUpSignInForm):
    """A carer's first sign-in, from the link the person they care for made."""

    display_name = StringField(
        _l("Your name"),
        description=_l("The care team will see this beside anything you write to them."),
        validators=[
            InputRequired(message=_l("Enter your name")),
            Length(max=120, message=_l("Your name must be 120 characters or fewer")),
        ],
    )


class AddPlanToSignInForm(PortalForm):
    """Only the CSRF token: the signed-in person confirms with a button."""
