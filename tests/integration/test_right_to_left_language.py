"""DESIGN §9: a right-to-left language (Arabic) ships like any other: it is
in the language choice, pages say <html lang="ar" dir="rtl">, dates and
times are written the Arabic way, and numbers keep reading left to right
inside Arabic sentences."""

from __future__ import annotations

import re
from datetime import datetime

from flask import Flask
from flask.testing import FlaskClient
from flask_babel import force_locale

from portal.templating import long_date
from tests.conftest import form_post

LEFT_TO_RIGHT_ISOLATE, POP_ISOLATE = "\u2066", "\u2069"


def _html_lang(page: str) -> tuple[str, str]:
    match = re.search(r'<html lang="([^"]+)" dir="([^"]+)"', page)
    assert match, "no <html lang dir>"
    return match.group(1), match.group(2)


def test_arabic_is_in_the_language_choice(client: FlaskClient):
    page = client.get("/language").text
    assert re.search(r'<label[^>]*lang="ar"[^>]*>\s*العربية\s*</label>', page)


def test_choosing_arabic_gives_right_to_left_pages(client: FlaskClient):
    form_post(client, "/language", {"language": "ar", "next": "/help"})
    page = client.get("/help").text
    assert _html_lang(page) == ("ar", "rtl")
    assert "هل تحتاج إلى مساعدة الآن؟" in page


def test_phone_numbers_read_left_to_right_in_arabic_sentences(client: FlaskClient):
    page = client.get("/help?lang=ar").text
    # Without the isolate, a right-to-left sentence shows "116 123" as "123 116".
    assert f"{LEFT_TO_RIGHT_ISOLATE}116 123{POP_ISOLATE}" in page


def test_dates_and_times_are_written_the_arabic_way(app: Flask):
    moment = datetime(2026, 12, 1, 14, 5)
    with app.test_request_context():
        with force_locale("ar"):
            assert long_date(moment) == "1 ديسمبر 2026، 14:05"
            assert long_date(moment.date()) == "1 ديسمبر 2026"
        with force_locale("en"):
            assert long_date(moment) == "1 December 2026, 14:05"


def test_only_right_to_left_pages_load_the_right_to_left_styles(client: FlaskClient):
    """The mirroring rules are a stylesheet of their own, so pages in English
    and Welsh stay inside the DESIGN §10 weight budget without them."""
    rtl_sheet = "/static/css/portal-rtl.css"
    assert rtl_sheet in client.get("/help?lang=ar").text
    assert rtl_sheet not in client.get("/help?lang=en").text
    assert rtl_sheet not in client.get("/help?lang=cy").text
    assert client.get(rtl_sheet).status_code == 200
