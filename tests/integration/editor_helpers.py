"""Helpers for the plan editor's tests: a second member of the care team, and
forms submitted the way a browser submits them (every field as the page
rendered it, then what the person changed)."""

from __future__ import annotations

from html.parser import HTMLParser
from typing import Any

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from portal.models import ServiceUser, StaffMember, Team
from tests.conftest import database, sign_in
from tests.factories import add_to_care_team, make_staff

SECOND_STAFF = "sam@example.org"


def add_second_staff_member(app: Flask, person_id: int) -> str:
    """Sam, an occupational therapist in the same hub, on the person's care team."""
    with database(app) as session:
        hub = session.scalars(select(Team).where(Team.name == "North Hub")).one()
        person = session.get(ServiceUser, person_id)
        assert person is not None
        sam = make_staff(hub, "Sam Second", email=SECOND_STAFF, profession="Occupational therapist")
        add_to_care_team(person, sam, "Occupational therapy")
    return SECOND_STAFF


def staff_member_id(app: Flask, name: str) -> int:
    with database(app) as session:
        return session.scalars(select(StaffMember.id).where(StaffMember.name == name)).one()


def signed_in(app: Flask, email: str) -> FlaskClient:
    client = app.test_client()
    sign_in(client, email)
    return client


class _FormReader(HTMLParser):
    """The fields of the first <form> whose action matches, as a browser
    would send them: checked boxes and radios only, selected options."""

    def __init__(self, action: str) -> None:
        super().__init__(convert_charrefs=True)
        self.action = action
        self.in_form = False
        self.done = False
        self.fields: list[tuple[str, str]] = []
        self.textarea: str | None = None
        self.textarea_text: list[str] = []
        self.select: str | None = None
        self.select_value: str | None = None
        self.first_option: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form" and not self.done and a.get("action", "").split("#")[0] == self.action:
            self.in_form = True
        if not self.in_form:
            return
        if tag == "input":
            kind = a.get("type", "text")
            if kind in ("checkbox", "radio") and "checked" not in a:
                return
            if kind == "submit" or "name" not in a:
                return
            self.fields.append((a["name"], a.get("value", "on" if kind == "checkbox" else "")))
        elif tag == "textarea":
            self.textarea, self.textarea_text = a.get("name"), []
        elif tag == "select":
            self.select, self.select_value, self.first_option = a.get("name"), None, None
        elif tag == "option" and self.select:
            if self.first_option is None:
                self.first_option = a.get("value", "")
            if "selected" in a:
                self.select_value = a.get("value", "")

    def handle_data(self, data: str) -> None:
        if self.textarea is not None:
            self.textarea_text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if not self.in_form:
            return
        if tag == "textarea" and self.textarea is not None:
            text = "".join(self.textarea_text)
            self.fields.append((self.textarea, text.removeprefix("\n")))
            self.textarea = None
        elif tag == "select" and self.select:
            value = self.select_value if self.select_value is not None else self.first_option
            self.fields.append((self.select, value or ""))
            self.select = None
        elif tag == "form":
            self.in_form, self.done = False, True


def form_fields(html: str, action: str) -> dict[str, str]:
    reader = _FormReader(action)
    reader.feed(html)
    assert reader.done, f"no form posting to {action}"
    return dict(reader.fields)


def section_url(person_id: int, section: str) -> str:
    return f"/people/{person_id}/plan/{section}"


def open_section(client: FlaskClient, person_id: int, section: str) -> dict[str, str]:
    """The section's form as the page shows it now."""
    page = client.get(section_url(person_id, section))
    assert page.status_code == 200, page.status_code
    return form_fields(page.text, section_url(person_id, section))


def submit_section(
    client: FlaskClient,
    person_id: int,
    section: str,
    fields: dict[str, str],
    changes: dict[str, str] | None = None,
    *,
    htmx: bool = False,
    remove: tuple[str, ...] = (),
) -> Any:
    """Send the form as opened earlier (``fields``), with ``changes`` typed
    in and the ``remove`` fields cleared (an unticked box is not sent)."""
    data = {**fields, **(changes or {})}
    for name in remove:
        data.pop(name, None)
    headers = {"HX-Request": "true", "X-CSRFToken": data["csrf_token"]} if htmx else {}
    return client.post(section_url(person_id, section), data=data, headers=headers)
