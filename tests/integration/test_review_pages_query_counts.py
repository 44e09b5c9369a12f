"""The lists of requests cost the same number of queries for 1 request as
for 12."""

from __future__ import annotations

from flask import Flask
from flask.testing import FlaskClient

from tests.conftest import sign_in
from tests.integration.conftest import People
from tests.integration.plan_helpers import count_queries
from tests.integration.review_helpers import ask_for_a_review


def _queries(app: Flask, client: FlaskClient, path: str) -> int:
    with count_queries(app) as statements:
        assert client.get(path).status_code == 200
    return len(statements)


def test_query_counts_do_not_grow_with_the_number_of_requests(app: Flask, people: People):
    alex = app.test_client()
    sign_in(alex, people.person_a)
    priya = app.test_client()
    sign_in(priya, people.key_worker_of_a)
    ask_for_a_review(alex)
    small = (
        _queries(app, alex, "/reviews"),
        _queries(app, priya, "/requests"),
        _queries(app, priya, "/caseload"),
    )
    for _ in range(11):
        ask_for_a_review(alex)
    large = (
        _queries(app, alex, "/reviews"),
        _queries(app, priya, "/requests"),
        _queries(app, priya, "/caseload"),
    )
    assert small == large
    assert "12 open review requests" in priya.get("/caseload").text
