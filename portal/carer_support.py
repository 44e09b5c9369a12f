"""Support for carers. A trust lists its own in a JSON file named by
``CARER_SUPPORT_FILE`` (a list of {"name", "description", "phone",
"website"}, phone and website optional); the defaults are the national
organisations and the service's own contact details (portal.settings), the
way the "Need help now?" contacts work (portal.crisis)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from flask import current_app
from flask_babel import gettext as _

from portal.settings import current_settings


@dataclass(frozen=True)
class SupportContact:
    name: str
    description: str
    phone: str | None = None
    website: str | None = None
    email: str | None = None


def default_support() -> list[SupportContact]:
    settings = current_settings()
    return [
        SupportContact(
            _("Your local carers' centre"),
            _(
                "Carers' centres offer advice, breaks, groups and someone to talk to. "
                "Carers Trust can tell you where your nearest one is."
            ),
            website="https://carers.org",
        ),
        SupportContact(
            _("Carers UK"),
            _("Advice on caring, money, work and your rights as a carer."),
            phone="0808 808 7777",
            website="https://www.carersuk.org",
        ),
        SupportContact(
            _("Our carer lead"),
            _(
                "Our service has a carer lead who can talk with you about support for carers "
                "and how to be involved in the care of the person you look after."
            ),
            phone=settings.contact_phone,
            email=settings.contact_email,
        ),
    ]


def carer_support_contacts() -> list[SupportContact]:
    configured = current_app.config.get("CARER_SUPPORT_FILE")
    if configured:
        entries = json.loads(Path(configured).read_text(encoding="utf-8"))
        return [
            SupportContact(
                e["name"], e["description"], e.get("phone"), e.get("website"), e.get("email")
            )
            for e in entries
        ]
    return default_support()
