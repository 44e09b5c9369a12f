"""The "Need help now?" contacts. A trust sets its own in a JSON file named by
``CRISIS_CONTACTS_FILE`` (a list of {"name", "phone", "description"}); the
defaults are the national ones. The team's duty line and a local crisis line
come from the service settings (see portal.settings)."""

from __future__ import annotations

import json
from pathlib import Path

from flask import current_app
from flask_babel import gettext as _

from portal.config import CrisisContact
from portal.settings import current_settings


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
    """The national contacts (or the trust's own list from the file), with the
    team's duty line and the local crisis line an administrator has set."""
    settings = current_settings()
    local = []
    if settings.team_duty_line:
        local.append(
            CrisisContact(
                _("Your team's duty line"),
                settings.team_duty_line,
                _("During the team's opening hours, call the duty worker."),
            )
        )
    if settings.local_crisis_line:
        local.append(settings.local_crisis_line)
    configured = current_app.config.get("CRISIS_CONTACTS_FILE")
    if configured:
        entries = json.loads(Path(configured).read_text(encoding="utf-8"))
        # The file is the trust's complete list, in its own order.
        return [CrisisContact(e["name"], e["phone"], e["description"]) for e in entries] + local
    national = default_contacts()
    # 999 stays first: local lines come straight after it.
    return [national[0], *local, *national[1:]]


def tel_href(phone: str) -> str:
    """A ``tel:`` link target: digits and a leading plus only."""
    return "tel:" + "".join(ch for ch in phone if ch.isdigit() or ch == "+")
