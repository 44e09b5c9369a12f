"""DESIGN §8: every route, as every kind of user. Objects outside a person's
reach answer 404; pages that need a sign-in send anonymous people to it.

A GET route that is not in ROUTES fails ``test_matrix_covers_every_route``,
so a new page cannot skip this check."""

from __future__ import annotations

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from portal.models import AuditEvent
from tests.conftest import database, form_post, sign_in, without_random_values
from tests.integration.conftest import People
from tests.integration.plan_helpers import build_plan

SIGNED_IN = "everyone signed in"
SERVICE_USERS = {"service user A", "service user B"}
PUBLIC = "everyone"
STAFF = {"key worker of A", "other-team staff"}
CARERS_OF_A = {"carer of A, summary shared", "carer of A, nothing shared"}
# Public routes whose object does not exist: 404, signed in or not.
NOT_FOUND_FOR_EVERYONE = "404 for everyone"
CARERS_OF_A = {"carer of A, summary shared", "carer of A, nothing shared"}
# Pages that send everyone signed in on (303), and anonymous people to sign in.
SIGNED_IN_REDIRECT = "303 for everyone signed in"

# endpoint -> (path template, who gets 200). Anyone else signed in gets 404;
# anonymous people get the sign-in page unless the route is PUBLIC.
ROUTES: dict[str, tuple[str, str | set[str]]] = {
    "core.home": ("/", SIGNED_IN),
    "core.crisis_contacts": ("/help", PUBLIC),
    "core.accessibility": ("/accessibility", PUBLIC),
    "core.privacy": ("/privacy", PUBLIC),
    "core.contact": ("/contact", PUBLIC),
    "core.choose_language": ("/language", PUBLIC),
    "auth.sign_in": ("/sign-in", PUBLIC),
    "auth.signed_out": ("/signed-out", PUBLIC),
    "account.settings": ("/account", SIGNED_IN),
    "account.change_password": ("/account/password", SIGNED_IN),
    "people.staff_view": ("/people/{a}", {"key worker of A"}),
    "people.carer_view": (
        "/caring-for/{a}",
        {"carer of A, summary shared", "carer of A, nothing shared"},
    ),
    "admin.index": ("/admin", {"administrator"}),
    "static": ("/static/js/portal.js", PUBLIC),
    "plan.my_plan": ("/plan", SERVICE_USERS),
    "plan.my_actions": ("/plan/actions", SERVICE_USERS),
    "plan.add_action": ("/plan/actions/new", SERVICE_USERS),
    "plan.safety_plan": ("/plan/safety", SERVICE_USERS),
    "plan.safety_card": ("/plan/safety/card", SERVICE_USERS),
    "plan.edit_safety_plan": ("/plan/safety/edit", SERVICE_USERS),
    "plan.history": ("/plan/history", SERVICE_USERS),
    # Only A's plan has a published version 1 (see build_plan below).
    "plan.version": ("/plan/history/1", {"service user A"}),
    "plan.who_has_seen": ("/plan/who-has-seen", SERVICE_USERS),
    # --- Issue 4, people. ---
    "staff.caseload": ("/caseload", STAFF),
    "staff.register_person": ("/people/new", STAFF),
    "staff.invite_person": ("/people/{a}/invitation", {"key worker of A"}),
    # An unknown link: the same "This link does not work" page for everyone.
    "invitations.accept": ("/invitation/not-a-real-link", NOT_FOUND_FOR_EVERYONE),
    # --- Plan editor (issue 4): staff on the person's care team only.
    "editor.overview": ("/people/{a}/plan", {"key worker of A"}),
    "editor.edit_section": ("/people/{a}/plan/goals", {"key worker of A"}),
    "editor.preview": ("/people/{a}/plan/preview", {"key worker of A"}),
    "editor.publish": ("/people/{a}/plan/publish", {"key worker of A"}),
    # --- Care team and support level (issue 4): the person's care team only.
    "careteam.manage": ("/people/{a}/care-team", {"key worker of A"}),
    "careteam.change_key_worker": ("/people/{a}/care-team/key-worker", {"key worker of A"}),
    "careteam.add_member": ("/people/{a}/care-team/add", {"key worker of A"}),
    "careteam.end_membership": ("/people/{a}/care-team/{a_mdt}/end", {"key worker of A"}),
    "careteam.support_level": ("/people/{a}/support-level", {"key worker of A"}),
    # --- Administration (issue 4): administrators only.
    "admin.team": ("/admin/teams/{team}", {"administrator"}),
    "admin.new_team": ("/admin/teams/new", {"administrator"}),
    "admin.edit_team": ("/admin/teams/{team}/edit", {"administrator"}),
    "admin.new_staff": ("/admin/teams/{team}/staff/new", {"administrator"}),
    "admin.staff_member": ("/admin/staff/{staff}", {"administrator"}),
    "admin.disable_staff": ("/admin/staff/{staff}/disable", {"administrator"}),
    "admin.settings": ("/admin/settings", {"administrator"}),
    # --- Carers and family (issue 5). The section-by-section matrix is in
    # test_carer_sees_only_shared_sections.py.
    "carers.supporters": ("/people-who-support-me", SERVICE_USERS),
    "carers.invite": ("/people-who-support-me/invite", SERVICE_USERS),
    "carers.supporter": ("/people-who-support-me/{a_link}", {"service user A"}),
    "carers.stop_sharing": ("/people-who-support-me/{a_link}/stop", {"service user A"}),
    "carers.decide_suggestion": (
        "/people-who-support-me/suggestions/{a_suggestion}",
        {"service user A"},
    ),
    "carers.accept_invitation": ("/carer-invitation/not-a-real-link", NOT_FOUND_FOR_EVERYONE),
    "carers.shared_section": ("/caring-for/{a}/plan/summary", {"carer of A, summary shared"}),
    "carers.share_with_team": ("/caring-for/{a}/share", CARERS_OF_A),
    "carers.suggest_action": ("/caring-for/{a}/suggest-action", CARERS_OF_A),
    "carers.cared_for": ("/caring-for", SIGNED_IN),
    "carers.assessment_start": ("/carers-assessment", SIGNED_IN),
    "carers.assessment_step": ("/carers-assessment/questions/age", SIGNED_IN),
    # Nothing answered yet: everyone signed in is sent to the first question.
    "carers.assessment_check": ("/carers-assessment/check-answers", SIGNED_IN_REDIRECT),
    "carers.assessment_request": ("/carers-assessment/{a_request}", {"carer of A, summary shared"}),
    "carers.support": ("/support-for-carers", PUBLIC),
    "carers.staff_assessments": ("/carers-assessments", STAFF),
    "carers.staff_assessment": ("/carers-assessments/{a_request}", {"key worker of A"}),
    # --- Reviews (issue 6). {review} is a request Alex made about their plan.
    "reviews.start": ("/ask-for-a-review", SERVICE_USERS),
    "reviews.step": ("/ask-for-a-review/what-has-changed", SERVICE_USERS),
    "reviews.check": ("/ask-for-a-review/check", SERVICE_USERS),
    "reviews.carer_start": ("/caring-for/{a}/ask-for-a-review", CARERS_OF_A),
    "reviews.carer_step": ("/caring-for/{a}/ask-for-a-review/who-sees-it", CARERS_OF_A),
    "reviews.carer_check": ("/caring-for/{a}/ask-for-a-review/check", CARERS_OF_A),
    "reviews.my_requests": ("/reviews", SIGNED_IN),
    "reviews.my_request": ("/reviews/{review}", {"service user A"}),
    "reviews.sent": ("/reviews/{review}/sent", {"service user A"}),
    "reviews.team_requests": ("/requests", STAFF),
    "reviews.team_request": ("/requests/{review}", {"key worker of A"}),
    "reviews.arrange": ("/requests/{review}/arrange", {"key worker of A"}),
    "reviews.complete": ("/requests/{review}/complete", {"key worker of A"}),
    "reviews.decline": ("/requests/{review}/decline", {"key worker of A"}),
    # --- Issue 7, communication needs.
    "account.text_size": ("/text-size", PUBLIC),
    "plan.easy_read": ("/plan/easy-read", SERVICE_USERS),
}
# Second objects for the object-level routes: person B's pages.
OTHER_OBJECTS = {
    "people.staff_view": ("/people/{b}", {"other-team staff"}),
    "people.carer_view": ("/caring-for/{b}", {"carer of B"}),
    "staff.invite_person": ("/people/{b}/invitation", {"other-team staff"}),
    # --- Plan editor (issue 4)
    "editor.overview": ("/people/{b}/plan", {"other-team staff"}),
    "editor.edit_section": ("/people/{b}/plan/safety_plan", {"other-team staff"}),
    "editor.preview": ("/people/{b}/plan/preview", {"other-team staff"}),
    "editor.publish": ("/people/{b}/plan/publish", {"other-team staff"}),
    "careteam.manage": ("/people/{b}/care-team", {"other-team staff"}),
    "careteam.support_level": ("/people/{b}/support-level", {"other-team staff"}),
    # --- Carers (issue 5): B's carer, B's own supporters, B's care team.
    "carers.shared_section": ("/caring-for/{b}/plan/summary", {"carer of B"}),
    "carers.share_with_team": ("/caring-for/{b}/share", {"carer of B"}),
    "carers.suggest_action": ("/caring-for/{b}/suggest-action", {"carer of B"}),
    "carers.supporter": ("/people-who-support-me/{b_link}", {"service user B"}),
    "carers.stop_sharing": ("/people-who-support-me/{b_link}/stop", {"service user B"}),
    "carers.assessment_request": ("/carers-assessment/{b_request}", {"carer of B"}),
    "carers.staff_assessment": ("/carers-assessments/{b_request}", {"other-team staff"}),
    # --- Reviews (issue 6): B's carer asks about B; B's team sees B's request.
    "reviews.carer_start": ("/caring-for/{b}/ask-for-a-review", {"carer of B"}),
    "reviews.carer_check": ("/caring-for/{b}/ask-for-a-review/check", {"carer of B"}),
    "reviews.my_request": ("/reviews/{review_b}", {"service user B"}),
    "reviews.team_request": ("/requests/{review_b}", {"other-team staff"}),
    "reviews.decline": ("/requests/{review_b}/decline", {"other-team staff"}),
}
# Pages that send signed-in people elsewhere.
REDIRECT_WHEN_SIGNED_IN = {"auth.sign_in", "auth.signed_out"}
KINDS = [
    "anonymous",
    "service user A",
    "service user B",
    "carer of A, summary shared",
    "carer of A, nothing shared",
    "carer of B",
    "key worker of A",
    "other-team staff",
    "administrator",
    "disabled account",
]


def test_matrix_covers_every_route(app: Flask):
    get_endpoints = {
        rule.endpoint for rule in app.url_map.iter_rules() if "GET" in (rule.methods or ())
    }
    assert get_endpoints - ROUTES.keys() == set(), "add the new route to ROUTES"


def _client_for(app: Flask, people: People, kind: str) -> FlaskClient:
    client = app.test_client()
    email = people.kinds()[kind]
    if email and kind != "disabled account":
        sign_in(client, email)
    elif kind == "disabled account":
        refused = form_post(
            client, "/sign-in", {"email": email, "password": "a long test password"}
        )
        assert refused.status_code == 422
    return client


def _expected(endpoint: str, allowed: str | set[str], kind: str) -> int:
    anonymous = kind in ("anonymous", "disabled account")
    if allowed == NOT_FOUND_FOR_EVERYONE:
        return 404
    if allowed == PUBLIC:
        return 302 if (endpoint in REDIRECT_WHEN_SIGNED_IN and not anonymous) else 200
    if anonymous:
        return 302
    if allowed == SIGNED_IN_REDIRECT:
        return 303
    if allowed == SIGNED_IN or kind in allowed:
        return 200
    return 404


def _review_requests(app: Flask, people: People) -> dict[str, int]:
    """One review request by A about A's plan, and one by B (issue 6)."""
    from portal.models import ServiceUser, User
    from tests.factories import make_review_request

    with database(app) as session:
        made = {}
        for key, person_id, email in (
            ("review", people.person_a_id, people.person_a),
            ("review_b", people.person_b_id, people.person_b),
        ):
            person = session.get(ServiceUser, person_id)
            user = session.scalars(select(User).where(User.email == email)).one()
            assert person is not None
            made[key] = make_review_request(person, user)
        return made


@pytest.mark.parametrize("kind", KINDS)
def test_every_route_as_every_kind_of_user(app: Flask, people: People, kind: str):
    build_plan(app, people.person_a_id)
    ids = {**people.ids, **_review_requests(app, people)}
    client = _client_for(app, people, kind)
    cases = list(ROUTES.items()) + list(OTHER_OBJECTS.items())
    failures = []
    for endpoint, (template, allowed) in cases:
        path = template.format(a=people.person_a_id, b=people.person_b_id, **ids)
        status = client.get(path).status_code
        expected = _expected(endpoint, allowed, kind)
        if status != expected:
            failures.append(f"{path}: got {status}, expected {expected}")
        if expected == 302 and status == 302 and endpoint not in REDIRECT_WHEN_SIGNED_IN:
            assert client.get(path).headers["Location"].startswith("/sign-in?next=")
    assert not failures, f"as {kind}: " + "; ".join(failures)


def test_post_routes_need_a_sign_in_where_the_table_says(app: Flask, people: People):
    anonymous = app.test_client()
    response = form_post(anonymous, "/session/stay-signed-in", {}, token_from="/sign-in")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/sign-in")


def _audit_events(app: Flask) -> list[tuple[str, str, int | None]]:
    with database(app) as session:
        return [
            (e.acting_as, e.action, e.service_user_id)
            for e in session.scalars(
                select(AuditEvent).where(AuditEvent.action == "view").order_by(AuditEvent.id)
            )
        ]


@pytest.mark.parametrize(
    ("kind", "path", "acting_as"),
    [
        ("key worker of A", "/people/{a}", "staff"),
        ("carer of A, summary shared", "/caring-for/{a}", "carer"),
        ("carer of A, nothing shared", "/caring-for/{a}", "carer"),
    ],
)
def test_staff_and_carer_views_are_audited(
    app: Flask, people: People, kind: str, path: str, acting_as: str
):
    client = _client_for(app, people, kind)
    assert _audit_events(app) == []
    client.get(path.format(a=people.person_a_id))
    assert _audit_events(app) == [(acting_as, "view", people.person_a_id)]


def test_refused_views_are_not_recorded_as_views(app: Flask, people: People):
    client = _client_for(app, people, "other-team staff")
    assert client.get(f"/people/{people.person_a_id}").status_code == 404
    assert _audit_events(app) == []


def test_a_service_user_reading_their_own_home_is_not_audited_as_a_view(app: Flask, people: People):
    _client_for(app, people, "service user A").get("/")
    assert _audit_events(app) == []


def test_carer_with_nothing_shared_sees_how_to_reach_the_team_only(app: Flask, people: People):
    page = (
        _client_for(app, people, "carer of A, nothing shared")
        .get(f"/caring-for/{people.person_a_id}")
        .text
    )
    assert "has not shared their care plan with you" in page
    assert "Priya Shah" not in page  # the key worker is part of the unshared summary
    assert 'href="tel:03000000000"' in page  # but the team can always be reached


def test_carer_with_summary_shared_sees_the_key_worker(app: Flask, people: People):
    page = (
        _client_for(app, people, "carer of A, summary shared")
        .get(f"/caring-for/{people.person_a_id}")
        .text
    )
    assert "Priya Shah" in page
    assert "Bea" not in without_random_values(page)  # no other person's name anywhere


def test_staff_removed_from_a_care_team_lose_access_at_once(app: Flask, people: People):
    from portal.models import CareTeamMember, StaffMember, User
    from portal.models.base import utcnow

    client = _client_for(app, people, "key worker of A")
    assert client.get(f"/people/{people.person_a_id}").status_code == 200
    with database(app) as session:
        membership = session.scalars(
            select(CareTeamMember)
            .join(StaffMember)
            .join(User, StaffMember.user_id == User.id)
            .where(User.email == people.key_worker_of_a)
        ).one()
        membership.ended_on = utcnow().date()
    assert client.get(f"/people/{people.person_a_id}").status_code == 404
