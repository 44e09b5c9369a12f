"""WTForms forms. Every label, choice and message is translatable."""

from __future__ import annotations

from typing import Any

from flask_wtf import FlaskForm


def strip_whitespace(value: Any) -> Any:
    """A WTForms filter: spaces alone are no answer."""
    return value.strip() if isinstance(value, str) else value


class PortalForm(FlaskForm):  # type: ignore[misc]
    """A form that can list its errors for the NHS error summary."""

    def error_summary(self) -> list[dict[str, Any]]:
        items = []
        for field in self:
            for message in field.errors:
                items.append({"text": message, "href": f"#{field.id}"})
        return items


class ConfirmForm(PortalForm):
    """A button that confirms: the form carries only its CSRF token."""
