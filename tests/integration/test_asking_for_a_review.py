"""A service user asks for a review, one question a page, and it reaches
their key worker at once."""

from __future__ import annotations

from flask import Flask
from flask.testing import FlaskClient

from tests.conftest import form_post, sign_in
from tests.integration.conftest import People
from tests.integration.review_helpers import (
    ask_for_a_review,
    audit_actions,
    check_page,
    event_kinds,
    request_ids,
    the_request,
)


def test_the_journey_sends_the_request_in_the_persons_words(
    app: Flask, client: FlaskClient, people: People
):
    sign_in(client, people.person_a)
    start = client.get("/ask-for-a-review")
    assert start.status_code == 200
    assert "Start now" in start.text
    assert 'href="/help"' in start.text  # not for emergencies: the crisis contacts
    sent = ask_for_a_review(client)
    [request_id] = request_ids(app)
    assert sent.headers["Location"] == f"/reviews/{request_id}/sent"
    made = the_request(app, request_id)
    assert made.what_changed == "I started a new job and my sleep has got worse."
    assert made.what_to_change == "Move my appointments to the evening."
    assert made.urgency.value == "within_a_month"
    assert made.support_wanted.value == "more"
    assert made.contact_details == "07700 900123"
    assert made.status.value == "submitted"
    confirmation = client.get(sent.headers["Location"])
    assert "Your request has been sent" in confirmation.text
    assert made.reference in confirmation.text
    assert event_kinds(app, request_id) == ["submitted"]
    assert audit_actions(app, request_id) == [("service_user", "create")]
    # The draft is gone: asking again starts afresh.
    assert "Start now" in client.get("/ask-for-a-review").text


def test_it_reaches_the_key_worker_at_once(app: Flask, client: FlaskClient, people: People):
    sign_in(client, people.person_a)
    ask_for_a_review(client)
    [request_id] = request_ids(app)
    reference = the_request(app, request_id).reference
    staff = app.test_client()
    sign_in(staff, people.key_worker_of_a)
    listed = staff.get("/requests")
    assert reference in listed.text
    assert "Asks for more support" in listed.text
    assert "1 open review request" in staff.get("/caseload").text
    assert "Review requests (1 open)" in staff.get("/").text


def test_the_check_page_shows_every_answer_and_each_can_be_changed(
    app: Flask, client: FlaskClient, people: People
):
    from tests.integration.review_helpers import answer_every_step

    sign_in(client, people.person_a)
    answer_every_step(client, "/ask-for-a-review")
    page, _token, _key = check_page(client, "/ask-for-a-review")
    for words in ("I started a new job", "Move my appointments", "In the next month", "After 6pm"):
        assert words in page
    change = client.get("/ask-for-a-review/how-soon?from=check")
    assert 'value="within_a_month" checked' in change.text
    back = form_post(client, "/ask-for-a-review/how-soon?from=check", {"urgency": "this_week"})
    assert back.headers["Location"] == "/ask-for-a-review/check"
    assert "In the next week" in client.get("/ask-for-a-review/check").text


def test_missing_answers_are_asked_for_with_the_nhs_error_pattern(
    app: Flask, client: FlaskClient, people: People
):
    sign_in(client, people.person_a)
    response = form_post(client, "/ask-for-a-review/what-has-changed", {"what_changed": "  "})
    assert response.status_code == 422
    assert "<title>Error: What has changed?" in response.text
    assert 'href="#what_changed"' in response.text
    how_soon = form_post(client, "/ask-for-a-review/how-soon", {"urgency": "yesterday"})
    assert how_soon.status_code == 422
    assert "Choose how soon you would like the review" in how_soon.text
    # The check page before answering says so, and offers no send button.
    early = client.get("/ask-for-a-review/check").text
    assert "You have not answered every question yet" in early
    assert 'href="/ask-for-a-review/what-has-changed"' in early
    assert "Send request" not in early
    assert request_ids(app) == []


def test_input_is_kept_when_a_later_answer_is_wrong(
    app: Flask, client: FlaskClient, people: People
):
    sign_in(client, people.person_a)
    long_text = "x" * 5001
    response = form_post(client, "/ask-for-a-review/what-has-changed", {"what_changed": long_text})
    assert response.status_code == 422
    assert long_text in response.text


def test_answers_are_saved_at_every_step_and_resume_after_signing_in_again(
    app: Flask, client: FlaskClient, people: People
):
    sign_in(client, people.person_a)
    form_post(client, "/ask-for-a-review/what-has-changed", {"what_changed": "Lost my flat"})
    form_post(client, "/sign-out", {}, token_from="/")
    later = app.test_client()
    sign_in(later, people.person_a)
    start = later.get("/ask-for-a-review")
    assert "Continue where you left off" in start.text
    assert 'href="/ask-for-a-review/how-soon"' in start.text  # the first unanswered
    assert "Lost my flat" in later.get("/ask-for-a-review/what-has-changed").text


def test_starting_again_clears_the_draft_only(app: Flask, client: FlaskClient, people: People):
    sign_in(client, people.person_a)
    ask_for_a_review(client)
    form_post(client, "/ask-for-a-review/what-has-changed", {"what_changed": "Second thoughts"})
    response = form_post(client, "/ask-for-a-review", {})
    assert response.status_code == 303
    assert "Second thoughts" not in client.get("/ask-for-a-review/what-has-changed").text
    assert len(request_ids(app)) == 1  # the request already sent stays


def test_people_who_are_not_service_users_cannot_ask_for_themselves(app: Flask, people: People):
    for email in (people.key_worker_of_a, people.carer_of_a_with_summary, people.admin):
        client = app.test_client()
        sign_in(client, email)
        assert client.get("/ask-for-a-review").status_code == 404
        assert client.get("/ask-for-a-review/what-has-changed").status_code == 404
