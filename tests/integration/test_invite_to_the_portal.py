"""Issue 4: staff see a person's details and portal access on their page,
and make a single-use invitation link that is shown once, printable, and
stored only as a hash."""

from __future__ import annotations

import base64
import hashlib

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from portal.models import AuditEvent, Invitation, InvitationKind, ServiceUser
from tests.conftest import database, form_post, sign_in
from tests.integration.conftest import People
from tests.integration.invitation_helpers import create_link, person_without_sign_in
from tests.integration.plan_helpers import count_queries


def test_the_persons_page_shows_their_details_and_portal_access(
    app: Flask, client: FlaskClient, people: People
):
    with database(app) as session:
        alex = session.get(ServiceUser, people.person_a_id)
        assert alex is not None
        alex.pronouns, alex.needs_bsl, alex.needs_large_print = "they/them", True, True
        number = alex.nhs_number
    sign_in(client, people.key_worker_of_a)
    page = client.get(f"/people/{people.person_a_id}").text
    assert f"{number[:3]} {number[3:6]} {number[6:]}" in page
    assert "1 January 1990" in page and "they/them" in page
    assert "Needs a British Sign Language (BSL) interpreter" in page
    assert "Needs information in large print" in page
    assert "Has a sign-in" in page
    assert f'href="/people/{people.person_a_id}/invitation"' in page


def test_the_persons_page_still_records_exactly_one_view_in_a_fixed_number_of_queries(
    app: Flask, client: FlaskClient, people: People
):
    sam = person_without_sign_in(app)
    sign_in(client, people.key_worker_of_a)
    with count_queries(app) as before_invitation:
        assert "Not invited yet" in client.get(f"/people/{sam}").text
    create_link(client, sam)
    with count_queries(app) as after_invitation:
        assert "Invited: the link works until" in client.get(f"/people/{sam}").text
    assert len(after_invitation) == len(before_invitation)
    with database(app) as session:
        views = session.scalars(
            select(AuditEvent).where(
                AuditEvent.service_user_id == sam, AuditEvent.object_type == "care_summary"
            )
        ).all()
        assert len(views) == 2 and {view.action for view in views} == {"view"}


def test_making_a_link_shows_it_once_and_keeps_only_its_hash(
    app: Flask, client: FlaskClient, people: People
):
    sam = person_without_sign_in(app)
    sign_in(client, people.key_worker_of_a)
    page = client.get(f"/people/{sam}/invitation").text
    assert "Sam has not been invited yet" in page
    assert "The link works once" in page and "Making a new link stops the old one working" in page
    assert "Create an invitation link" in page

    token = create_link(client, sam)

    assert len(base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))) * 8 >= 256
    with database(app) as session:
        invitation = session.scalars(select(Invitation)).one()
        assert invitation.kind is InvitationKind.SERVICE_USER
        assert invitation.token_hash == hashlib.sha256(token.encode()).hexdigest()
        stored = [str(getattr(invitation, column.key)) for column in Invitation.__table__.columns]
        assert not any(token in value for value in stored)
        created = session.scalars(
            select(AuditEvent).where(AuditEvent.object_type == "invitation")
        ).one()
        assert (created.action, created.service_user_id) == ("create", sam)
    again = client.get(f"/people/{sam}/invitation").text
    assert token not in again  # never shown a second time
    assert "Create a new invitation link" in again and "It works until" in again


def test_the_link_page_prints_a_letter_for_the_person(
    app: Flask, client: FlaskClient, people: People
):
    sam = person_without_sign_in(app)
    sign_in(client, people.key_worker_of_a)
    page = form_post(client, f"/people/{sam}/invitation", {}).text
    assert 'class="app-invitation-letter"' in page
    assert "Set up your sign-in to" in page and "The link works once, until" in page
    # The print button needs JavaScript, so it starts hidden and the page says
    # how to print without it.
    assert "data-print-page hidden" in page and "use your browser's Print option" in page
    assert "onclick" not in page


def test_someone_with_a_sign_in_gets_no_link(app: Flask, client: FlaskClient, people: People):
    sign_in(client, people.key_worker_of_a)
    page = client.get(f"/people/{people.person_a_id}/invitation").text
    assert "Alex already has a sign-in" in page
    assert "Create an invitation link" not in page
    refused = form_post(
        client, f"/people/{people.person_a_id}/invitation", {}, token_from="/people/new"
    )
    assert refused.status_code == 200 and "already has a sign-in" in refused.text
    with database(app) as session:
        assert session.scalars(select(Invitation)).all() == []


def test_other_teams_cannot_invite_someone_they_do_not_work_with(
    app: Flask, client: FlaskClient, people: People
):
    sam = person_without_sign_in(app)
    sign_in(client, people.other_team_staff)
    assert client.get(f"/people/{sam}/invitation").status_code == 404
    refused = form_post(client, f"/people/{sam}/invitation", {}, token_from="/people/new")
    assert refused.status_code == 404
    with database(app) as session:
        assert session.scalars(select(Invitation)).all() == []
        assert (
            session.scalars(select(AuditEvent).where(AuditEvent.service_user_id == sam)).all() == []
        )
