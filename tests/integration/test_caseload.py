"""Issue 4: a staff member's caseload shows the people they work with, what
to know about each at a glance, and costs the same queries however long it is."""

from __future__ import annotations

import re
from datetime import date, timedelta
from html import unescape

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from portal.models import (
    CareTeamMember,
    PlanResponse,
    PlanVersion,
    PlanVersionResponse,
    ServiceUser,
    StaffMember,
    SupportLevel,
    Team,
    User,
)
from tests.conftest import database, sign_in, without_random_values
from tests.factories import add_to_care_team, make_service_user, make_staff
from tests.integration.conftest import People
from tests.integration.plan_helpers import build_plan, count_queries

ROW = re.compile(r'<tr class="nhsuk-table__row">(.*?)</tr>', re.S)


def _rows(html: str) -> list[str]:
    """Each person's row, as text without tags or extra spaces."""
    body = html.partition('<tbody class="nhsuk-table__body">')[2].partition("</tbody>")[0]
    return [unescape(" ".join(re.sub(r"<[^>]+>", " ", row).split())) for row in ROW.findall(body)]


def _priya(session) -> StaffMember:  # type: ignore[no-untyped-def]
    return session.scalars(
        select(StaffMember)
        .join(User, StaffMember.user_id == User.id)
        .where(User.email == "priya@example.org")
    ).one()


def _add_people_to_priya(app: Flask, count: int) -> None:
    with database(app) as session:
        priya = _priya(session)
        for n in range(count):
            person = make_service_user(f"Person {n:03d}", with_user=False)
            add_to_care_team(person, priya, "Care coordinator")


def test_the_caseload_shows_what_to_know_about_each_person(
    app: Flask, client: FlaskClient, people: People
):
    build_plan(app, people.person_a_id)  # version 1, published
    with database(app) as session:
        alex = session.get(ServiceUser, people.person_a_id)
        assert alex is not None
        alex.next_review_on = date.today() - timedelta(days=3)
        alex.support_level = SupportLevel.STEPPED_UP
        alex.needs_interpreter, alex.interpreter_language = True, "Polish"
        alex.needs_large_print = True
        version = session.scalars(select(PlanVersion)).one()
        session.add(
            PlanVersionResponse(
                version_id=version.id, user_id=alex.user_id, response=PlanResponse.TALK
            )
        )
        sam = make_service_user("Sam", full_name="Sam Jones", with_user=False)
        add_to_care_team(sam, _priya(session), "Psychological therapy")
    sign_in(client, people.key_worker_of_a)

    page = client.get("/caseload").text

    alex_row, sam_row = _rows(page)
    assert alex_row.startswith("Name Alex Example")
    assert "NHS number" in alex_row and "Key worker Named key worker" in alex_row
    assert "Overdue" in alex_row and "Stepped up" in alex_row
    assert "Would like to talk about their plan" in alex_row
    assert "Interpreter: Polish" in alex_row and "Large print" in alex_row
    assert "Psychological therapy" in sam_row and "Key worker: " not in sam_row
    assert "No named key worker yet" in sam_row and "Not agreed yet" in sam_row
    assert "Overdue" not in sam_row and "Named key worker" not in sam_row
    assert f'href="/people/{people.person_a_id}"' in page
    assert "Bea" not in without_random_values(page)  # another team's person
    assert "Showing 1 to 2 of 2 people" in page


def test_a_later_answer_replaces_the_earlier_one(app: Flask, client: FlaskClient, people: People):
    build_plan(app, people.person_a_id)
    with database(app) as session:
        version = session.scalars(select(PlanVersion)).one()
        alex = session.get(ServiceUser, people.person_a_id)
        assert alex is not None and alex.user_id is not None
        for answer in (PlanResponse.TALK, PlanResponse.AGREE):
            session.add(
                PlanVersionResponse(version_id=version.id, user_id=alex.user_id, response=answer)
            )
            session.flush()
    sign_in(client, people.key_worker_of_a)
    assert "Would like to talk" not in client.get("/caseload").text


def test_the_nhs_number_is_shown_in_groups_of_3_3_4(
    app: Flask, client: FlaskClient, people: People
):
    with database(app) as session:
        number = session.get(ServiceUser, people.person_a_id).nhs_number  # type: ignore[union-attr]
    sign_in(client, people.key_worker_of_a)
    assert f"{number[:3]} {number[3:6]} {number[6:]}" in client.get("/caseload").text


def _queries_for_caseload(app: Flask, client: FlaskClient, path: str = "/caseload") -> int:
    with count_queries(app) as statements:
        assert client.get(path).status_code == 200
    return len(statements)


def test_the_query_count_is_the_same_for_3_people_and_for_60(
    app: Flask, client: FlaskClient, people: People
):
    build_plan(app, people.person_a_id)
    _add_people_to_priya(app, 2)
    sign_in(client, people.key_worker_of_a)
    small = _queries_for_caseload(app, client)
    small_search = _queries_for_caseload(app, client, "/caseload?q=person")
    assert "of 3 people" in client.get("/caseload").text

    _add_people_to_priya(app, 57)
    large = _queries_for_caseload(app, client)
    assert "Showing 1 to 25 of 60 people" in client.get("/caseload").text
    assert large == small
    assert _queries_for_caseload(app, client, "/caseload?q=person") == small_search
    assert _queries_for_caseload(app, client, "/caseload?page=3") == small


def test_search_by_part_of_a_name_ignores_case(app: Flask, client: FlaskClient, people: People):
    _add_people_to_priya(app, 3)
    with database(app) as session:
        someone = make_service_user("Jo", full_name="Joanna O'Brien-Smith", with_user=False)
        add_to_care_team(someone, _priya(session))
    sign_in(client, people.key_worker_of_a)

    by_full_name = client.get("/caseload?q=BRIEN-sm").text
    assert [row.split(" Known as")[0] for row in _rows(by_full_name)] == [
        "Name Joanna O'Brien-Smith"
    ]
    assert "Showing 1 to 1 of 1 people" in by_full_name
    by_preferred_name = _rows(client.get("/caseload?q=alex").text)
    assert len(by_preferred_name) == 1 and "Alex Example" in by_preferred_name[0]


def test_search_by_nhs_number_with_or_without_spaces(
    app: Flask, client: FlaskClient, people: People
):
    _add_people_to_priya(app, 3)
    with database(app) as session:
        number = session.get(ServiceUser, people.person_a_id).nhs_number  # type: ignore[union-attr]
        bea_number = session.get(ServiceUser, people.person_b_id).nhs_number  # type: ignore[union-attr]
    sign_in(client, people.key_worker_of_a)
    # The test NHS numbers share their first digits: nine of ten is a prefix.
    for query in (number, f"{number[:3]} {number[3:6]} {number[6:]}", number[:9]):
        rows = _rows(client.get("/caseload", query_string={"q": query}).text)
        assert len(rows) == 1 and "Alex Example" in rows[0], query
    # Someone else's person is not found, and the page says nothing about them.
    page = client.get("/caseload", query_string={"q": bea_number}).text
    assert (
        _rows(page) == [] and "No people found" in page and "Bea" not in without_random_values(page)
    )


def test_search_treats_wildcards_as_letters(app: Flask, client: FlaskClient, people: People):
    sign_in(client, people.key_worker_of_a)
    assert _rows(client.get("/caseload?q=%25").text) == []
    assert _rows(client.get("/caseload?q=_").text) == []


def test_with_htmx_only_the_results_come_back(app: Flask, client: FlaskClient, people: People):
    sign_in(client, people.key_worker_of_a)
    response = client.get("/caseload?q=alex", headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert "<html" not in response.text and "<h1" not in response.text
    assert 'data-status-message="Showing 1 to 1 of 1 people"' in response.text
    assert "HX-Request" in response.headers["Vary"]
    full = client.get("/caseload?q=alex").text
    assert 'id="caseload-results"' in full and 'data-hx-push-url="true"' in full
    assert '<form action="/caseload" method="get"' in full  # works without JavaScript


def test_bad_page_numbers_show_a_real_page(app: Flask, client: FlaskClient, people: People):
    sign_in(client, people.key_worker_of_a)
    for page in ("0", "-1", "abc", "99999999999", "7"):
        response = client.get(f"/caseload?page={page}")
        assert response.status_code == 200
        assert "Showing 1 to 1 of 1 people" in response.text


def test_a_team_manager_can_see_everyone_their_team_works_with(
    app: Flask, client: FlaskClient, people: People
):
    with database(app) as session:
        north = session.scalars(select(Team).where(Team.name == "North Hub")).one()
        make_staff(north, "Mo Manager", email="mo@example.org", is_team_manager=True)
    sign_in(client, "mo@example.org")

    own = client.get("/caseload").text
    assert _rows(own) == [] and "Show everyone your team works with" in own
    team = client.get("/caseload?show=team").text
    rows = _rows(team)
    assert len(rows) == 1 and "Alex Example" in rows[0]
    assert "Not in their care team" in rows[0] and "Key worker: Priya Shah" in rows[0]
    assert "Bea" not in without_random_values(team)  # South Hub's person
    assert client.get(f"/people/{people.person_a_id}").status_code == 200


def test_staff_who_are_not_managers_cannot_widen_their_caseload(
    app: Flask, client: FlaskClient, people: People
):
    with database(app) as session:
        north = session.scalars(select(Team).where(Team.name == "North Hub")).one()
        make_staff(north, "Nia Nurse", email="nia@example.org")
    sign_in(client, "nia@example.org")
    page = client.get("/caseload?show=team").text
    assert _rows(page) == [] and "Show everyone your team works with" not in page


def test_home_says_how_many_people_and_links_to_the_caseload(
    app: Flask, client: FlaskClient, people: People
):
    _add_people_to_priya(app, 2)
    sign_in(client, people.key_worker_of_a)
    home = client.get("/").text
    assert "You work with 3 people." in home
    assert 'href="/caseload"' in home and 'href="/people/new"' in home
    assert "Person 000" not in home  # no list on home any more
    assert ">My caseload</a>" in home  # in the menu


def test_a_staff_member_removed_from_a_care_team_loses_sight_of_the_person_at_once(
    app: Flask, client: FlaskClient, people: People
):
    sign_in(client, people.key_worker_of_a)
    for path in (f"/people/{people.person_a_id}", f"/people/{people.person_a_id}/invitation"):
        assert client.get(path).status_code == 200
    assert "Alex Example" in client.get("/caseload").text
    with database(app) as session:
        membership = session.scalars(
            select(CareTeamMember).where(CareTeamMember.staff_member_id == _priya(session).id)
        ).one()
        membership.ended_on = date.today()

    for path in (f"/people/{people.person_a_id}", f"/people/{people.person_a_id}/invitation"):
        assert client.get(path).status_code == 404, path
    refused = client.post(
        f"/people/{people.person_a_id}/invitation",
        data={"csrf_token": _token(client)},
    )
    assert refused.status_code == 404
    caseload = client.get("/caseload").text
    assert "Alex Example" not in caseload and _rows(caseload) == []
    assert "You are not in anyone's care team at the moment." in client.get("/").text


def _token(client: FlaskClient) -> str:
    from tests.conftest import csrf_token_from

    return csrf_token_from(client.get("/people/new").text)
