"""Every piece of text a person sees or hears in a template goes through
gettext (issue 7): a word typed straight into the HTML would stay English in
every language, and no catalogue check could notice.

The check reads each template under templates/ as Jinja's lexer does. Jinja
code (``{{ … }}``, ``{% … %}``) becomes a neutral marker, and what is left is
HTML: its text between tags, and the attributes people hear (alt, title,
aria-label, placeholder, button values), must hold no letters. Inside Jinja
code, a string literal that reads as a sentence must be an argument of a
gettext call. Text that is not language (a code, a symbol) is allowed only by
name in ALLOWED, with the reason.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from jinja2 import Environment

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
TEMPLATE_PATHS = sorted(TEMPLATES.rglob("*.html"))

# Attributes whose values a screen reader reads out or a browser shows.
SPOKEN_ATTRIBUTES = {
    "alt",
    "title",
    "aria-label",
    "aria-description",
    "aria-roledescription",
    "aria-valuetext",
    "placeholder",
}
GETTEXT_CALLS = {"_", "gettext", "ngettext", "pgettext", "npgettext", "lazy_gettext", "_l"}
# A Jinja string literal that reads as words: "Save and continue", "Not set."
SENTENCE = re.compile(r"^[A-Z][a-z\u2019']+(?: [\w\u2019'.,?!:;()-]+)+$")
MACRO_TEXT_KEYS = {"text", "html", "label", "hint", "title", "caption", "heading", "legend"}
LETTER = re.compile(r"[^\W\d_]")
# A macro may write attributes for the tag it is called in (described_by in
# editor/_fields.html): ` aria-describedby="…"` is markup, not text.
ATTRIBUTE_FRAGMENT = re.compile(r'\b[a-z][a-z-]*="[^"]*"')
# Stands in for Jinja code in the HTML: no letters, and it can end a tag
# name (<h{{ level }}> reads as <h0>) without breaking the HTML parser.
MARKER = "0"

# (template, text) -> why it is not translated.
ALLOWED: dict[tuple[str, str], str] = {}

# Only its lexer is used: nothing is rendered, so autoescape does not apply.
_environment = Environment(  # noqa: S701
    extensions=["jinja2.ext.i18n", "jinja2.ext.do", "jinja2.ext.loopcontrols"]
)


class _VisibleText(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[int, str]] = []
        self._in_script_or_style = 0

    def _keep(self, text: str) -> None:
        if LETTER.search(ATTRIBUTE_FRAGMENT.sub("", text).replace(MARKER, "")):
            self.found.append((self.getpos()[0], " ".join(text.split())))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in {"script", "style"}:
            self._in_script_or_style += 1
        values = dict(attrs)
        for name, value in attrs:
            if name in SPOKEN_ATTRIBUTES and value:
                self._keep(value)
        if tag == "input" and values.get("type") in {"submit", "button", "reset"}:
            self._keep(values.get("value") or "")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in {"script", "style"}:
            self._in_script_or_style = max(0, self._in_script_or_style - 1)

    def handle_data(self, data: str) -> None:
        if not self._in_script_or_style:
            self._keep(data)


def untranslated_text(source: str) -> list[tuple[int, str]]:
    """(line, text) for each piece of text in a template that is not wrapped
    for translation."""
    html: list[str] = []
    sentences: list[tuple[int, str]] = []
    previous: list[tuple[str, str]] = []  # the last two code tokens: (kind, value)
    for lineno, kind, value in _environment.lex(source):
        if kind == "data":
            html.append(value)
            continue
        if kind in {"variable_begin", "block_begin", "comment_begin"}:
            html.append(MARKER)
            previous = []
        # Keep line numbers true: Jinja code can span lines.
        html.append("\n" * value.count("\n"))
        if kind == "whitespace" or kind.startswith("comment"):
            continue
        if kind == "string":
            text = value[1:-1]
            in_gettext = (
                len(previous) == 2
                and previous[0][0] == "name"
                and previous[0][1] in GETTEXT_CALLS
                and previous[1] == ("operator", "(")
            )
            # NHS.UK frontend macros take their words as {"text": …}, {"html": …}.
            words_for_a_macro = (
                len(previous) == 2
                and previous[0][0] == "string"
                and previous[0][1][1:-1] in MACRO_TEXT_KEYS
                and previous[1] == ("operator", ":")
                and LETTER.search(text) is not None
            )
            if (SENTENCE.match(text) or words_for_a_macro) and not in_gettext:
                sentences.append((lineno, text))
        previous = [*previous, (kind, value)][-2:]
    parser = _VisibleText()
    parser.feed("".join(html))
    parser.close()
    return sorted(parser.found + sentences)


def _problems(path: Path) -> list[str]:
    name = path.relative_to(TEMPLATES).as_posix()
    return [
        f"templates/{name}:{line}: {text!r}"
        for line, text in untranslated_text(path.read_text(encoding="utf-8"))
        if (name, text) not in ALLOWED
    ]


def test_templates_are_found() -> None:
    assert len(TEMPLATE_PATHS) > 50, f"only {len(TEMPLATE_PATHS)} templates under {TEMPLATES}"


@pytest.mark.parametrize(
    "path", TEMPLATE_PATHS, ids=[p.relative_to(TEMPLATES).as_posix() for p in TEMPLATE_PATHS]
)
def test_template_text_is_wrapped_for_translation(path: Path) -> None:
    problems = _problems(path)
    assert not problems, (
        "Text people see that is not wrapped for translation:\n  "
        + "\n  ".join(problems)
        + '\nWrap it as {{ _("…") }} (placeholders: _("Hello %(name)s", name=…)), then run '
        "`make translations-update` and translate the new entries."
    )


# ---------------------------------------------------------------- the check itself


def test_the_check_finds_text_typed_straight_into_a_template() -> None:
    source = """{% extends "base.html" %}
{% block content %}
  <h{{ level }} class="nhsuk-heading-m">{{ _("Your plan") }}</h{{ level }}>
  <p>{{ _("Hello %(name)s", name=person.name) }} Welcome back</p>
  <img src="/x.png" alt="A picture">
  <a href="{{ url }}" aria-label="{{ _('Change') }}">&rarr; 1 of {{ n }}</a>
  {{ button("Save and continue") }}
  {{ button(_("Save and continue")) }}
  {{ nhsuk_button({"text": "Save", "classes": "nhsuk-button--secondary"}) }}
  {% set hint = "Enter a date." %}
  <script nonce="{{ nonce }}">const words = "not for people";</script>
  {# A comment with words in it #}
  <input type="submit" value="Send it">
  <input type="text" value="typed by a person">
{% endblock %}
"""
    found = untranslated_text(source)
    assert [line for line, _text in found] == [4, 5, 6, 7, 9, 10, 13], found
    assert (5, "A picture") in found and (7, "Save and continue") in found
    assert (9, "Save") in found and (10, "Enter a date.") in found


def test_the_check_passes_a_template_whose_text_is_all_wrapped() -> None:
    source = """<p class="nhsuk-body">{{ _("Hello %(name)s", name=person.name) }}</p>
<p>{{ _("A line") }} &middot; 0300 123 4567 {{ ngettext("%(num)d day", "%(num)d days", n) }}</p>
<a href="tel:{{ number }}" title="{{ gettext('Call') }}">{{ number }}</a>
{{ nhsuk_button({"text": _("Save"), "classes": "nhsuk-button--secondary"}) }}
"""
    assert untranslated_text(source) == []
