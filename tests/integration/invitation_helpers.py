"""Making people without a sign-in, and invitation links for them, the way
staff do it: through the invitation page."""

from __future__ import annotations

import re

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from portal.models import StaffMember, User
from tests.conftest import database, form_post
from tests.factories import add_to_care_team, make_service_user

LINK = re.compile(r'id="invitation-link">https?://[^/]+/invitation/([^<\s]+)<')


def person_without_sign_in(app: Flask, name: str = "Sam") -> int:
    """Someone Priya (A's key worker) is named key worker for, not yet invited."""
    with database(app) as session:
        priya = session.scalars(
            select(StaffMember)
            .join(User, StaffMember.user_id == User.id)
            .where(User.email == "priya@example.org")
        ).one()
        person = make_service_user(name, full_name=f"{name} Newcomer", with_user=False)
        add_to_care_team(person, priya, "Key worker", key_worker=True)
        return person.id


def create_link(staff: FlaskClient, person_id: int) -> str:
    """Press "Create an invitation link" as a signed-in staff member; the token."""
    page = form_post(staff, f"/people/{person_id}/invitation", {})
    assert page.status_code == 200, page.status_code
    match = LINK.search(page.text)
    assert match, "the page shows no link"
    return match.group(1)
