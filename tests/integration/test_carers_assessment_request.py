"""Issue 5: a carer asks for a carer's assessment, one question per page with
a check-answers page; the team sees the request and moves its status on with
a note the carer always sees. Young carers get their own wording, and a
carer whose person does not use this service can still ask."""

from __future__ import annotations

from typing import Any

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from portal.models import (
    AssessmentStatus,
    CarerAssessmentRequest,
    CarerLink,
    CaringHours,
    Team,
    User,
)
from tests.conftest import database, form_post, sign_in
from tests.factories import make_staff, make_user
from tests.integration.carer_helpers import link_of
from tests.integration.conftest import People
from tests.integration.plan_helpers import count_queries

Q = "/carers-assessment/questions"


def _signed_in(app: Flask, email: str) -> FlaskClient:
    client = app.test_client()
    sign_in(client, email)
    return client


def _answers(person: str, **changes: Any) -> list[tuple[str, dict[str, Any]]]:
    steps = {
        "age": {"answer": "no"},
        "who": {"who": person},
        "hours": {"hours": "35_to_49"},
        "affects": {"affects": ["sleep", "money"]},
        "help": {"help": "A night off each week"},
        "consent": {"answer": "yes"},
        "contact": {"method": "phone", "details": "07700 900456", "best_time": "After 6pm"},
    }
    steps.update(changes)
    return list(steps.items())


def _answer_all(client: FlaskClient, steps: list[tuple[str, dict[str, Any]]]) -> None:
    for step, data in steps:
        response = form_post(client, f"{Q}/{step}", data)
        assert response.status_code == 303, (step, response.text)


def _send(client: FlaskClient) -> int:
    response = form_post(client, "/carers-assessment/check-answers", {})
    assert response.status_code == 303
    return int(response.headers["Location"].rsplit("/", 1)[1])


def _requests(app: Flask) -> list[CarerAssessmentRequest]:
    with database(app) as session:
        rows = list(
            session.scalars(select(CarerAssessmentRequest).order_by(CarerAssessmentRequest.id))
        )
        session.expunge_all()
        return rows


def test_a_carer_answers_checks_and_sends_and_the_team_sees_it(app: Flask, people: People):
    before = len(_requests(app))
    carer = _signed_in(app, people.carer_of_a_with_nothing)
    _answer_all(carer, _answers(str(people.person_a_id)))
    check = carer.get("/carers-assessment/check-answers").text
    for answer in ("Alex", "35 to 49 hours a week", "My sleep, Money", "A night off each week"):
        assert answer in check
    assert f'href="{Q}/hours"' in check  # each answer can be changed
    assert len(_requests(app)) == before  # nothing saved before sending
    request_id = _send(carer)
    saved = _requests(app)[-1]
    assert (saved.service_user_id, saved.caring_hours) == (
        people.person_a_id,
        CaringHours.FROM_35_TO_49,
    )
    assert (saved.affects_sleep, saved.affects_money, saved.affects_work) == (True, True, False)
    status = carer.get(f"/carers-assessment/{request_id}").text
    assert "Status: Received" in status
    staff = _signed_in(app, people.key_worker_of_a)
    assert f'href="/carers-assessments/{request_id}"' in staff.get("/carers-assessments").text
    assert "A night off each week" in staff.get(f"/carers-assessments/{request_id}").text
    assert (
        _signed_in(app, people.other_team_staff)
        .get(f"/carers-assessments/{request_id}")
        .status_code
        == 404
    )


def test_mistakes_show_the_error_summary_and_keep_the_answer(app: Flask, people: People):
    carer = _signed_in(app, people.carer_of_a_with_nothing)
    response = form_post(carer, f"{Q}/age", {})
    assert response.status_code == 422
    assert "<title>Error: " in response.text
    assert "There is a problem" in response.text
    assert 'href="#answer"' in response.text
    response = form_post(carer, f"{Q}/who", {"who": "outside", "other_name": ""})
    assert response.status_code == 422
    assert "Enter the name of the person you care for" in response.text
    assert 'value="outside" checked' in response.text
    response = form_post(
        carer, f"{Q}/contact", {"method": "email", "details": "", "best_time": "Mornings"}
    )
    assert response.status_code == 422
    assert 'value="Mornings"' in response.text
    response = form_post(carer, f"{Q}/affects", {"affects": ["none", "work"]})
    assert response.status_code == 422
    assert "or select only “None of these”" in response.text


def test_answers_come_back_when_the_carer_goes_back(app: Flask, people: People):
    carer = _signed_in(app, people.carer_of_a_with_nothing)
    form_post(carer, f"{Q}/help", {"help": "Someone to talk to"})
    assert "Someone to talk to" in carer.get(f"{Q}/help").text


def test_check_answers_sends_the_carer_to_what_is_missing(app: Flask, people: People):
    carer = _signed_in(app, people.carer_of_a_with_nothing)
    form_post(carer, f"{Q}/age", {"answer": "no"})
    response = carer.get("/carers-assessment/check-answers")
    assert response.status_code == 303
    assert response.headers["Location"] == f"{Q}/who"


def test_answering_the_last_question_first_leads_back_to_the_first_unanswered(
    app: Flask, people: People
):
    """Reached by a link or the back button, the last question still leads
    somewhere: the first question not yet answered (it used to be a 500)."""
    carer = _signed_in(app, people.carer_of_a_with_nothing)
    form_post(carer, f"{Q}/age", {"answer": "no"})
    response = form_post(carer, f"{Q}/contact", {"method": "phone", "details": "07700 900456"})
    assert response.status_code == 303
    assert response.headers["Location"] == f"{Q}/who"
    assert "07700 900456" in carer.get(f"{Q}/contact").text  # kept for later


def test_someone_caring_for_a_person_outside_the_service_can_ask(app: Flask, people: People):
    with database(app):
        make_user("stranger@example.org", display_name="Kim")
    carer = _signed_in(app, "stranger@example.org")
    who = carer.get(f"{Q}/who").text
    assert "Someone not using this service" in who and "Alex" not in who
    _answer_all(carer, _answers("outside", who={"who": "outside", "other_name": "My dad"}))
    request_id = _send(carer)
    page = carer.get(f"/carers-assessment/{request_id}").text
    assert "My dad" in page and "our carer lead will pick up your request" in page
    # Team managers answer requests from outside the service; others do not.
    assert "Kim" not in _signed_in(app, people.key_worker_of_a).get("/carers-assessments").text
    with database(app) as session:
        team = session.scalars(select(Team).where(Team.name == "North Hub")).one()
        make_staff(team, "Mo Manager", email="mo@example.org", is_team_manager=True)
    assert "Kim" in _signed_in(app, "mo@example.org").get("/carers-assessments").text


def test_a_carer_cannot_name_a_person_they_have_no_link_to(app: Flask, people: People):
    carer = _signed_in(app, people.carer_of_b)
    response = form_post(carer, f"{Q}/who", {"who": str(people.person_a_id)})
    assert response.status_code == 422
    assert "Select who you care for" in response.text


def test_young_carers_get_their_own_wording(app: Flask, people: People):
    carer = _signed_in(app, people.carer_of_a_with_nothing)
    _answer_all(carer, _answers(str(people.person_a_id), age={"answer": "yes"}))
    consent = carer.get(f"{Q}/consent").text
    assert "children's services carry out young carers' assessments" in consent
    request_id = _send(carer)
    page = carer.get(f"/carers-assessment/{request_id}").text
    assert "Your request for a young carer's assessment" in page
    staff = _signed_in(app, people.key_worker_of_a).get(f"/carers-assessments/{request_id}").text
    assert "young carer's needs assessment" in staff
    with database(app) as session:
        link = session.get(CarerLink, link_of(app, people.carer_of_a_with_nothing))
        assert link is not None and link.is_young_carer


def test_staff_move_the_status_on_with_a_note_the_carer_sees(app: Flask, people: People):
    request_id = people.ids["a_request"]
    staff = _signed_in(app, people.key_worker_of_a)
    path = f"/carers-assessments/{request_id}"
    response = form_post(
        staff, path, {"status": "passed_to_local_authority", "note": "Sent to Leeds adult care"}
    )
    assert response.status_code == 303
    carer = _signed_in(app, people.carer_of_a_with_summary)
    page = carer.get(f"/carers-assessment/{request_id}").text
    assert "Status: Passed to the local authority" in page
    assert "Sent to Leeds adult care" in page and "Priya Shah" in page
    closing = form_post(staff, path, {"status": "closed", "note": ""})
    assert closing.status_code == 422
    assert "Say why the request is being closed" in closing.text
    assert _requests(app)[0].status is AssessmentStatus.PASSED_TO_LOCAL_AUTHORITY


def test_the_staff_list_costs_the_same_queries_however_many_requests(app: Flask, people: People):
    from tests.factories import make_assessment_request

    staff = _signed_in(app, people.key_worker_of_a)
    staff.get("/carers-assessments")
    with count_queries(app) as few:
        staff.get("/carers-assessments")
    with database(app) as session:
        carer = session.scalars(
            select(User).where(User.email == people.carer_of_a_with_nothing)
        ).one()
        from portal.models import ServiceUser

        person = session.get(ServiceUser, people.person_a_id)
        for _ in range(6):
            make_assessment_request(carer, person)
    with count_queries(app) as many:
        listing = staff.get("/carers-assessments").text
    assert listing.count('href="/carers-assessments/') == 7  # Chris's and Dana's six
    assert len(many) == len(few)
