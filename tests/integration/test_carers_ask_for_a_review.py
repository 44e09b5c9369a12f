"""A carer asks for a review of someone's plan, shared or not. They choose
whether the person can read it, and they see only their own requests."""

from __future__ import annotations

from flask import Flask

from tests.conftest import sign_in
from tests.integration.conftest import People
from tests.integration.review_helpers import (
    ask_for_a_review,
    audit_actions,
    request_ids,
    the_request,
)


def test_a_carer_with_nothing_shared_can_ask_and_sees_only_their_own(app: Flask, people: People):
    alex = app.test_client()
    sign_in(alex, people.person_a)
    ask_for_a_review(alex)
    dana = app.test_client()
    sign_in(dana, people.carer_of_a_with_nothing)
    assert "Ask for a review of Alex" in dana.get(f"/caring-for/{people.person_a_id}").text
    ask_for_a_review(
        dana,
        people.person_a_id,
        what_has_changed={"what_changed": "Alex has stopped going out."},
    )
    alexs, danas = request_ids(app)
    carer_request = the_request(app, danas)
    assert carer_request.requested_as.value == "carer"
    assert carer_request.what_changed == "Alex has stopped going out."
    mine = dana.get("/reviews").text
    assert carer_request.reference in mine
    assert the_request(app, alexs).reference not in mine  # Alex's own request
    assert dana.get(f"/reviews/{alexs}").status_code == 404
    assert dana.get(f"/reviews/{danas}").status_code == 200
    assert audit_actions(app, danas) == [("carer", "create"), ("carer", "view")]
    # And it reaches the team, marked as from a carer.
    priya = app.test_client()
    sign_in(priya, people.key_worker_of_a)
    assert "a carer" in priya.get("/requests").text


def test_the_team_only_means_the_person_does_not_see_it(app: Flask, people: People):
    chris = app.test_client()
    sign_in(chris, people.carer_of_a_with_summary)
    ask_for_a_review(chris, people.person_a_id, who_sees_it={"visibility": "team_only"})
    [request_id] = request_ids(app)
    alex = app.test_client()
    sign_in(alex, people.person_a)
    assert the_request(app, request_id).reference not in alex.get("/reviews").text
    assert alex.get(f"/reviews/{request_id}").status_code == 404
    priya = app.test_client()
    sign_in(priya, people.key_worker_of_a)
    assert "cannot see it" in priya.get(f"/requests/{request_id}").text


def test_the_team_and_the_person_means_the_person_follows_it(app: Flask, people: People):
    chris = app.test_client()
    sign_in(chris, people.carer_of_a_with_summary)
    ask_for_a_review(chris, people.person_a_id)
    [request_id] = request_ids(app)
    alex = app.test_client()
    sign_in(alex, people.person_a)
    listed = alex.get("/reviews").text
    assert the_request(app, request_id).reference in listed
    assert "Sent by Chris" in listed
    assert alex.get(f"/reviews/{request_id}").status_code == 200
    assert alex.get(f"/reviews/{request_id}/sent").status_code == 404  # not theirs to confirm


def test_a_carer_cannot_ask_about_someone_they_do_not_care_for(app: Flask, people: People):
    erin = app.test_client()
    sign_in(erin, people.carer_of_b)
    for path in ("", "/what-has-changed", "/check"):
        assert (
            erin.get(f"/caring-for/{people.person_a_id}/ask-for-a-review{path}").status_code == 404
        )
    assert erin.get(f"/caring-for/{people.person_b_id}/ask-for-a-review").status_code == 200


def test_a_carer_is_asked_who_may_read_it(app: Flask, people: People):
    chris = app.test_client()
    sign_in(chris, people.carer_of_a_with_summary)
    page = chris.get(f"/caring-for/{people.person_a_id}/ask-for-a-review/who-sees-it").text
    assert "The care team only" in page and "The care team and Alex" in page
    support = chris.get(f"/caring-for/{people.person_a_id}/ask-for-a-review/support").text
    assert "Would you like Alex to have more support" in support
