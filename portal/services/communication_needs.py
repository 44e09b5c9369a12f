"""Honouring the communication needs recorded for a person (Accessible
Information Standard) where the portal itself can.

Rules enforced here:
- a person's own choice always wins: a recorded need only fills a choice
  they have not made yet (``User.text_size`` or ``preferred_language`` is
  None), so turning the larger text off, or choosing English, sticks;
- a large print need turns the larger text on;
- a language chosen in the browser before signing in counts as a choice;
- an interpreter language becomes the portal's language only when the portal
  ships that language (matched by name or code through Babel). Staff still
  arrange the interpreter: the portal cannot do that part.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from babel import Locale, UnknownLocaleError
from sqlalchemy import select

from portal import db
from portal.models import ServiceUser, TextSize, User

_BRACKETS = re.compile(r"\(.*?\)")


@dataclass(frozen=True)
class HonouredNeeds:
    """What signing in changed, so the page can tell the person."""

    larger_text: bool = False
    language: str | None = None


def _names_for(code: str) -> set[str]:
    locale = Locale.parse(code)
    names = {code, locale.language, locale.english_name or "", locale.get_display_name(code) or ""}
    names |= {locale.get_language_name("en") or "", locale.get_language_name(code) or ""}
    return {_normalise(name) for name in names if name}


def _normalise(name: str) -> str:
    return " ".join(_BRACKETS.sub(" ", name).replace("_", "-").casefold().split())


def shipped_language_for(recorded: str | None, shipped: Iterable[str]) -> str | None:
    """The shipped language code for a language as staff recorded it ("Welsh",
    "Cymraeg", "cy", "Punjabi (Gurmukhi)"), or None. Staff type the name
    freely, so this compares it with each shipped language's English and own
    name from Babel, and with its code."""
    wanted = _normalise(recorded or "")
    if not wanted:
        return None
    try:
        wanted_code: str | None = Locale.parse(wanted.replace("-", "_")).language
    except (ValueError, UnknownLocaleError):
        wanted_code = None
    for code in shipped:
        if wanted in _names_for(code) or wanted_code == Locale.parse(code).language:
            return code
    return None


def honour_recorded_needs(
    user: User, shipped_languages: Iterable[str], *, language_chosen_here: bool = False
) -> HonouredNeeds:
    """Called at every sign-in, so a need recorded after the person's first
    sign-in still counts, until they make the choice themselves. A language
    chosen in this browser before signing in (``language_chosen_here``) is a
    choice too: the recorded language does not replace it."""
    if user.text_size is not None and user.preferred_language is not None:
        return HonouredNeeds()
    person = db.session.scalar(select(ServiceUser).where(ServiceUser.user_id == user.id))
    if person is None:
        return HonouredNeeds()
    larger_text = user.text_size is None and person.needs_large_print
    if larger_text:
        user.text_size = TextSize.LARGER
    language = None
    if user.preferred_language is None and person.needs_interpreter and not language_chosen_here:
        language = shipped_language_for(person.interpreter_language, shipped_languages)
        # English is the default anyway: saving it would stop a later choice
        # made in this browser (the lang cookie) from counting.
        if language is not None and language != "en":
            user.preferred_language = language
        else:
            language = None
    return HonouredNeeds(larger_text=larger_text, language=language)
