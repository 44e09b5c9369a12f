"""Turning a person's details into the words the staff pages show."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask_babel import format_number
from flask_babel import gettext as _

from portal.models import SupportLevel
from portal.pagination import numbered_pagination
from portal.services.caseload import CaseloadPage, CommunicationNeeds

# An "other" need is written by staff; the caseload shows its start.
SHORT_OTHER_NEED = 40


def nhs_number_for_display(number: str) -> str:
    """ "9434765919" as people read and say it: "943 476 5919"."""
    if len(number) != 10:
        return number
    return f"{number[:3]} {number[3:6]} {number[6:]}"


def needs_in_short_words(needs: CommunicationNeeds) -> list[str]:
    """For the caseload table: a word or two for each recorded need."""
    words = []
    if needs.needs_interpreter:
        words.append(
            _("Interpreter: %(language)s", language=needs.interpreter_language)
            if needs.interpreter_language
            else _("Interpreter")
        )
    if needs.bsl:
        words.append(_("BSL"))
    if needs.easy_read:
        words.append(_("Easy Read"))
    if needs.large_print:
        words.append(_("Large print"))
    other = (needs.other or "").strip()
    if other:
        if len(other) > SHORT_OTHER_NEED:
            other = other[: SHORT_OTHER_NEED - 1].rstrip() + "…"
        words.append(_("Other: %(need)s", need=other))
    return words


def needs_in_plain_words(needs: CommunicationNeeds) -> list[str]:
    """For the person's page: what to do, in full."""
    words = []
    if needs.needs_interpreter:
        words.append(
            _("Needs an interpreter who speaks %(language)s", language=needs.interpreter_language)
            if needs.interpreter_language
            else _("Needs an interpreter")
        )
    if needs.bsl:
        words.append(_("Needs a British Sign Language (BSL) interpreter"))
    if needs.easy_read:
        words.append(_("Needs information in Easy Read"))
    if needs.large_print:
        words.append(_("Needs information in large print"))
    if (needs.other or "").strip():
        words.append(_("Other needs: %(need)s", need=(needs.other or "").strip()))
    return words


def support_level_tag(level: SupportLevel) -> str | None:
    """Only a change from standard support is worth a tag."""
    return {
        SupportLevel.STEPPED_UP: _("Stepped up"),
        SupportLevel.STEPPED_DOWN: _("Stepped down"),
    }.get(level)


def showing_text(caseload: CaseloadPage) -> str:
    if caseload.total == 0:
        return str(_("No people found") if caseload.query else _("No people to show"))
    return str(
        _(
            "Showing %(first)s to %(last)s of %(total)s people",
            first=format_number(caseload.first_shown),
            last=format_number(caseload.last_shown),
            total=format_number(caseload.total),
        )
    )


def pagination(caseload: CaseloadPage, url_for_page: Callable[[int], str]) -> dict[str, Any]:
    return numbered_pagination(caseload, url_for_page, label=_("Pages of people"))
