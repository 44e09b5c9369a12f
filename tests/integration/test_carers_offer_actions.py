"""Issue 5: a carer offers to take on an action; the person sees it and
accepts or declines it before it joins their plan, owned by "my carer or
family"."""

from __future__ import annotations

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from portal.models import ActionOwner, CarerContribution, PlanAction, SuggestionStatus
from tests.conftest import database, form_post, sign_in
from tests.integration.conftest import People

OFFER = "I will cook on Thursdays"


def _signed_in(app: Flask, email: str) -> FlaskClient:
    client = app.test_client()
    sign_in(client, email)
    return client


def _offer(app: Flask, people: People) -> int:
    carer = _signed_in(app, people.carer_of_a_with_nothing)
    path = f"/caring-for/{people.person_a_id}/suggest-action"
    assert form_post(carer, path, {"description": OFFER}).status_code == 303
    with database(app) as session:
        return session.scalars(
            select(CarerContribution.id).where(CarerContribution.body == OFFER)
        ).one()


def _plan_actions(app: Flask) -> list[tuple[ActionOwner, str | None]]:
    with database(app) as session:
        return [
            (a.owner, a.owner_name)
            for a in session.scalars(select(PlanAction).where(PlanAction.description == OFFER))
        ]


def test_an_accepted_offer_joins_the_plan_as_the_carers_action(app: Flask, people: People):
    offer = _offer(app, people)
    person = _signed_in(app, people.person_a)
    listing = person.get("/people-who-support-me").text
    assert OFFER in listing and "Decide whether to add it to your plan" in listing
    assert _plan_actions(app) == []  # not in the plan until the person says so
    path = f"/people-who-support-me/suggestions/{offer}"
    assert form_post(person, path, {"decision": "accept"}).status_code == 303
    assert _plan_actions(app) == [(ActionOwner.CARER, "Chris Example")]
    plan = person.get("/plan").text
    carers_part = plan[plan.index("What my carer or family will do") :]
    assert OFFER in carers_part[: carers_part.index("What my care team will do")]
    assert person.get(path).status_code == 404  # decided once
    carer = _signed_in(app, people.carer_of_a_with_nothing)
    assert "added to the plan" in carer.get(f"/caring-for/{people.person_a_id}").text


def test_a_declined_offer_stays_out_of_the_plan(app: Flask, people: People):
    offer = _offer(app, people)
    person = _signed_in(app, people.person_a)
    path = f"/people-who-support-me/suggestions/{offer}"
    assert form_post(person, path, {"decision": "decline"}).status_code == 303
    assert _plan_actions(app) == []
    with database(app) as session:
        row = session.get(CarerContribution, offer)
        assert row is not None and row.suggestion_status is SuggestionStatus.DECLINED


def test_a_decision_must_be_chosen_and_only_the_person_decides(app: Flask, people: People):
    offer = _offer(app, people)
    path = f"/people-who-support-me/suggestions/{offer}"
    person = _signed_in(app, people.person_a)
    response = form_post(person, path, {})
    assert response.status_code == 422
    assert "Choose whether you want this in your plan" in response.text
    assert _signed_in(app, people.person_b).get(path).status_code == 404
    assert _signed_in(app, people.carer_of_a_with_nothing).get(path).status_code == 404
