"""WTForms forms. Every label, choice and message is translatable."""

from __future__ import annotations

from typing import Any

from flask_wtf import FlaskForm


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
