"""Issue 7: a larger text size that anyone can choose, signed in (saved to
their account) or signed out (a cookie), applied to every page; on by
default for a person whose record says large print, until they choose."""

from __future__ import annotations

import re

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from portal.models import ServiceUser, TextSize, User
from tests.conftest import database, form_post, sign_in
from tests.integration.conftest import People
from tests.integration.plan_helpers import build_plan

LARGER = "app-text-larger"


def _html_classes(page: str) -> str:
    match = re.search(r"<html [^>]*>", page)
    assert match, "no <html> element"
    classes = re.search(r'class="([^"]*)"', match.group(0))
    return classes.group(1) if classes else ""


def _has_larger_text(client: FlaskClient, path: str) -> bool:
    response = client.get(path)
    assert response.status_code == 200, path
    return LARGER in _html_classes(response.text).split()


def _text_size_of(app: Flask, email: str) -> TextSize | None:
    with database(app) as session:
        return session.scalars(select(User.text_size).where(User.email == email)).one()


def _record_large_print(app: Flask, person_id: int) -> None:
    with database(app) as session:
        person = session.get(ServiceUser, person_id)
        assert person is not None
        person.needs_large_print = True


def test_standard_text_by_default(client: FlaskClient):
    assert not _has_larger_text(client, "/help")


def test_a_signed_in_persons_choice_is_saved_and_applied_on_every_page(
    app: Flask, client: FlaskClient, people: People
):
    build_plan(app, people.person_a_id)
    sign_in(client, people.person_a)
    assert not _has_larger_text(client, "/plan")
    response = form_post(
        client, "/text-size", {"text_size": "larger", "next": "/account"}, token_from="/text-size"
    )
    assert response.status_code == 303
    assert response.headers["Location"] == "/account"
    assert _text_size_of(app, people.person_a) is TextSize.LARGER
    for path in ("/", "/plan", "/plan/easy-read", "/plan/safety", "/account", "/help", "/privacy"):
        assert _has_larger_text(client, path), path
    assert "Larger text" in client.get("/account").text  # Settings says what is chosen
    # It follows the person to another browser.
    elsewhere = app.test_client()
    sign_in(elsewhere, people.person_a)
    assert _has_larger_text(elsewhere, "/")


def test_staff_can_choose_it_too(app: Flask, client: FlaskClient, people: People):
    sign_in(client, people.key_worker_of_a)
    form_post(client, "/text-size", {"text_size": "larger"})
    assert _has_larger_text(client, "/caseload")
    assert _has_larger_text(client, f"/people/{people.person_a_id}")


def test_choosing_it_signed_out_is_kept_in_a_cookie(app: Flask, client: FlaskClient):
    page = client.get("/help").text
    assert 'href="/text-size?next=/help"' in page  # the footer link, on every page
    response = form_post(client, "/text-size", {"text_size": "larger", "next": "/help"})
    assert response.status_code == 303
    cookie = client.get_cookie("text_size")
    assert cookie is not None and cookie.value == "larger" and cookie.http_only
    assert _has_larger_text(client, "/help")
    assert _has_larger_text(client, "/sign-in")
    # A new browser without the cookie gets standard text.
    assert not _has_larger_text(app.test_client(), "/help")


def test_the_saved_choice_beats_the_browsers_cookie(
    app: Flask, client: FlaskClient, people: People
):
    form_post(client, "/text-size", {"text_size": "larger"})
    sign_in(client, people.person_a)
    form_post(client, "/text-size", {"text_size": "standard"})
    client.set_cookie("text_size", "larger")
    assert not _has_larger_text(client, "/")


def test_no_choice_is_refused_clearly_and_nothing_changes(
    app: Flask, client: FlaskClient, people: People
):
    sign_in(client, people.person_a)
    response = form_post(client, "/text-size", {"text_size": "enormous"})
    assert response.status_code == 422
    assert "<title>Error: Choose your text size" in response.text
    assert 'href="#text_size"' in response.text  # the error summary links to the field
    assert _text_size_of(app, people.person_a) is None


def test_next_cannot_leave_the_site(client: FlaskClient):
    response = form_post(client, "/text-size", {"text_size": "larger", "next": "//evil.example"})
    assert response.headers["Location"] == "/"


def test_a_large_print_need_turns_larger_text_on_at_first_sign_in(
    app: Flask, client: FlaskClient, people: People
):
    _record_large_print(app, people.person_a_id)
    sign_in(client, people.person_a)
    page = client.get("/").text
    assert LARGER in _html_classes(page)
    assert "Your care team recorded that you need large print" in page
    assert _text_size_of(app, people.person_a) is TextSize.LARGER
    # The person turns it off, and it stays off at the next sign-in.
    form_post(client, "/text-size", {"text_size": "standard"})
    assert not _has_larger_text(client, "/")
    again = app.test_client()
    sign_in(again, people.person_a)
    page = again.get("/").text
    assert LARGER not in _html_classes(page)
    assert "recorded that you need large print" not in page


def test_without_a_large_print_need_nothing_is_chosen_for_the_person(
    app: Flask, client: FlaskClient, people: People
):
    sign_in(client, people.person_b)
    assert not _has_larger_text(client, "/")
    assert _text_size_of(app, people.person_b) is None


@pytest.mark.parametrize("size", ["standard", "larger"])
def test_the_text_size_page_shows_the_current_choice(client: FlaskClient, size: str):
    form_post(client, "/text-size", {"text_size": size})
    page = client.get("/text-size").text
    assert re.search(rf'value="{size}"\s+checked', page), page


def test_a_large_print_need_applies_when_the_person_first_signs_in_through_their_link(
    app: Flask, client: FlaskClient, people: People
):
    from tests.integration.invitation_helpers import create_link, person_without_sign_in

    sam = person_without_sign_in(app)
    _record_large_print(app, sam)
    staff = app.test_client()
    sign_in(staff, people.key_worker_of_a)
    token = create_link(staff, sam)
    password = "correct horse battery staple"
    response = form_post(
        client,
        f"/invitation/{token}",
        {"email": "sam@example.org", "password": password, "confirm_password": password},
    )
    assert response.status_code == 303
    assert _has_larger_text(client, "/")
    assert _text_size_of(app, "sam@example.org") is TextSize.LARGER
