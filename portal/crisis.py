"""The "Need help now?" contacts. A trust sets its own in a JSON file named by
``CRISIS_CONTACTS_FILE`` (a list of {"name", "phone", "description"}); the
defaults are the national ones."""

from __future__ import annotations

import json
from pathlib import Path

from flask import current_app
from flask_babel import gettext as _

from portal.config import CrisisContact


def default_contacts() -> list[CrisisContact]:
    return [
        CrisisContact(
            _("Emergency services"),
            "999",
            _(
                "Call 999 if you or someone else is in immediate danger or needs urgent "
                "medical help, or go to A&E."
            ),
        ),
        CrisisContact(
            _("NHS 111, option 2"),
            "111",
            _(
                "Call 111 and choose option 2 for your local NHS mental health crisis line. "
                "It is open 24 hours a day, 7 days a week."
            ),
        ),
        CrisisContact(
            _("Samaritans"),
            "116 123",
            _("Call 116 123 free, any time, to talk to someone who will listen."),
        ),
    ]


def crisis_contacts() -> list[CrisisContact]:
    configured = current_app.config.get("CRISIS_CONTACTS_FILE")
    if configured:
        entries = json.loads(Path(configured).read_text(encoding="utf-8"))
        return [CrisisContact(e["name"], e["phone"], e["description"]) for e in entries]
    contacts = default_contacts()
    duty_line = current_app.config.get("TEAM_DUTY_LINE")
    if duty_line:
        contacts.insert(
            1,
            CrisisContact(
                _("Your team's duty line"),
                duty_line,
                _("During the team's opening hours, call the duty worker."),
            ),
        )
    return contacts


def tel_href(phone: str) -> str:
    """A ``tel:`` link target: digits and a leading plus only."""
    return "tel:" + "".join(ch for ch in phone if ch.isdigit() or ch == "+")
