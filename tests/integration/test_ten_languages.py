"""Issue 7: ten languages ship (English, Welsh and the eight most used in
England and Wales after them, two of them right to left). Each is offered
in its own name, gives pages in its own direction, and writes dates and
numbers its own way."""

from __future__ import annotations

import re
from datetime import date, datetime

import pytest
from flask import Flask
from flask.testing import FlaskClient
from flask_babel import force_locale

from portal.forms.editor import _too_long
from portal.templating import long_date, long_date_with_weekday

# code -> (the name it is offered under, its direction)
LANGUAGES = {
    "en": ("English", "ltr"),
    "cy": ("Cymraeg", "ltr"),
    "pl": ("Polski", "ltr"),
    "ro": ("Română", "ltr"),
    "pa": ("ਪੰਜਾਬੀ", "ltr"),
    "ur": ("اردو", "rtl"),
    "ar": ("العربية", "rtl"),
    "bn": ("বাংলা", "ltr"),
    "pt": ("Português", "ltr"),
    "es": ("Español", "ltr"),
}


def test_the_ten_languages_ship(app: Flask):
    assert set(app.extensions["portal_languages"]) == set(LANGUAGES)


@pytest.mark.parametrize("code", sorted(LANGUAGES))
def test_each_language_is_offered_in_its_own_name_and_direction(client: FlaskClient, code: str):
    name, direction = LANGUAGES[code]
    choice = client.get("/language").text
    assert re.search(rf'<label[^>]*lang="{code}"[^>]*>\s*{re.escape(name)}\s*</label>', choice)
    page = client.get(f"/help?lang={code}").text
    assert f'<html lang="{code}" dir="{direction}"' in page
    if code != "en":
        # The page is in that language: its heading is not the English one.
        assert "<h1" in page and "Need help now?</h1>" not in page


@pytest.mark.parametrize(
    ("code", "day", "moment", "with_weekday"),
    [
        ("en", "21 June 2027", "21 June 2027, 14:05", "Monday 21 June 2027"),
        ("es", "21 de junio de 2027", "21 de junio de 2027, 14:05", "lunes, 21 de junio de 2027"),
        (
            "pt",
            "21 de junho de 2027",
            "21 de junho de 2027 14:05",
            "segunda-feira, 21 de junho de 2027",
        ),
        ("pl", "21 czerwca 2027", "21 czerwca 2027 14:05", "poniedziałek, 21 czerwca 2027"),
        ("cy", "21 Mehefin 2027", "21 Mehefin 2027, 14:05", "Dydd Llun, 21 Mehefin 2027"),
    ],
)
def test_dates_are_written_each_languages_way(
    app: Flask, code: str, day: str, moment: str, with_weekday: str
):
    with app.test_request_context(), force_locale(code):
        assert long_date(date(2027, 6, 21)) == day
        assert long_date(datetime(2027, 6, 21, 13, 5)) == moment  # 14:05 in London
        assert long_date_with_weekday(date(2027, 6, 21)) == with_weekday


def test_numbers_in_messages_are_written_each_languages_way(app: Flask):
    """In Spanish "5,000" reads as five: the editor's limit is "5.000" there."""
    with app.test_request_context():
        with force_locale("en"):
            assert "5,000" in str(_too_long(5000).message)
        with force_locale("es"):
            assert "5.000" in str(_too_long(5000).message)
