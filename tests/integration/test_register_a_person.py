"""Issue 4: a staff member registers a person, who starts with an empty plan
and the staff member in their care team; mistakes get the NHS error pattern
and nothing typed is lost."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from portal.models import AuditEvent, CarePlan, CareTeamMember, ServiceUser
from tests.conftest import database, form_post, sign_in, without_random_values
from tests.integration.conftest import People

VALID_NHS_NUMBER = "943 476 5919"


def _form(**changes: str | list[str]) -> dict[str, str | list[str]]:
    data: dict[str, str | list[str]] = {
        "full_name": "Samira Haddad",
        "preferred_name": "Sam",
        "nhs_number": VALID_NHS_NUMBER,
        "dob_day": "7",
        "dob_month": "11",
        "dob_year": "1991",
        "pronouns": "she/her",
        "needs": ["interpreter", "easy_read", "other"],
        "interpreter_language": "Arabic",
        "other_needs": "Prefers phone calls after 10am",
        "role_in_care": "Key worker",
        "is_key_worker": "yes",
    }
    data.update(changes)
    return data


def _register(client: FlaskClient, **changes: str | list[str]):  # type: ignore[no-untyped-def]
    return form_post(client, "/people/new", _form(**changes))  # type: ignore[arg-type]


def test_registering_makes_the_person_their_plan_and_a_care_team(
    app: Flask, client: FlaskClient, people: People
):
    sign_in(client, people.key_worker_of_a)
    response = _register(client)

    assert response.status_code == 303
    with database(app) as session:
        person = session.scalars(
            select(ServiceUser).where(ServiceUser.nhs_number == "9434765919")
        ).one()
        assert (person.full_name, person.preferred_name, person.pronouns) == (
            "Samira Haddad",
            "Sam",
            "she/her",
        )
        assert person.date_of_birth == date(1991, 11, 7) and person.user_id is None
        assert person.needs_interpreter and person.interpreter_language == "Arabic"
        assert person.needs_easy_read and not person.needs_large_print and not person.needs_bsl
        assert person.other_communication_needs == "Prefers phone calls after 10am"
        membership = session.scalars(
            select(CareTeamMember).where(CareTeamMember.service_user_id == person.id)
        ).one()
        assert membership.is_key_worker and membership.ended_on is None
        assert membership.role_in_care == "Key worker"
        assert session.scalars(select(CarePlan).where(CarePlan.service_user_id == person.id)).one()
        audited = {
            (event.action, event.object_type)
            for event in session.scalars(
                select(AuditEvent).where(AuditEvent.service_user_id == person.id)
            )
        }
        assert {("create", "service_user"), ("create", "care_team_member")} <= audited
    assert response.headers["Location"] == f"/people/{person.id}"

    page = client.get(response.headers["Location"]).text
    assert "Samira Haddad has been registered" in page
    assert "Create an invitation link" in page and "Not invited yet" in page
    assert "943 476 5919" in page and "7 November 1991" in page and "she/her" in page
    assert "Needs an interpreter who speaks Arabic" in page
    assert "Needs information in Easy Read" in page
    assert "Other needs: Prefers phone calls after 10am" in page
    # The success message is shown once.
    assert "has been registered" not in client.get(response.headers["Location"]).text
    assert "Samira Haddad" in client.get("/caseload").text


def test_a_staff_member_who_is_not_the_key_worker_joins_as_an_mdt_member(
    app: Flask, client: FlaskClient, people: People
):
    sign_in(client, people.key_worker_of_a)
    response = _register(
        client, is_key_worker="no", role_in_care="Psychologist", needs=[], preferred_name=""
    )
    assert response.status_code == 303
    with database(app) as session:
        person = session.scalars(
            select(ServiceUser).where(ServiceUser.nhs_number == "9434765919")
        ).one()
        assert person.preferred_name == "Samira Haddad"  # the full name stands in
        assert not person.needs_interpreter and person.interpreter_language is None
        assert person.other_communication_needs is None
        membership = session.scalars(
            select(CareTeamMember).where(CareTeamMember.service_user_id == person.id)
        ).one()
        assert not membership.is_key_worker and membership.role_in_care == "Psychologist"
    # Still in sight: on the caseload and their page opens.
    assert client.get(response.headers["Location"]).status_code == 200
    caseload = client.get("/caseload").text
    assert "Samira Haddad" in caseload and "No named key worker yet" in caseload


def test_an_empty_form_lists_every_problem_and_links_to_each_field(
    client: FlaskClient, people: People
):
    sign_in(client, people.key_worker_of_a)
    response = form_post(client, "/people/new", {"role_in_care": "Key worker"})
    assert response.status_code == 422
    page = response.text
    assert "<title>Error: Register a person" in page
    for field, message in (
        ("full_name", "Enter their full name"),
        ("nhs_number", "Enter their NHS number"),
        ("dob_day", "Enter their date of birth"),
        ("is_key_worker", "Select yes if you are their named key worker"),
    ):
        assert f'<a href="#{field}">' in page and message in page


@pytest.mark.parametrize(
    ("nhs_number", "message"),
    [
        ("943 476 591", "NHS number must be 10 digits"),
        ("943 476 591A", "NHS number must be 10 digits"),
        ("943 476 5910", "Enter a valid NHS number"),
    ],
)
def test_nhs_numbers_must_be_real(
    client: FlaskClient, people: People, nhs_number: str, message: str
):
    sign_in(client, people.key_worker_of_a)
    response = _register(client, nhs_number=nhs_number)
    assert response.status_code == 422
    assert message in response.text
    assert f'value="{nhs_number}"' in response.text  # kept as typed


def test_a_registered_nhs_number_is_refused_without_saying_whose_it_is(
    app: Flask, client: FlaskClient, people: People
):
    with database(app) as session:
        bea = session.get(ServiceUser, people.person_b_id)
        assert bea is not None
        taken = bea.nhs_number
    sign_in(client, people.key_worker_of_a)
    response = _register(client, nhs_number=taken)
    assert response.status_code == 422
    assert "Someone with this NHS number is already registered" in response.text
    assert "Bea" not in without_random_values(response.text)
    with database(app) as session:
        assert len(session.scalars(select(ServiceUser)).all()) == 2


@pytest.mark.parametrize(
    ("day", "month", "year", "message", "wrong"),
    [
        ("", "11", "1991", "Date of birth must include a day", ["dob_day"]),
        ("7", "", "", "Date of birth must include a month and year", ["dob_month", "dob_year"]),
        ("31", "2", "1991", "Date of birth must be a real date", ["dob_day", "dob_month"]),
        ("7", "11", "91", "Year must include 4 numbers", ["dob_year"]),
        ("seven", "11", "1991", "Date of birth must be a real date", ["dob_day"]),
        ("1", "1", "1850", "Date of birth must be on or after", ["dob_year"]),
    ],
)
def test_date_of_birth_mistakes_are_explained_and_marked(
    client: FlaskClient,
    people: People,
    day: str,
    month: str,
    year: str,
    message: str,
    wrong: list[str],
):
    sign_in(client, people.key_worker_of_a)
    response = _register(client, dob_day=day, dob_month=month, dob_year=year)
    assert response.status_code == 422
    page = response.text
    assert message in page
    assert f'<a href="#{wrong[0]}">' in page  # the summary links to the first wrong part
    for part in wrong:
        assert f'nhsuk-input--error" id="{part}"' in page
    assert f'value="{year}"' in page and 'value="Samira Haddad"' in page


def test_a_date_of_birth_in_the_future_is_refused(client: FlaskClient, people: People):
    tomorrow = date.today() + timedelta(days=1)
    sign_in(client, people.key_worker_of_a)
    response = _register(
        client,
        dob_day=str(tomorrow.day),
        dob_month=str(tomorrow.month),
        dob_year=str(tomorrow.year),
    )
    assert response.status_code == 422
    assert "Date of birth must be in the past" in response.text


def test_revealed_questions_are_required_only_when_their_box_is_ticked(
    client: FlaskClient, people: People
):
    sign_in(client, people.key_worker_of_a)
    response = _register(client, interpreter_language="", other_needs=" ")
    assert response.status_code == 422
    assert "Enter the language they need an interpreter for" in response.text
    assert "Describe their other communication needs" in response.text
    assert 'value="interpreter" checked' in response.text  # the ticks are kept

    unticked = _register(client, needs=["easy_read"], interpreter_language="", other_needs="")
    assert unticked.status_code == 303


def test_only_staff_can_register_people(client: FlaskClient, people: People):
    sign_in(client, people.carer_of_a_with_summary)
    assert client.get("/people/new").status_code == 404
