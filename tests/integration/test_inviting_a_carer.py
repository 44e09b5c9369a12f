"""Issue 5: the service user invites a carer with a single-use, expiring
link (hashed, shown once), choosing what they will see; the carer sets up a
sign-in or uses the one they have, and sees the person under People I care
for. Expired, used, stopped and altered links get a clear page, never a 500."""

from __future__ import annotations

import hashlib
import re
from datetime import date, timedelta
from typing import Any

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from portal.models import CarerLink, CarerLinkStatus, PlanSection, SharingConsent
from portal.models.base import utcnow
from tests.conftest import database, form_post, sign_in
from tests.integration.conftest import People

PASSWORD = "correct horse battery staple"
LINK = re.compile(r'id="invitation-link">http://localhost/carer-invitation/([^<]+)<')


def _person(app: Flask, email: str) -> FlaskClient:
    client = app.test_client()
    sign_in(client, email)
    return client


def _invite(app: Flask, people: People, **sharing: str) -> tuple[str, Any]:
    person = _person(app, people.person_a)
    data = {"carer_name": "Sam Carer", "relationship": "My friend", **sharing}
    response = form_post(person, "/people-who-support-me/invite", data)
    assert response.status_code == 200, response.text
    match = LINK.search(response.text)
    assert match, "the link is shown once, on the page"
    return match.group(1), response


def _set_up(client: FlaskClient, token: str, **changes: str) -> Any:
    data = {
        "email": "sam@example.org",
        "password": PASSWORD,
        "confirm_password": PASSWORD,
        "display_name": "Sam",
    }
    return form_post(client, f"/carer-invitation/{token}", {**data, **changes})


def test_inviting_stores_only_a_hash_and_the_choices_made(app: Flask, people: People):
    until = date.today() + timedelta(days=30)
    token, page = _invite(
        app,
        people,
        share_goals="y",
        share_safety_plan="y",
        until_safety_plan_day=str(until.day),
        until_safety_plan_month=str(until.month),
        until_safety_plan_year=str(until.year),
    )
    assert "You will not see this link again" in page.text
    with database(app) as session:
        link = session.scalars(select(CarerLink).where(CarerLink.carer_name == "Sam Carer")).one()
        assert link.status is CarerLinkStatus.INVITED
        assert link.invitation_token_hash == hashlib.sha256(token.encode()).hexdigest()
        consents = {
            c.section: c.until
            for c in session.scalars(
                select(SharingConsent).where(SharingConsent.carer_link_id == link.id)
            )
        }
    assert consents == {PlanSection.GOALS: None, PlanSection.SAFETY_PLAN: until}
    listing = _person(app, people.person_a).get("/people-who-support-me").text
    assert "Sam Carer" in listing and "Invited, not joined yet" in listing


def test_the_page_says_what_the_carer_will_and_will_not_see(app: Flask, people: People):
    page = _person(app, people.person_a).get(f"/people-who-support-me/{people.ids['a_link']}")
    text = page.text
    see = text.index("What Chris Example can see")
    not_see = text.index("What Chris Example cannot see")
    assert see < text.index("When my plan will next be reviewed") < not_see
    not_seen = text[not_see : text.index("They never see your notes")]
    assert "My safety plan" in not_seen and "My goals" in not_seen
    assert "When my plan will next be reviewed" not in not_seen


def test_mistakes_keep_what_was_typed_and_say_what_to_fix(app: Flask, people: People):
    person = _person(app, people.person_a)
    response = form_post(
        person,
        "/people-who-support-me/invite",
        {
            "carer_name": "",
            "relationship": "My mum",
            "share_goals": "y",
            "until_goals_day": "31",
            "until_goals_month": "2",
            "until_goals_year": "2030",
        },
    )
    assert response.status_code == 422
    assert "<title>Error: " in response.text
    assert 'href="#carer_name"' in response.text
    assert "Enter the name of the person you are inviting" in response.text
    assert "Enter a real date" in response.text
    assert 'value="My mum"' in response.text
    assert 'value="31"' in response.text


def test_a_new_carer_sets_up_a_sign_in_and_sees_the_person(
    app: Flask, client: FlaskClient, people: People
):
    token, _page = _invite(app, people, share_goals="y")
    opened = client.get(f"/carer-invitation/{token}")
    assert opened.status_code == 200
    assert "Alex has invited you" in opened.text
    response = _set_up(client, token)
    assert response.status_code == 303
    assert response.headers["Location"] == "/caring-for"
    home = client.get("/caring-for").text
    assert "Alex" in home
    person_id = people.person_a_id
    assert client.get(f"/caring-for/{person_id}/plan/goals").status_code == 200
    assert client.get(f"/caring-for/{person_id}/plan/actions").status_code == 404


def test_a_person_with_a_sign_in_adds_the_person_they_care_for(app: Flask, people: People):
    """Bea uses the service herself and cares for Alex too."""
    token, _page = _invite(app, people, share_goals="y")
    bea = _person(app, people.person_b)
    page = bea.get(f"/carer-invitation/{token}")
    assert "bea@example.org" in page.text
    response = form_post(bea, f"/carer-invitation/{token}", {})
    assert response.status_code == 303
    assert bea.get(f"/caring-for/{people.person_a_id}/plan/goals").status_code == 200
    assert bea.get("/plan").status_code == 200  # still her own plan too


def test_a_link_works_once(app: Flask, people: People):
    token, _page = _invite(app, people)
    assert _set_up(app.test_client(), token).status_code == 303
    again = app.test_client().get(f"/carer-invitation/{token}")
    assert again.status_code == 410
    assert "This link has already been used" in again.text
    second = form_post(
        app.test_client(),
        f"/carer-invitation/{token}",
        {"email": "other@example.org", "password": PASSWORD, "confirm_password": PASSWORD},
        token_from="/sign-in",
    )
    assert second.status_code == 410


def test_an_expired_link_says_so(app: Flask, people: People):
    token, _page = _invite(app, people)
    with database(app) as session:
        link = session.scalars(select(CarerLink).where(CarerLink.carer_name == "Sam Carer")).one()
        link.invitation_expires_at = utcnow() - timedelta(minutes=1)
    response = app.test_client().get(f"/carer-invitation/{token}")
    assert response.status_code == 410
    assert "This link has expired" in response.text
    assert "Ask the person who invited you" in response.text


def test_an_altered_or_stopped_link_does_not_work(app: Flask, people: People):
    token, _page = _invite(app, people)
    altered = app.test_client().get(f"/carer-invitation/{token[:-2]}xx")
    assert altered.status_code == 404
    assert "This link does not work" in altered.text
    assert "Alex" not in altered.text
    overlong = app.test_client().get("/carer-invitation/" + "a" * 500)
    assert overlong.status_code == 404
    with database(app) as session:
        link_id = session.scalars(
            select(CarerLink.id).where(CarerLink.carer_name == "Sam Carer")
        ).one()
    person = _person(app, people.person_a)
    assert form_post(person, f"/people-who-support-me/{link_id}/stop", {}).status_code == 303
    assert app.test_client().get(f"/carer-invitation/{token}").status_code == 404


def test_a_new_link_replaces_the_old_one(app: Flask, people: People):
    old, _page = _invite(app, people)
    with database(app) as session:
        link_id = session.scalars(
            select(CarerLink.id).where(CarerLink.carer_name == "Sam Carer")
        ).one()
    person = _person(app, people.person_a)
    response = form_post(
        person,
        f"/people-who-support-me/{link_id}/new-link",
        {},
        token_from=f"/people-who-support-me/{link_id}",
    )
    new = LINK.search(response.text)
    assert new and new.group(1) != old
    assert app.test_client().get(f"/carer-invitation/{old}").status_code == 404
    assert app.test_client().get(f"/carer-invitation/{new.group(1)}").status_code == 200


def test_the_person_cannot_take_their_own_link(app: Flask, people: People):
    token, _page = _invite(app, people)
    alex = _person(app, people.person_a)
    response = form_post(alex, f"/carer-invitation/{token}", {})
    assert response.status_code == 409
    assert "it cannot be used with your own sign-in" in response.text
    assert app.test_client().get(f"/carer-invitation/{token}").status_code == 200


def test_an_email_already_in_use_is_refused_with_a_way_forward(app: Flask, people: People):
    token, _page = _invite(app, people)
    response = _set_up(app.test_client(), token, email=people.person_b)
    assert response.status_code == 422
    assert "sign in first" in response.text
    assert 'value="Sam"' in response.text


def test_the_supporters_page_costs_the_same_queries_however_many_carers(app: Flask, people: People):
    from tests.integration.plan_helpers import count_queries

    person = _person(app, people.person_a)
    person.get("/people-who-support-me")
    with count_queries(app) as few:
        person.get("/people-who-support-me")
    for _n in range(5):
        _invite(app, people, share_goals="y", share_actions="y")
    with count_queries(app) as many:
        assert person.get("/people-who-support-me").status_code == 200
    assert len(many) == len(few)
