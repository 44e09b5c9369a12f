"""Issue 7: *My plan* in Easy Read, from the same data as My plan, for the
person whose plan it is and nobody else; first on My plan when their record
says Easy Read."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from portal.models import (
    ActionOwner,
    ActionStatus,
    CareTeamMember,
    Goal,
    LifeArea,
    PlanAction,
    SafetyPlan,
    ServiceUser,
    StaffMember,
)
from portal.services.plan import plan_for
from tests.conftest import database, sign_in
from tests.integration.conftest import People
from tests.integration.plan_helpers import build_plan, count_queries

HEADINGS = (
    "What matters to me",
    "My goals",
    "Things I will do",
    "Who helps me",
    "If I feel unwell",
    "My next review",
)


def test_the_easy_read_plan_is_the_persons_plan_in_their_own_words(
    app: Flask, client: FlaskClient, people: People
):
    build_plan(app, people.person_a_id)
    with database(app) as session:
        plan = plan_for(people.person_a_id)
        goal = session.scalars(select(Goal).where(Goal.plan_id == plan.id)).one()
        goal.why_it_matters = "I feel calmer after"
        mine = session.scalars(
            select(PlanAction).where(
                PlanAction.plan_id == plan.id, PlanAction.owner == ActionOwner.ME
            )
        ).one()
        mine.status = ActionStatus.IN_PROGRESS
        mine.due_on = date(2027, 3, 12)
        safety = session.scalars(select(SafetyPlan).where(SafetyPlan.plan_id == plan.id)).one()
        safety.people_i_can_ask = "My brother Chris"
    sign_in(client, people.person_a)
    page = client.get("/plan/easy-read").text
    assert "<h1>My plan in Easy Read</h1>" in page
    for heading in HEADINGS:
        assert f">{heading}</h2>" in page, heading
    # The person's own words, as written.
    for words in ("Seeing my family", "Swim weekly", "I feel calmer after", "Walk daily"):
        assert words in page, words
    assert "I am doing this now." in page
    assert "I will do this by 12 March 2027." in page
    # Who helps: the key worker with a phone link, the rest of the team,
    # and what other people will do.
    assert "My key worker is Priya Shah." in page
    assert 'href="tel:01231234501"' not in page and 'href="tel:03001234501"' in page
    assert "Tom Okafor" in page and "They help me with: Psychological therapy" in page
    assert "Fix the boiler" in page and "Who will do it: Housing" in page
    # The safety plan steps the person wrote, with phone numbers as links.
    assert "Signs that I am becoming unwell" in page and "Not sleeping" in page
    assert "People I can ask for help" in page and "My brother Chris" in page
    assert "Things I can do to help myself" not in page  # a step not written yet
    assert 'href="tel:111"' in page
    assert "My next review is on" in page
    assert "I agreed this plan with Priya Shah on" in page


def test_an_empty_plan_says_so_plainly(client: FlaskClient, people: People):
    sign_in(client, people.person_b)
    page = client.get("/plan/easy-read").text
    assert "We have not written this yet." in page
    assert "We have not written any goals yet." in page
    assert "There is nothing for me to do yet." in page
    assert "I have not written my safety plan yet." in page
    assert "We have not agreed a date for my next review yet." in page
    assert "My plan has not been agreed yet." in page


def test_each_person_sees_only_their_own_plan(app: Flask, client: FlaskClient, people: People):
    build_plan(app, people.person_a_id)
    sign_in(client, people.person_b)
    page = client.get("/plan/easy-read").text
    assert "Seeing my family" not in page and "Swim weekly" not in page
    assert "Priya Shah" not in page


@pytest.mark.parametrize(
    "who",
    ["carer_of_a_with_summary", "carer_of_a_with_nothing", "key_worker_of_a", "admin"],
)
def test_nobody_else_can_open_it(app: Flask, people: People, who: str):
    build_plan(app, people.person_a_id)
    client = app.test_client()
    sign_in(client, getattr(people, who))
    response = client.get("/plan/easy-read")
    assert response.status_code == 404
    assert "Seeing my family" not in response.text


def test_signed_out_people_are_asked_to_sign_in(client: FlaskClient):
    response = client.get("/plan/easy-read")
    assert response.status_code == 302
    assert response.headers["Location"] == "/sign-in?next=/plan/easy-read"


def _set_easy_read(app: Flask, person_id: int) -> None:
    with database(app) as session:
        person = session.get(ServiceUser, person_id)
        assert person is not None
        person.needs_easy_read = True


def test_my_plan_offers_easy_read_first_when_the_record_says_easy_read(
    app: Flask, client: FlaskClient, people: People
):
    sign_in(client, people.person_a)
    plain = client.get("/plan").text
    assert 'href="/plan/easy-read"' in plain
    assert "nhsuk-action-link" not in plain
    _set_easy_read(app, people.person_a_id)
    page = client.get("/plan").text
    link = page.index("nhsuk-action-link")
    assert page.index("<h1>") < link < page.index('id="what-matters"')
    assert "Read my plan in Easy Read" in page[link : link + 1000]


def test_the_care_team_is_told_what_the_portal_does(
    app: Flask, client: FlaskClient, people: People
):
    _set_easy_read(app, people.person_a_id)
    sign_in(client, people.key_worker_of_a)
    page = client.get(f"/people/{people.person_a_id}").text
    assert "Needs information in Easy Read" in page
    assert "Their plan is shown to them in Easy Read first." in page


def test_reading_it_counts_as_reading_the_plan(app: Flask, client: FlaskClient, people: People):
    build_plan(app, people.person_a_id)
    sign_in(client, people.person_a)
    assert "What has changed in your plan" in client.get("/").text
    client.get("/plan/easy-read")
    assert "What has changed in your plan" not in client.get("/").text


def _queries(app: Flask, client: FlaskClient) -> int:
    with count_queries(app) as statements:
        assert client.get("/plan/easy-read").status_code == 200
    return len(statements)


def test_the_query_count_does_not_grow_with_the_plan_or_the_team(
    app: Flask, client: FlaskClient, people: People
):
    build_plan(app, people.person_a_id)
    sign_in(client, people.person_a)
    small = _queries(app, client)
    with database(app) as session:
        plan = plan_for(people.person_a_id)
        team_id = session.scalars(select(StaffMember.team_id)).first()
        assert team_id is not None
        for n in range(30):
            session.add(Goal(plan_id=plan.id, life_area=LifeArea.MONEY, goal=f"Goal {n}"))
            session.add(PlanAction(plan_id=plan.id, owner=ActionOwner.ME, description=f"Do {n}"))
            member = StaffMember(team_id=team_id, name=f"Helper {n}", profession="Support")
            session.add(member)
            session.flush()
            session.add(
                CareTeamMember(
                    service_user_id=people.person_a_id,
                    staff_member_id=member.id,
                    role_in_care="Support",
                    started_on=date.today() - timedelta(days=1),
                )
            )
    large = _queries(app, client)
    page = client.get("/plan/easy-read").text
    assert "Goal 29" in page and "Do 29" in page and "Helper 29" in page
    assert large == small, f"{small} queries for a small plan, {large} for a large one"
    assert small <= 16
