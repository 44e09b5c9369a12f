"""Turning the person's own words into safe HTML, without changing them."""

from __future__ import annotations

import re

from markupsafe import Markup, escape

from portal.crisis import tel_href

# UK numbers as people write them: 999, 111, 116 123, 0300 123 4567, +44 7700 900123.
PHONE = re.compile(r"(?<![\w])(\+44[\d ]{9,13}\d|0[\d ]{8,12}\d|116 ?\d{3}|999|111)(?![\w])")


def linkify_phone_numbers(text: str) -> Markup:
    """Escape everything, then wrap phone numbers in tel: links."""
    escaped = str(escape(text))
    linked = PHONE.sub(lambda m: f'<a href="{tel_href(m.group(1))}">{m.group(1)}</a>', escaped)
    return Markup(linked)  # noqa: S704 - built only from escaped text
