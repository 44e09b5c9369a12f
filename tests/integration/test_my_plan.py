"""Issue 3: the service user reads their plan, updates their own actions,
keeps their safety plan and sees every agreed version."""

from __future__ import annotations

import json
import re

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from portal.models import ActionStatus, ActionUpdate, AuditEvent, PlanAction, PlanVersion
from portal.services.plan import diff_snapshots
from tests.conftest import csrf_token_from, database, form_post, sign_in
from tests.integration.conftest import People
from tests.integration.plan_helpers import build_plan, count_queries


def test_my_plan_shows_every_section_in_the_persons_words(
    app: Flask, client: FlaskClient, people: People
):
    build_plan(app, people.person_a_id)
    sign_in(client, people.person_a)
    page = client.get("/plan").text
    for heading in (
        "What matters to me",
        "My goals",
        "What I will do",
        "What my carer or family will do",
        "What my care team will do",
        "What other services will do",
        "Support I am getting",
        "My safety plan",
        "Reviewing my plan",
    ):
        assert f">{heading}</h" in page, heading
    assert "Seeing my family" in page and "Swim weekly" in page
    assert "Things I enjoy doing" in page  # the life area, labelled
    assert "Who: Priya Shah" in page  # a team action names the person
    assert "Last agreed on" in page and "with Priya Shah" in page
    assert "Other details" not in page  # only where they apply


def test_my_plan_is_titled_once_under_the_default_service_name(client: FlaskClient, people: People):
    """The page and the default service name are the same words: the title
    says them once, as a screen reader's first words, and other pages keep
    the "<page> \N{EN DASH} <service>" form."""
    sign_in(client, people.person_a)
    assert "<title>My care and support plan</title>" in client.get("/plan").text
    help_page = client.get("/help").text
    assert "<title>Need help now? \N{EN DASH} My care and support plan</title>" in help_page


def test_a_plan_not_yet_agreed_says_so(client: FlaskClient, people: People):
    sign_in(client, people.person_a)
    assert "This plan has not been agreed yet" in client.get("/plan").text


def test_changing_my_action_status_is_saved_with_a_note_and_audited(
    app: Flask, client: FlaskClient, people: People
):
    ids = build_plan(app, people.person_a_id)
    sign_in(client, people.person_a)
    response = form_post(
        client,
        f"/plan/actions/{ids['mine']}",
        {
            f"action-{ids['mine']}-status": "done",
            f"action-{ids['mine']}-note": "Managed it!",
            f"action-{ids['mine']}-version": "1",
        },
        token_from="/plan/actions",
    )
    assert response.status_code == 303
    assert response.headers["Location"].endswith(f"/plan/actions#action-{ids['mine']}")
    page = client.get("/plan/actions").text
    assert "has been saved" in page and "Managed it!" in page
    with database(app) as session:
        action = session.get(PlanAction, ids["mine"])
        assert action is not None and action.status is ActionStatus.DONE
        update = session.scalars(select(ActionUpdate)).one()
        assert (update.note, update.new_status) == ("Managed it!", ActionStatus.DONE)
        assert (
            session.scalars(select(AuditEvent).where(AuditEvent.object_type == "plan_action"))
            .one()
            .action
            == "update"
        )


def test_with_htmx_the_action_updates_in_place(app: Flask, client: FlaskClient, people: People):
    ids = build_plan(app, people.person_a_id)
    sign_in(client, people.person_a)
    token = csrf_token_from(client.get("/plan/actions").text)
    response = client.post(
        f"/plan/actions/{ids['mine']}",
        data={f"action-{ids['mine']}-status": "in_progress", f"action-{ids['mine']}-version": "1"},
        headers={"HX-Request": "true", "X-CSRFToken": token},
    )
    assert response.status_code == 200
    assert "<html" not in response.text
    assert 'data-status-message="Your update to “Walk daily” has been saved."' in response.text
    assert "data-focus-after-swap" in response.text
    assert "HX-Request" in response.headers["Vary"]


def test_i_can_note_but_not_change_the_status_of_someone_elses_action(
    app: Flask, client: FlaskClient, people: People
):
    ids = build_plan(app, people.person_a_id)
    sign_in(client, people.person_a)
    prefix = f"action-{ids['team']}"
    only_status = form_post(
        client,
        f"/plan/actions/{ids['team']}",
        {f"{prefix}-status": "done", f"{prefix}-version": "1"},
        token_from="/plan/actions",
    )
    assert only_status.status_code == 422
    assert "Write a note, or choose how it is going" in only_status.text
    with_note = form_post(
        client,
        f"/plan/actions/{ids['team']}",
        {
            f"{prefix}-status": "done",
            f"{prefix}-note": "Can we meet Tuesday?",
            f"{prefix}-version": "1",
        },
        token_from="/plan/actions",
    )
    assert with_note.status_code == 303
    with database(app) as session:
        action = session.get(PlanAction, ids["team"])
        assert action is not None and action.status is ActionStatus.NOT_STARTED


def test_another_persons_actions_answer_404(app: Flask, client: FlaskClient, people: People):
    ids = build_plan(app, people.person_a_id)
    sign_in(client, people.person_b)
    prefix = f"action-{ids['mine']}"
    response = form_post(
        client,
        f"/plan/actions/{ids['mine']}",
        {f"{prefix}-status": "done", f"{prefix}-version": "1"},
        token_from="/plan/actions",
    )
    assert response.status_code == 404
    assert "Walk daily" not in client.get("/plan").text


def test_a_stale_save_gets_the_conflict_page_and_keeps_what_i_typed(
    app: Flask, client: FlaskClient, people: People
):
    ids = build_plan(app, people.person_a_id)
    with database(app) as session:
        action = session.get(PlanAction, ids["mine"])
        assert action is not None
        action.status = ActionStatus.IN_PROGRESS  # someone else saved: version 2
    sign_in(client, people.person_a)
    prefix = f"action-{ids['mine']}"
    response = form_post(
        client,
        f"/plan/actions/{ids['mine']}",
        {
            f"{prefix}-status": "done",
            f"{prefix}-note": "My careful words",
            f"{prefix}-version": "1",
        },
        token_from="/plan/actions",
    )
    assert response.status_code == 409
    assert "changed while you were writing" in response.text
    assert "My careful words" in response.text
    assert "In progress" in response.text  # what is saved now
    with database(app) as session:
        action = session.get(PlanAction, ids["mine"])
        assert action is not None and action.status is ActionStatus.IN_PROGRESS


def test_adding_my_own_action_validates_and_keeps_input(
    app: Flask, client: FlaskClient, people: People
):
    sign_in(client, people.person_a)
    empty = form_post(client, "/plan/actions/new", {"description": ""})
    assert empty.status_code == 422 and "Write what you will do" in empty.text
    bad_date = form_post(
        client,
        "/plan/actions/new",
        {"description": "Join the choir", "due_day": "31", "due_month": "2", "due_year": "2027"},
    )
    assert bad_date.status_code == 422
    assert "Enter a real date" in bad_date.text and "Join the choir" in bad_date.text
    assert "<title>Error: " in bad_date.text
    made = form_post(
        client,
        "/plan/actions/new",
        {
            "description": "Join the choir",
            "due_day": "1",
            "due_month": "3",
            "due_year": "2027",
            "life_area": "leisure",
        },
    )
    assert made.status_code == 303
    page = client.get("/plan").text
    assert "Join the choir" in page and "By 1 March 2027" in page


def test_safety_plan_is_mine_to_edit_with_phone_links(
    app: Flask, client: FlaskClient, people: People
):
    sign_in(client, people.person_a)
    saved = form_post(
        client,
        "/plan/safety/edit",
        {
            "warning_signs": "Not sleeping",
            "professionals": "Crisis team 0300 123 4567",
            "version": "",
        },
    )
    assert saved.status_code == 303
    page = client.get("/plan/safety").text
    assert "Not sleeping" in page
    assert '<a href="tel:03001234567">0300 123 4567</a>' in page
    assert "Print a small card" in page
    assert client.get("/plan/safety/card").status_code == 200


def test_safety_plan_text_is_escaped_not_trusted(app: Flask, client: FlaskClient, people: People):
    sign_in(client, people.person_a)
    form_post(client, "/plan/safety/edit", {"warning_signs": "<script>alert(1)</script> 999"})
    page = client.get("/plan/safety").text
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;" in page and 'href="tel:999"' in page


def test_a_stale_safety_plan_save_shows_both_texts(app: Flask, people: People):
    first, second = app.test_client(), app.test_client()
    sign_in(first, people.person_a)
    sign_in(second, people.person_a)
    form_post(first, "/plan/safety/edit", {"warning_signs": "Version from tab one"})
    opened = second.get("/plan/safety/edit").text
    form_post(
        first,
        "/plan/safety/edit",
        {
            "warning_signs": "Tab one again",
            "version": re.search(
                r'name="version" value="(\d+)"', first.get("/plan/safety/edit").text
            ).group(1),
        },
    )
    stale_version = re.search(r'name="version" value="(\d+)"', opened).group(1)
    response = second.post(
        "/plan/safety/edit",
        data={
            "csrf_token": csrf_token_from(opened),
            "warning_signs": "Tab two words",
            "version": stale_version,
        },
    )
    assert response.status_code == 409
    assert "Tab two words" in response.text and "Tab one again" in response.text


def test_published_versions_never_change(app: Flask, client: FlaskClient, people: People):
    ids = build_plan(app, people.person_a_id)
    with database(app) as session:
        before = session.scalars(select(PlanVersion.snapshot)).one()
    sign_in(client, people.person_a)
    form_post(client, "/plan/actions/new", {"description": "Something new"})
    form_post(client, "/plan/safety/edit", {"warning_signs": "Changed"})
    with database(app) as session:
        assert session.scalars(select(PlanVersion.snapshot)).one() == before
    assert ids  # the plan existed


def test_what_changed_lists_exactly_the_differences():
    before = {
        "what_matters_to_me": "Family",
        "goals": {"1": {"area": "leisure", "goal": "Swim", "why": ""}},
        "actions": {
            "1": {"description": "Walk", "owner": "me", "who": "", "due": ""},
            "2": {"description": "Lifts", "owner": "carer", "who": "Chris", "due": ""},
        },
        "interventions": {},
        "safety_plan": {"warning_signs": "Tired", "professionals": "111"},
        "review_arrangements": "",
    }
    after = json.loads(json.dumps(before))
    after["goals"]["1"]["goal"] = "Swim twice a week"
    del after["actions"]["2"]
    after["actions"]["3"] = {"description": "Choir", "owner": "me", "who": "", "due": ""}
    after["safety_plan"]["warning_signs"] = "Not sleeping"
    changes = {c.section: c for c in diff_snapshots(before, after) if not c.is_empty}
    assert set(changes) == {"goals", "actions", "safety_plan"}
    assert changes["goals"].changed == [(before["goals"]["1"], after["goals"]["1"])]
    assert changes["actions"].added == [after["actions"]["3"]]
    assert changes["actions"].removed == [before["actions"]["2"]]
    assert changes["actions"].changed == []
    assert [pair[1]["text"] for pair in changes["safety_plan"].changed] == ["Not sleeping"]
    assert all(c.is_empty for c in diff_snapshots(before, before))


def test_history_and_agreeing_to_the_newest_version(
    app: Flask, client: FlaskClient, people: People
):
    build_plan(app, people.person_a_id)
    sign_in(client, people.person_a)
    assert "Version 1," in client.get("/plan/history").text
    version_page = client.get("/plan/history/1").text
    assert "This is the first version of your plan" in version_page
    no_choice = form_post(client, "/plan/history/1", {"response": ""})
    assert no_choice.status_code == 422
    talk = form_post(client, "/plan/history/1", {"response": "talk", "note": "The dates"})
    assert talk.status_code == 303
    assert "You said: I would like to talk about it" in client.get("/plan/history/1").text
    assert client.get("/plan/history/2").status_code == 404


def test_home_shows_what_changed_until_i_open_my_plan(
    app: Flask, client: FlaskClient, people: People
):
    build_plan(app, people.person_a_id)
    sign_in(client, people.person_a)
    home = client.get("/").text
    assert "What has changed in your plan" in home
    assert "A new version of your plan was agreed: First plan" in home
    client.get("/plan")
    assert "What has changed in your plan" not in client.get("/").text


def test_my_own_changes_are_not_news_to_me(app: Flask, client: FlaskClient, people: People):
    sign_in(client, people.person_a)
    client.get("/plan")
    form_post(client, "/plan/actions/new", {"description": "Something I added"})
    assert "What has changed in your plan" not in client.get("/").text


def _queries_for_plan_page(app: Flask, client: FlaskClient) -> int:
    with count_queries(app) as statements:
        assert client.get("/plan").status_code == 200
    return len(statements)


def test_my_plan_query_count_does_not_grow_with_the_plan(
    app: Flask, client: FlaskClient, people: People
):
    build_plan(app, people.person_a_id, extra_actions=5)
    sign_in(client, people.person_a)
    small = _queries_for_plan_page(app, client)
    with database(app) as session:
        plan_id = session.scalars(select(PlanAction.plan_id)).first()
        for n in range(195):
            action = PlanAction(
                plan_id=plan_id,
                owner=PlanAction.owner.type.enum_class("me"),
                description=f"More {n}",
            )
            session.add(action)
            session.flush()
            session.add(
                ActionUpdate(
                    action_id=action.id, author_name="Priya", author_role="staff", note="A note"
                )
            )
    large = _queries_for_plan_page(app, client)
    assert large == small, f"{small} queries with a few actions, {large} with 200"
    assert small <= 15
