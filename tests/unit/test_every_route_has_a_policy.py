"""DESIGN §2: every route is in the one policy table; none is forgotten."""

from __future__ import annotations

from flask import Flask

from portal.access import POLICY


def test_every_route_is_in_the_access_policy_table(app: Flask):
    endpoints = {rule.endpoint for rule in app.url_map.iter_rules()}
    missing = sorted(endpoints - POLICY.keys())
    assert not missing, f"Add these routes to POLICY in portal/access.py: {missing}"


def test_the_policy_table_names_no_route_that_does_not_exist(app: Flask):
    endpoints = {rule.endpoint for rule in app.url_map.iter_rules()}
    stale = sorted(POLICY.keys() - endpoints)
    assert not stale, f"Remove these from POLICY in portal/access.py: {stale}"


def test_a_route_missing_from_the_table_is_refused(app: Flask):
    @app.route("/forgotten")
    def forgotten() -> str:
        return "should never be served"

    assert app.test_client().get("/forgotten").status_code == 404
