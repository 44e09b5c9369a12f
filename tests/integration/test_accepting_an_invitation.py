"""Issue 4: a person opens their link, sets a password and lands on their
home page. A link works once, expires, cannot be guessed or altered, and a
newer one replaces it; each failure gets a clear page, never a 500."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select

from portal.models import Invitation, ServiceUser, StaffMember, User
from portal.models.base import utcnow
from portal.services.invitations import invite_service_user, invite_staff_member
from tests.conftest import database, form_post, sign_in
from tests.factories import make_staff, make_team
from tests.integration.conftest import People
from tests.integration.invitation_helpers import create_link, person_without_sign_in

PASSWORD = "correct horse battery staple"


@pytest.fixture
def app_config() -> dict[str, Any]:
    # Low enough for the throttling test; no other test here gets near it.
    return {"SIGN_IN_LIMIT_PER_ADDRESS": "8 per minute"}


def _link_for_new_person(app: Flask, people: People) -> tuple[int, str]:
    sam = person_without_sign_in(app)
    staff = app.test_client()
    sign_in(staff, people.key_worker_of_a)
    return sam, create_link(staff, sam)


def _set_up(client: FlaskClient, token: str, **changes: str) -> Any:
    data = {"email": "sam@example.org", "password": PASSWORD, "confirm_password": PASSWORD}
    return form_post(client, f"/invitation/{token}", {**data, **changes})


def _users(app: Flask) -> int:
    with database(app) as session:
        return int(session.scalar(select(func.count()).select_from(User)) or 0)


def test_the_person_sets_a_password_and_lands_on_home_with_their_key_worker(
    app: Flask, client: FlaskClient, people: People
):
    sam, token = _link_for_new_person(app, people)
    page = client.get(f"/invitation/{token}")
    assert page.status_code == 200
    assert "Set up your sign-in" in page.text
    assert 'autocomplete="new-password"' in page.text
    assert "Sam" not in page.text  # the link does not say whose it is

    response = _set_up(client, token)

    assert response.status_code == 303 and response.headers["Location"] == "/"
    home = client.get("/").text
    assert "Hello, Sam" in home and "Priya Shah" in home and "Your named key worker" in home
    with database(app) as session:
        person = session.get(ServiceUser, sam)
        user = session.scalars(select(User).where(User.email == "sam@example.org")).one()
        assert person is not None and person.user_id == user.id
    # The new sign-in works on its own.
    fresh = app.test_client()
    sign_in(fresh, "sam@example.org", PASSWORD)


def test_signing_in_through_a_link_gives_a_new_session(
    app: Flask, client: FlaskClient, people: People
):
    _sam, token = _link_for_new_person(app, people)
    client.get(f"/invitation/{token}")
    before = client.get_cookie("portal_session")
    assert before is not None
    _set_up(client, token)
    after = client.get_cookie("portal_session")
    assert after is not None and after.value != before.value


def test_a_link_works_once(app: Flask, client: FlaskClient, people: People):
    _sam, token = _link_for_new_person(app, people)
    assert _set_up(client, token).status_code == 303
    users = _users(app)

    other = app.test_client()
    again = other.get(f"/invitation/{token}")
    assert again.status_code == 410
    assert "This link has already been used" in again.text and "/sign-in" in again.text
    second_try = form_post(
        other,
        f"/invitation/{token}",
        {"email": "someone@example.org", "password": PASSWORD, "confirm_password": PASSWORD},
        token_from="/sign-in",
    )
    assert second_try.status_code == 410
    assert _users(app) == users


def test_an_expired_link_says_so(app: Flask, client: FlaskClient, people: People):
    _sam, token = _link_for_new_person(app, people)
    with database(app) as session:
        invitation = session.scalars(select(Invitation)).one()
        invitation.expires_at = utcnow() - timedelta(minutes=1)
    response = client.get(f"/invitation/{token}")
    assert response.status_code == 410
    assert "This link has expired" in response.text
    assert "Ask your key worker or care team for a new link" in response.text
    refused = form_post(
        client,
        f"/invitation/{token}",
        {"email": "sam@example.org", "password": PASSWORD, "confirm_password": PASSWORD},
        token_from="/sign-in",
    )
    assert refused.status_code == 410
    with database(app) as session:
        assert session.scalars(select(User).where(User.email == "sam@example.org")).all() == []


@pytest.mark.parametrize(
    "altered",
    [
        lambda token: token[:-1] + ("A" if token[-1] != "A" else "B"),
        lambda token: token[:20],
        lambda token: token + "x" * 5000,
        lambda _token: "%00%27;--",
    ],
    ids=["one-character-changed", "cut-short", "absurdly-long", "junk"],
)
def test_an_altered_link_does_not_work(
    app: Flask, client: FlaskClient, people: People, altered: Any
):
    _sam, token = _link_for_new_person(app, people)
    response = client.get(f"/invitation/{altered(token)}")
    assert response.status_code == 404
    assert "This link does not work" in response.text


def test_a_newer_link_replaces_the_older_one(app: Flask, client: FlaskClient, people: People):
    sam = person_without_sign_in(app)
    staff = app.test_client()
    sign_in(staff, people.key_worker_of_a)
    older = create_link(staff, sam)
    newer = create_link(staff, sam)
    replaced = client.get(f"/invitation/{older}")
    assert replaced.status_code == 410 and "A newer invitation link was made" in replaced.text
    assert client.get(f"/invitation/{newer}").status_code == 200


def test_a_link_for_someone_who_already_has_a_sign_in_counts_as_used(
    app: Flask, client: FlaskClient, people: People
):
    with database(app) as session:
        alex = session.get(ServiceUser, people.person_a_id)
        priya = session.scalars(select(User).where(User.email == people.key_worker_of_a)).one()
        assert alex is not None
        token = invite_service_user(person=alex, created_by=priya).token
    assert client.get(f"/invitation/{token}").status_code == 410


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"password": "too short", "confirm_password": "too short"}, "at least 12 characters"),
        ({"confirm_password": "something else entirely"}, "The two passwords do not match"),
        ({"email": "not an email"}, "Enter an email address in the correct format"),
    ],
)
def test_mistakes_are_explained_and_the_email_is_kept(
    app: Flask, client: FlaskClient, people: People, changes: dict[str, str], message: str
):
    _sam, token = _link_for_new_person(app, people)
    response = _set_up(client, token, **changes)
    assert response.status_code == 422
    assert message in response.text and "<title>Error: Set up your sign-in" in response.text
    assert f'value="{changes.get("email", "sam@example.org")}"' in response.text
    assert PASSWORD not in response.text  # passwords are never sent back
    assert client.get(f"/invitation/{token}").status_code == 200  # still usable


def test_an_email_already_in_use_gets_a_way_forward(
    app: Flask, client: FlaskClient, people: People
):
    _sam, token = _link_for_new_person(app, people)
    users = _users(app)
    response = _set_up(client, token, email=people.carer_of_b.upper())
    assert response.status_code == 422
    assert "This email address is already used by a sign-in" in response.text
    assert "sign in first, then open this link again" in response.text
    assert _users(app) == users


def test_a_signed_in_carer_can_add_their_own_plan_to_their_sign_in(
    app: Flask, client: FlaskClient, people: People
):
    sam, token = _link_for_new_person(app, people)
    sign_in(client, people.carer_of_b)
    page = client.get(f"/invitation/{token}").text
    assert "Add your plan to this sign-in" in page and 'name="password"' not in page
    response = form_post(client, f"/invitation/{token}", {})
    assert response.status_code == 303 and response.headers["Location"] == "/"
    home = client.get("/").text
    assert "Your plan has been added to your sign-in." in home and "Priya Shah" in home
    with database(app) as session:
        person = session.get(ServiceUser, sam)
        carer = session.scalars(select(User).where(User.email == people.carer_of_b)).one()
        assert person is not None and person.user_id == carer.id
    assert client.get(f"/invitation/{token}").status_code == 410


@pytest.mark.parametrize("who", ["key_worker_of_a", "person_b"])
def test_staff_and_people_with_a_plan_cannot_take_someone_elses_plan(
    app: Flask, client: FlaskClient, people: People, who: str
):
    sam, token = _link_for_new_person(app, people)
    sign_in(client, getattr(people, who))
    page = client.get(f"/invitation/{token}")
    assert page.status_code == 200
    assert "You are already signed in" in page.text and "Add my plan" not in page.text
    form_post(client, f"/invitation/{token}", {}, token_from="/account")
    with database(app) as session:
        person = session.get(ServiceUser, sam)
        assert person is not None and person.user_id is None


def test_a_new_member_of_staff_sets_their_password_and_can_then_sign_in(
    app: Flask, client: FlaskClient, people: People
):
    with database(app) as session:
        member = make_staff(make_team("East Hub"), "Efe Newstarter", email="efe@example.org")
        user = session.get(User, member.user_id)
        assert user is not None
        user.password_hash = None  # an administrator made the account
        admin = session.scalars(select(User).where(User.email == people.admin)).one()
        token = invite_staff_member(staff_member=member, created_by=admin).token
    page = client.get(f"/invitation/{token}")
    assert page.status_code == 200
    assert "Set your password" in page.text and "efe@example.org" in page.text
    assert 'name="email"' not in page.text

    response = form_post(
        client, f"/invitation/{token}", {"password": PASSWORD, "confirm_password": PASSWORD}
    )

    assert response.status_code == 303
    assert ">My caseload</a>" in client.get("/").text
    client.post("/sign-out", data={"csrf_token": _token_from_home(client)})
    sign_in(app.test_client(), "efe@example.org", PASSWORD)
    with database(app) as session:
        assert session.scalars(select(StaffMember).where(StaffMember.name == "Efe Newstarter"))


def _token_from_home(client: FlaskClient) -> str:
    from tests.conftest import csrf_token_from

    return csrf_token_from(client.get("/").text)


def test_setting_up_is_throttled_per_address(app: Flask, client: FlaskClient, people: People):
    _sam, token = _link_for_new_person(app, people)
    statuses = [
        _set_up(client, token, confirm_password="not the same").status_code for _ in range(9)
    ]
    assert statuses[:8] == [422] * 8 and statuses[8] == 429


def test_portal_and_carer_links_share_one_throttle(client: FlaskClient):
    """Guessing links on one route does not reset the count on the other:
    both kinds of link are set up through one per-address limit."""
    statuses = [
        form_post(client, f"/{route}/not-a-real-link", {}, token_from="/sign-in").status_code
        for route in ["invitation", "carer-invitation"] * 4 + ["invitation"]
    ]
    assert statuses[:8] == [404] * 8 and statuses[8] == 429
