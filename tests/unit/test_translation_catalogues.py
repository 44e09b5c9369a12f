"""Every shipped translation catalogue is complete, current and marked as a draft.

A language ships as soon as ``translations/<code>/LC_MESSAGES/messages.po``
exists (portal.i18n), so these checks find catalogues with a glob: a new
language is checked without touching this file. The checks are plain
functions returning a list of problems, so the last tests can feed them a
known-bad catalogue and prove each one still catches what it is for.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator
from functools import cache
from io import BytesIO
from pathlib import Path
from typing import Any

import pytest
from babel.messages.catalog import Catalog, Message
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_keywords, parse_mapping_cfg
from babel.messages.pofile import read_po

PROJECT_ROOT = Path(__file__).resolve().parents[2]
TRANSLATIONS_DIR = PROJECT_ROOT / "translations"
TEMPLATE_PATH = TRANSLATIONS_DIR / "messages.pot"
BABEL_CFG = PROJECT_ROOT / "babel.cfg"
MAKEFILE = PROJECT_ROOT / "Makefile"

UPDATE_COMMAND = "make translations-update"
REVIEW_NOTE = "qualified translator"

CATALOGUE_PATHS = sorted(TRANSLATIONS_DIR.glob("*/LC_MESSAGES/messages.po"))
LANGUAGES = [path.parent.parent.name for path in CATALOGUE_PATHS]

# A %-style named placeholder such as %(name)s, %(num)d or %(total)05.1f.
PLACEHOLDER = re.compile(r"%\([^)]+\)[#0 +-]*(?:\*|\d+)?(?:\.(?:\*|\d+))?[hlL]?[diouxXeEfFgGcrsa]")
MARKUP = re.compile(r"<[^<>]+>")

MessageKey = tuple[str | tuple[str, ...], str | None]


# ---------------------------------------------------------------- loading


def catalogue_path(language: str) -> Path:
    return TRANSLATIONS_DIR / language / "LC_MESSAGES" / "messages.po"


def parse_po(data: bytes, locale: str | None = None) -> Catalog:
    return read_po(BytesIO(data), locale=locale, abort_invalid=True)


@cache
def load_catalogue(language: str) -> Catalog:
    return parse_po(catalogue_path(language).read_bytes(), locale=language)


@cache
def load_template() -> Catalog:
    return parse_po(TEMPLATE_PATH.read_bytes())


def translated_messages(catalog: Catalog) -> Iterator[Message]:
    """Every entry except the header (obsolete entries are not iterated)."""
    return (message for message in catalog if message.id)


def label(message: Message) -> str:
    msgid = message.id[0] if isinstance(message.id, tuple) else message.id
    context = f" (context {message.context!r})" if message.context else ""
    return f"{msgid!r}{context}"


def forms(message: Message) -> list[tuple[str, str]]:
    """(English source, translation) pairs; a plural form is compared with msgid_plural."""
    if isinstance(message.id, tuple):
        strings = message.string if isinstance(message.string, tuple | list) else (message.string,)
        return [(message.id[1], string or "") for string in strings]
    return [(message.id, message.string or "")]


def key(message: Message) -> MessageKey:
    return (message.id, message.context)


# ---------------------------------------------------------------- checks


def empty_translations(catalog: Catalog) -> list[str]:
    problems = []
    for message in translated_messages(catalog):
        if isinstance(message.id, tuple):
            strings = message.string if isinstance(message.string, tuple | list) else ()
            # read_po pads missing plural forms with "", but be explicit about the count.
            if len(strings) < catalog.num_plurals:
                problems.append(
                    f"{label(message)}: {len(strings)} of {catalog.num_plurals} plural forms"
                )
            empty = [f"msgstr[{i}]" for i, string in enumerate(strings) if not string.strip()]
            if empty:
                problems.append(f"{label(message)}: empty {', '.join(empty)}")
        elif not (message.string or "").strip():
            problems.append(f"{label(message)}: empty msgstr")
    return problems


def fuzzy_entries(catalog: Catalog) -> list[str]:
    problems = ["the catalogue header is marked fuzzy"] if catalog.fuzzy else []
    problems += [
        f"{label(message)} is marked fuzzy"
        for message in translated_messages(catalog)
        if message.fuzzy
    ]
    return problems


class _AnyValue(dict[str, int]):
    def __missing__(self, name: str) -> int:
        return 0


def format_error(text: str) -> str | None:
    """Why ``text % {...}`` would raise, or None. Flask-Babel's Jinja gettext is
    "newstyle": it %-formats every template string, even one with no variables."""
    try:
        text % _AnyValue()
    except (ValueError, TypeError, KeyError) as error:
        return str(error)
    return None


def where(message: Message, index: int) -> str:
    return f"{label(message)} msgstr[{index}]" if message.pluralizable else label(message)


def placeholder_mismatches(catalog: Catalog) -> list[str]:
    problems = []
    for message in translated_messages(catalog):
        for index, (source, translation) in enumerate(forms(message)):
            if not translation:
                continue  # reported by empty_translations
            expected = set(PLACEHOLDER.findall(source))
            found = set(PLACEHOLDER.findall(translation))
            if expected != found:
                missing, extra = sorted(expected - found), sorted(found - expected)
                problems.append(f"{where(message, index)}: missing {missing}, unexpected {extra}")
            elif format_error(source) is None and (error := format_error(translation)):
                # e.g. a bare "%" (write "%%"): the page would crash at runtime.
                problems.append(f"{where(message, index)}: cannot be %-formatted ({error})")
    return problems


def markup_mismatches(catalog: Catalog) -> list[str]:
    problems = []
    for message in translated_messages(catalog):
        for index, (source, translation) in enumerate(forms(message)):
            if not translation:
                continue
            expected, found = sorted(MARKUP.findall(source)), sorted(MARKUP.findall(translation))
            if expected != found:
                problems.append(f"{where(message, index)}: HTML {found} should be {expected}")
    return problems


def missing_from_catalogue(catalog: Catalog, template: Catalog) -> list[str]:
    have = {key(message) for message in translated_messages(catalog)}
    return [label(message) for message in translated_messages(template) if key(message) not in have]


def header_problems(catalog: Catalog) -> list[str]:
    comment = " ".join(
        line.lstrip("#").strip() for line in (catalog.header_comment or "").splitlines()
    )
    if REVIEW_NOTE not in comment.lower():
        return [
            f"the header comment does not say the translation is awaiting review by a "
            f"{REVIEW_NOTE} (it says: {comment.strip()!r})"
        ]
    return []


def extraction_keywords() -> dict[str, Any]:
    """The keywords `make translations-update` extracts: pybabel's defaults plus its -k options."""
    command = next(line for line in MAKEFILE.read_text().splitlines() if "pybabel extract" in line)
    keywords = {} if "--no-default-keywords" in command else dict(DEFAULT_KEYWORDS)
    keywords.update(parse_keywords(re.findall(r"(?:-k|--keyword)[ =](\S+)", command)))
    return keywords


def extracted_from_code(root: Path = PROJECT_ROOT) -> dict[MessageKey, str]:
    """Every translatable string in the code, as `make translations-update` finds it."""
    with BABEL_CFG.open(encoding="utf-8") as cfg:
        method_map, options_map = parse_mapping_cfg(cfg, str(BABEL_CFG))
    # Only walk the top-level folders babel.cfg names (not .venv or node_modules).
    roots = {pattern.split("/", 1)[0] for pattern, _method in method_map}

    def wanted(dirpath: str) -> bool:
        relative = Path(dirpath).relative_to(root)
        return relative.parts[0] in roots and not relative.name.startswith((".", "_"))

    found: dict[MessageKey, str] = {}
    for filename, lineno, message, _comments, context in extract_from_dir(
        root, method_map, options_map, keywords=extraction_keywords(), directory_filter=wanted
    ):
        msgid = tuple(message) if isinstance(message, tuple | list) else message
        if msgid:
            found.setdefault((msgid, context), f"{filename}:{lineno}")
    return found


def missing_from_template(extracted: dict[MessageKey, str], template: Catalog) -> list[str]:
    have = {key(message) for message in translated_messages(template)}
    return [
        f"{(msgid[0] if isinstance(msgid, tuple) else msgid)!r} ({location})"
        for (msgid, context), location in sorted(extracted.items(), key=lambda item: item[1])
        if (msgid, context) not in have
    ]


def report(problems: Iterable[str]) -> str:
    return "\n".join(f"  - {problem}" for problem in problems)


# ---------------------------------------------------------------- the shipped catalogues


def test_at_least_one_catalogue_ships() -> None:
    assert CATALOGUE_PATHS, f"no translations/*/LC_MESSAGES/messages.po found in {PROJECT_ROOT}"
    assert TEMPLATE_PATH.exists(), f"{TEMPLATE_PATH} is missing: run `{UPDATE_COMMAND}`"


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_entry_is_translated(language: str) -> None:
    problems = empty_translations(load_catalogue(language))
    assert not problems, (
        f"[{language}] untranslated entries in translations/{language}/LC_MESSAGES/messages.po "
        f"({len(problems)}):\n{report(problems)}\n"
        "Fill in every msgstr (and every msgstr[n] plural form), then run `make translations`."
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_entry_is_fuzzy(language: str) -> None:
    problems = fuzzy_entries(load_catalogue(language))
    assert not problems, (
        f"[{language}] fuzzy entries in translations/{language}/LC_MESSAGES/messages.po "
        f"(gettext ignores them, so people see English):\n{report(problems)}\n"
        "Check each translation against its new English text, then delete its `#, fuzzy` line."
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_translations_keep_the_placeholders(language: str) -> None:
    problems = placeholder_mismatches(load_catalogue(language))
    assert not problems, (
        f"[{language}] translations whose %(name)s placeholders differ from the English:\n"
        f"{report(problems)}\n"
        "Copy each placeholder exactly as it is in the English, e.g. %(name)s or %(num)d."
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_translations_keep_the_html(language: str) -> None:
    problems = markup_mismatches(load_catalogue(language))
    assert not problems, (
        f"[{language}] translations whose HTML differs from the English:\n{report(problems)}\n"
        'Keep tags such as <a href="%(url)s"> and </a> exactly; translate only the text.'
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_catalogue_is_up_to_date_with_the_template(language: str) -> None:
    problems = missing_from_catalogue(load_catalogue(language), load_template())
    assert not problems, (
        f"[{language}] entries in translations/messages.pot that are missing from "
        f"translations/{language}/LC_MESSAGES/messages.po ({len(problems)}):\n{report(problems)}\n"
        f"Run `{UPDATE_COMMAND}`, then translate the new entries."
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_header_says_awaiting_qualified_review(language: str) -> None:
    problems = header_problems(load_catalogue(language))
    assert not problems, (
        f"[{language}] translations/{language}/LC_MESSAGES/messages.po: {report(problems)}\n"
        "Until a qualified translator has approved it, start the file with a comment like:\n"
        "  # DRAFT: machine-assisted translation awaiting review by a qualified translator."
    )


def test_template_is_up_to_date_with_the_code() -> None:
    extracted = extracted_from_code()
    assert extracted, "extraction found no translatable strings: is babel.cfg right?"
    problems = missing_from_template(extracted, load_template())
    assert not problems, (
        f"Translatable strings in the code that are not in translations/messages.pot "
        f"({len(problems)}):\n{report(problems)}\n"
        f"Run `{UPDATE_COMMAND}`, then translate the new entries in every "
        "translations/*/LC_MESSAGES/messages.po."
    )


# ---------------------------------------------------------------- the checks themselves

GOOD_HEADER = b"""\
# DRAFT: machine-assisted translation awaiting review by a qualified
# translator. Do not treat as approved.
msgid ""
msgstr ""
"Language: cy\\n"
"Plural-Forms: nplurals=5; plural=(n==1 ? 1 : n==2 ? 2 : n==3 ? 3 : n==6 ? 4 : 0);\\n"
"Content-Type: text/plain; charset=utf-8\\n"

"""

GOOD_ENTRIES = b"""\
msgid "Sign in"
msgstr "Mewngofnodi"

#, python-format
msgid "Hello, %(name)s"
msgstr "Helo, %(name)s"

#, python-format
msgid "See <a href=\\"%(url)s\\">help</a>"
msgstr "Gweler <a href=\\"%(url)s\\">help</a>"

#, python-format
msgid "%(num)d minute"
msgid_plural "%(num)d minutes"
msgstr[0] "%(num)d munud"
msgstr[1] "%(num)d munud"
msgstr[2] "%(num)d funud"
msgstr[3] "%(num)d munud"
msgstr[4] "%(num)d munud"

# Python code formats a string only when given variables, so a bare "%" is
# fine in a string that is already not a valid format string in English.
msgid "Zoom to 400% wide"
msgstr "Chwyddo 400% yn llydan"
"""

BAD_ENTRIES = b"""\
msgid "Sign in"
msgstr ""

#, fuzzy
msgid "Sign out"
msgstr "Mewngofnodi"

#, python-format
msgid "Hello, %(name)s"
msgstr "Helo"

#, python-format
msgid "The next review is on %(date)s."
msgstr "Mae'r adolygiad ar %(date)s, 100% yn sicr."

#, python-format
msgid "See <a href=\\"%(url)s\\">help</a>"
msgstr "Gweler %(url)s"

#, python-format
msgid "%(num)d minute"
msgid_plural "%(num)d minutes"
msgstr[0] "%(num)d munud"
msgstr[1] "un munud"
msgstr[2] ""
msgstr[3] "%(num)d munud"
"""


def test_checks_pass_a_good_catalogue() -> None:
    catalog = parse_po(GOOD_HEADER + GOOD_ENTRIES, locale="cy")
    template = parse_po(GOOD_HEADER + GOOD_ENTRIES)
    assert empty_translations(catalog) == []
    assert fuzzy_entries(catalog) == []
    assert placeholder_mismatches(catalog) == []
    assert markup_mismatches(catalog) == []
    assert missing_from_catalogue(catalog, template) == []
    assert header_problems(catalog) == []


def test_checks_catch_a_bad_catalogue() -> None:
    catalog = parse_po(GOOD_HEADER + BAD_ENTRIES, locale="cy")

    empty = empty_translations(catalog)
    assert any("'Sign in'" in problem for problem in empty)
    assert any("'%(num)d minute'" in problem and "msgstr[2]" in problem for problem in empty)
    assert any("msgstr[4]" in problem for problem in empty)  # the missing fifth form

    assert fuzzy_entries(catalog) == ["'Sign out' is marked fuzzy"]

    placeholders = placeholder_mismatches(catalog)
    assert any("'Hello, %(name)s'" in p and "%(name)s" in p for p in placeholders)
    assert any("msgstr[1]" in p and "%(num)d" in p for p in placeholders)
    assert any("cannot be %-formatted" in p for p in placeholders)  # the stray "100%"
    assert not any("msgstr[0]" in p or "msgstr[3]" in p for p in placeholders)

    assert len(markup_mismatches(catalog)) == 1


def test_checks_catch_a_fuzzy_or_unmarked_header() -> None:
    fuzzy_header = GOOD_HEADER.replace(b'msgid ""\n', b'#, fuzzy\nmsgid ""\n', 1)
    assert fuzzy_entries(parse_po(fuzzy_header + GOOD_ENTRIES, locale="cy")) == [
        "the catalogue header is marked fuzzy"
    ]
    unmarked = GOOD_HEADER.replace(b"by a qualified\n# translator", b"by someone\n#", 1)
    assert header_problems(parse_po(unmarked + GOOD_ENTRIES, locale="cy"))


def test_checks_catch_a_catalogue_behind_its_template() -> None:
    catalog = parse_po(GOOD_HEADER + GOOD_ENTRIES, locale="cy")
    template = parse_po(GOOD_HEADER + GOOD_ENTRIES + b'\nmsgid "A new string"\nmsgstr ""\n')
    assert missing_from_catalogue(catalog, template) == ["'A new string'"]


def test_extraction_uses_the_makefile_keywords() -> None:
    keywords = extraction_keywords()
    for name in ("_", "gettext", "lazy_gettext", "_l"):
        assert name in keywords
    assert keywords["ngettext"] == (1, 2)


def test_extraction_finds_strings_the_template_lacks(tmp_path: Path) -> None:
    (tmp_path / "portal").mkdir()
    (tmp_path / "portal" / "new.py").write_text(
        'from flask_babel import lazy_gettext as _l\nLABEL = _l("A brand new label")\n',
        encoding="utf-8",
    )
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "new.html").write_text(
        '<p>{{ _("Sign in") }} {{ ngettext("%(num)d minute", "%(num)d minutes", 2) }}</p>\n',
        encoding="utf-8",
    )

    extracted = extracted_from_code(tmp_path)
    assert set(extracted) == {
        ("A brand new label", None),
        ("Sign in", None),
        (("%(num)d minute", "%(num)d minutes"), None),
    }
    missing = missing_from_template(extracted, parse_po(GOOD_HEADER + GOOD_ENTRIES))
    assert missing == [f"'A brand new label' ({os.path.join('portal', 'new.py')}:2)"]
