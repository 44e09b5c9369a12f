"""Issue 4: an administrator creates teams and staff accounts. Sign-in links
are shown once and stored only as a hash; disabling an account ends its
sessions; administrators see no clinical content."""

from __future__ import annotations

import hashlib
import re
from html import unescape

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from portal.models import AuditEvent, Invitation, OrganisationType, StaffMember, Team, User
from tests.conftest import database, form_post, sign_in
from tests.integration.conftest import People

LINK = re.compile(r"<code>(http://localhost/invitation/([A-Za-z0-9_\-]+))</code>")

NEW_TEAM = {
    "name": "Homes First",
    "organisation": "Example Housing Association",
    "organisation_type": "housing",
    "phone": "0300 555 0101",
    "opening_hours": "Monday to Friday, 9am to 5pm",
    "out_of_hours_advice": "Call the repairs line.",
}
NEW_STAFF = {
    "name": "Sam Sparrow",
    "profession": "Social worker",
    "job_title": "Senior social worker",
    "work_phone": "+44 (0)300 555 0102",
    "working_hours": "Tuesday to Friday",
    "is_team_manager": "no",
    "signs_in": "yes",
    "email": "Sam.Sparrow@Example.org",
}


def _admin(app: Flask, people: People) -> FlaskClient:
    client = app.test_client()
    sign_in(client, people.admin)
    return client


def _new_team(client: FlaskClient) -> int:
    response = form_post(client, "/admin/teams/new", NEW_TEAM)
    assert response.status_code == 303
    return int(response.headers["Location"].rsplit("/", 1)[1])


def _audit(app: Flask) -> list[tuple[str, str, str]]:
    with database(app) as session:
        return [
            (e.acting_as, e.action, e.object_type)
            for e in session.scalars(select(AuditEvent).order_by(AuditEvent.id))
            if e.action != "sign_in"
        ]


def test_an_administrator_creates_a_team_and_it_is_listed(app: Flask, people: People):
    client = _admin(app, people)
    team_id = _new_team(client)
    page = unescape(client.get(f"/admin/teams/{team_id}").text)
    assert "The team “Homes First” has been created." in page
    assert "Housing provider" in page and "Call the repairs line." in page
    assert f'href="/admin/teams/{team_id}"' in client.get("/admin").text
    with database(app) as session:
        team = session.get(Team, team_id)
        assert team is not None and team.organisation_type is OrganisationType.HOUSING
    assert _audit(app) == [("admin", "create", "team")]


def test_a_team_form_with_mistakes_explains_them_and_keeps_what_was_typed(
    app: Flask, people: People
):
    client = _admin(app, people)
    response = form_post(
        client,
        "/admin/teams/new",
        {**NEW_TEAM, "name": "  ", "phone": "call me", "organisation_type": ""},
    )
    assert response.status_code == 422
    page = unescape(response.text)
    assert "<title>Error: " in page
    for message in (
        "Enter the team name",
        "Enter a phone number using only numbers, spaces, + and brackets",
        "Choose what kind of organisation it is",
    ):
        assert message in page
    assert 'value="call me"' in page and 'value="Example Housing Association"' in page


def test_an_administrator_changes_a_teams_details(app: Flask, people: People):
    client = _admin(app, people)
    edit = client.get(f"/admin/teams/{people.ids['team']}/edit").text
    assert 'value="North Hub"' in edit and 'value="nhs_trust" checked' in edit
    response = form_post(
        client,
        f"/admin/teams/{people.ids['team']}/edit",
        {**NEW_TEAM, "name": "North Hub (Riverside)", "organisation_type": "nhs_trust"},
    )
    assert response.status_code == 303
    person = app.test_client()
    sign_in(person, people.person_a)
    assert "North Hub (Riverside)" in person.get("/").text  # the person sees it at once
    assert ("admin", "update", "team") in _audit(app)


def test_a_staff_account_gets_a_sign_in_link_shown_once_and_stored_only_as_a_hash(
    app: Flask, people: People
):
    client = _admin(app, people)
    team_id = _new_team(client)
    response = form_post(client, f"/admin/teams/{team_id}/staff/new", NEW_STAFF)
    assert response.status_code == 200
    page = unescape(response.text)
    match = LINK.search(page)
    assert match, "the sign-in link is shown"
    token = match.group(2)
    assert "This is the only time the link is shown" in page

    with database(app) as session:
        staff = session.scalars(select(StaffMember).where(StaffMember.name == "Sam Sparrow")).one()
        user = session.get(User, staff.user_id)
        assert user is not None
        assert user.email == "sam.sparrow@example.org"  # stored lower-cased
        assert user.password_hash is None  # they set it through the link
        invitation = session.scalars(select(Invitation)).one()
        assert invitation.token_hash == hashlib.sha256(token.encode()).hexdigest()
        stored = [str(value) for value in vars(invitation).values()]
        assert not any(token in value for value in stored)
        staff_id = staff.id

    staff_page = client.get(f"/admin/staff/{staff_id}").text
    assert token not in staff_page
    assert "Has not set a password yet" in staff_page
    assert "Their sign-in link works until" in staff_page
    assert [a for a in _audit(app) if a[2] != "team"] == [
        ("admin", "create", "user"),
        ("admin", "create", "staff_member"),
        ("admin", "create", "invitation"),
    ]


def test_a_new_sign_in_link_replaces_the_old_one(app: Flask, people: People):
    client = _admin(app, people)
    first = LINK.search(
        form_post(client, f"/admin/teams/{people.ids['team']}/staff/new", NEW_STAFF).text
    )
    assert first
    with database(app) as session:
        staff_id = session.scalars(
            select(StaffMember.id).where(StaffMember.name == "Sam Sparrow")
        ).one()
    second = form_post(
        client, f"/admin/staff/{staff_id}/sign-in-link", {}, token_from=f"/admin/staff/{staff_id}"
    )
    assert second.status_code == 200
    match = LINK.search(second.text)
    assert match and match.group(2) != first.group(2)
    with database(app) as session:
        old, new = session.scalars(select(Invitation).order_by(Invitation.id)).all()
        assert old.revoked_at is not None and new.revoked_at is None


def test_an_email_that_already_has_a_sign_in_is_refused_whatever_its_case(
    app: Flask, people: People
):
    client = _admin(app, people)
    response = form_post(
        client,
        f"/admin/teams/{people.ids['team']}/staff/new",
        {**NEW_STAFF, "email": "PRIYA@example.org"},
    )
    assert response.status_code == 422
    assert "This email address already has a sign-in" in response.text
    assert 'value="Sam Sparrow"' in response.text
    with database(app) as session:
        assert (
            session.scalars(select(StaffMember).where(StaffMember.name == "Sam Sparrow")).all()
            == []
        )


def test_a_partner_contact_without_a_sign_in_can_join_care_teams(app: Flask, people: People):
    client = _admin(app, people)
    response = form_post(
        client,
        f"/admin/teams/{people.ids['team']}/staff/new",
        {**NEW_STAFF, "name": "Hana Housing", "profession": "Housing officer", "signs_in": "no"},
    )
    assert response.status_code == 303
    page = unescape(client.get(response.headers["Location"]).text)
    assert "Hana Housing has been added as a contact without a sign-in" in page
    assert "No sign-in: a contact only" in page
    assert "Create a new sign-in link" not in page
    with database(app) as session:
        hana = session.scalars(select(StaffMember).where(StaffMember.name == "Hana Housing")).one()
        assert hana.user_id is None
        assert session.scalars(select(Invitation)).all() == []
    staff = app.test_client()
    sign_in(staff, people.key_worker_of_a)
    assert (
        "Hana Housing, Housing officer"
        in staff.get(f"/people/{people.person_a_id}/care-team/add").text
    )


def test_the_staff_form_asks_for_an_email_only_for_people_who_sign_in(app: Flask, people: People):
    client = _admin(app, people)
    response = form_post(
        client,
        f"/admin/teams/{people.ids['team']}/staff/new",
        {**NEW_STAFF, "email": "", "signs_in": "yes", "is_team_manager": ""},
    )
    assert response.status_code == 422
    assert "Enter their work email address" in response.text
    assert "Choose whether they manage this team" in response.text
    assert 'href="#email"' in response.text


def test_disabling_a_staff_account_ends_their_sessions_at_once(app: Flask, people: People):
    priya = app.test_client()
    sign_in(priya, people.key_worker_of_a)
    assert priya.get(f"/people/{people.person_a_id}").status_code == 200

    client = _admin(app, people)
    confirm = unescape(client.get(f"/admin/staff/{people.ids['staff']}/disable").text)
    assert "Disable Priya Shah's sign-in" in confirm
    assert "They are in 1 person's care team now." in confirm
    assert "For 1 of them they are the named key worker." in confirm
    assert "Alex" not in confirm  # how many, never who
    response = form_post(client, f"/admin/staff/{people.ids['staff']}/disable", {})
    assert response.status_code == 303

    refused = priya.get(f"/people/{people.person_a_id}")
    assert refused.status_code == 302 and refused.headers["Location"].startswith("/sign-in")
    again = form_post(
        app.test_client(),
        "/sign-in",
        {"email": people.key_worker_of_a, "password": "a long test password"},
    )
    assert again.status_code == 422
    with database(app) as session:
        staff = session.get(StaffMember, people.ids["staff"])
        assert staff is not None and not staff.is_active
    assert ("admin", "update", "user") in _audit(app)

    enabled = form_post(
        client,
        f"/admin/staff/{people.ids['staff']}/enable",
        {},
        token_from=f"/admin/staff/{people.ids['staff']}",
    )
    assert enabled.status_code == 303
    sign_in(app.test_client(), people.key_worker_of_a)


def test_administration_is_404_for_staff_and_service_users(app: Flask, people: People):
    for email in (people.key_worker_of_a, people.person_a, people.carer_of_a_with_summary):
        client = app.test_client()
        sign_in(client, email)
        for path in (
            "/admin/teams/new",
            f"/admin/teams/{people.ids['team']}/staff/new",
            f"/admin/staff/{people.ids['staff']}/disable",
            f"/admin/staff/{people.ids['staff']}/sign-in-link",
            f"/admin/staff/{people.ids['staff']}/enable",
            "/admin/settings",
        ):
            response = form_post(client, path, NEW_TEAM, token_from="/")
            assert response.status_code == 404, (email, path)
    assert _audit(app) == []


def test_an_administrator_sees_no_clinical_content_on_any_admin_page(app: Flask, people: People):
    client = _admin(app, people)
    with database(app) as session:
        staff_ids = session.scalars(select(StaffMember.id)).all()
        team_ids = session.scalars(select(Team.id)).all()
    paths = ["/", "/admin", "/admin/teams/new", "/admin/settings"]
    for team_id in team_ids:
        paths += [f"/admin/teams/{team_id}", f"/admin/teams/{team_id}/edit"]
        paths.append(f"/admin/teams/{team_id}/staff/new")
    for staff_id in staff_ids:
        paths += [f"/admin/staff/{staff_id}", f"/admin/staff/{staff_id}/disable"]
    for path in paths:
        response = client.get(path)
        assert response.status_code == 200, path
        for name in ("Alex", "Bea"):
            assert name not in response.text, f"{name} appears on {path}"
    # ...and the people's own pages are out of reach.
    assert client.get(f"/people/{people.person_a_id}").status_code == 404
    assert client.get(f"/people/{people.person_a_id}/care-team").status_code == 404
