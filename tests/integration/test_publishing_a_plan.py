"""Issue 4: publishing applies the draft to the live plan and creates exactly
one immutable version, with a summary and the review date agreed with the
person. Nothing clinical is deleted; nothing the person wrote is lost."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select

from portal.models import (
    ActionStatus,
    ActionUpdate,
    Goal,
    PlanAction,
    PlanDraftSection,
    PlanVersion,
    SafetyPlan,
    ServiceUser,
)
from tests.conftest import database, form_post
from tests.integration.conftest import People
from tests.integration.editor_helpers import (
    form_fields,
    open_section,
    signed_in,
    submit_section,
)
from tests.integration.plan_helpers import build_plan

REVIEW = date.today() + timedelta(days=45)


def publish_form(client: FlaskClient, person_id: int) -> dict[str, str]:
    page = client.get(f"/people/{person_id}/plan/publish")
    assert page.status_code == 200
    return form_fields(page.text, f"/people/{person_id}/plan/publish")


def publish(
    client: FlaskClient,
    person_id: int,
    fields: dict[str, str] | None = None,
    *,
    summary: str = "We added your new goal",
    review: date = REVIEW,
) -> Any:
    data = {
        **(fields or publish_form(client, person_id)),
        "summary": summary,
        "review_day": str(review.day),
        "review_month": str(review.month),
        "review_year": str(review.year),
    }
    return client.post(f"/people/{person_id}/plan/publish", data=data)


def _versions(app: Flask) -> list[tuple[int, str]]:
    with database(app) as session:
        return [
            (v.number, v.summary)
            for v in session.scalars(select(PlanVersion).order_by(PlanVersion.number))
        ]


def test_the_draft_is_invisible_to_the_person_until_published(app: Flask, people: People):
    build_plan(app, people.person_a_id)
    priya = signed_in(app, people.key_worker_of_a)
    alex = signed_in(app, people.person_a)
    fields = open_section(priya, people.person_a_id, "what_matters")
    submit_section(priya, people.person_a_id, "what_matters", fields, {"what_matters_to_me": "Rex"})
    assert "Rex" not in alex.get("/plan").text

    page = priya.get(f"/people/{people.person_a_id}/plan/publish").text
    assert "What matters to me" in page and "Rex" in page  # what will change
    assert "Any date you agreed together. Reviews do not have to be every 6 or 12 months." in page

    response = publish(priya, people.person_a_id, summary="Rex matters most now")
    assert response.status_code == 303
    assert response.headers["Location"].endswith(f"/people/{people.person_a_id}/plan")
    assert "Version 2 is published" in priya.get(f"/people/{people.person_a_id}/plan").text

    plan_page = alex.get("/plan").text
    assert "Rex" in plan_page and "Seeing my family" not in plan_page
    assert "Last agreed on" in plan_page
    assert _versions(app) == [(1, "First plan"), (2, "Rex matters most now")]
    with database(app) as session:
        assert session.scalars(select(PlanDraftSection)).all() == []
        person = session.get(ServiceUser, people.person_a_id)
        assert person is not None and person.next_review_on == REVIEW
    history = alex.get("/plan/history/2").text
    assert "Rex matters most now" in history and "Changed from:" in history


def test_publishing_twice_from_the_same_form_makes_one_version(app: Flask, people: People):
    build_plan(app, people.person_a_id)
    priya = signed_in(app, people.key_worker_of_a)
    fields = publish_form(priya, people.person_a_id)
    assert publish(priya, people.person_a_id, fields).status_code == 303
    again = publish(priya, people.person_a_id, fields)  # double click, or the back button
    assert again.status_code == 303
    page = priya.get(again.headers["Location"]).text
    assert "Version 2 was already published, so nothing more was published" in page
    assert [n for n, _ in _versions(app)] == [1, 2]


def test_a_published_version_is_never_changed_by_later_drafts(app: Flask, people: People):
    build_plan(app, people.person_a_id)
    priya = signed_in(app, people.key_worker_of_a)
    with database(app) as session:
        first = session.scalars(select(PlanVersion)).one()
        snapshot, summary = first.snapshot, first.summary
    fields = open_section(priya, people.person_a_id, "goals")
    submit_section(priya, people.person_a_id, "goals", fields, {"goals-0-goal": "Swim daily"})
    publish(priya, people.person_a_id)
    with database(app) as session:
        first = session.scalars(select(PlanVersion).where(PlanVersion.number == 1)).one()
        assert (first.snapshot, first.summary) == (snapshot, summary)
        assert (
            "Swim daily"
            in session.scalars(select(PlanVersion.snapshot).where(PlanVersion.number == 2)).one()
        )


def test_a_removed_goal_is_archived_and_gone_from_the_persons_plan(app: Flask, people: People):
    build_plan(app, people.person_a_id)
    priya = signed_in(app, people.key_worker_of_a)
    fields = open_section(priya, people.person_a_id, "goals")
    submit_section(
        priya,
        people.person_a_id,
        "goals",
        fields,
        {"goals-0-remove": "y", "goals-1-life_area": "friendships", "goals-1-goal": "Call Jo"},
    )
    assert publish(priya, people.person_a_id).status_code == 303
    with database(app) as session:
        goals = {g.goal: g.archived_at for g in session.scalars(select(Goal))}
    assert goals["Swim weekly"] is not None  # kept, archived
    assert goals["Call Jo"] is None
    plan_page = signed_in(app, people.person_a).get("/plan").text
    assert "Swim weekly" not in plan_page and "Call Jo" in plan_page
    history = signed_in(app, people.person_a).get("/plan/history/2").text
    assert "Removed:" in history and "Swim weekly" in history


def test_a_removed_action_shows_as_no_longer_needed(app: Flask, people: People):
    ids = build_plan(app, people.person_a_id)
    priya = signed_in(app, people.key_worker_of_a)
    fields = open_section(priya, people.person_a_id, "actions")
    assert fields["actions-1-description"] == "Walk daily"
    submit_section(priya, people.person_a_id, "actions", fields, {"actions-1-remove": "y"})
    publish(priya, people.person_a_id)
    with database(app) as session:
        action = session.get(PlanAction, ids["mine"])
        assert action is not None and action.status is ActionStatus.NO_LONGER_NEEDED
        note = session.scalars(select(ActionUpdate)).one()
        assert note.author_name == "Priya Shah" and note.author_role == "staff"
        assert note.new_status is ActionStatus.NO_LONGER_NEEDED
        assert "Taken out of the plan in version 2" in note.note
    alex = signed_in(app, people.person_a)
    assert "Walk daily" in alex.get("/plan").text
    actions = alex.get("/plan/actions").text
    assert "No longer needed" in actions and "Taken out of the plan in version 2" in actions


def test_changed_and_new_actions_show_in_the_persons_whats_changed(app: Flask, people: People):
    build_plan(app, people.person_a_id)
    alex = signed_in(app, people.person_a)
    alex.get("/plan")  # the person has looked: older changes are not news
    priya = signed_in(app, people.key_worker_of_a)
    fields = open_section(priya, people.person_a_id, "actions")
    submit_section(
        priya,
        people.person_a_id,
        "actions",
        fields,
        {
            "actions-0-description": "Fix the boiler this month",
            "actions-4-description": "Try the walking group",
            "actions-4-who": "me",
        },
    )
    publish(priya, people.person_a_id)
    home = alex.get("/").text
    assert "Try the walking group" in home and "Fix the boiler this month" in home
    assert "Lifts" not in home  # unchanged actions are not news


def test_an_action_the_person_added_after_the_draft_started_survives(app: Flask, people: People):
    build_plan(app, people.person_a_id)
    priya = signed_in(app, people.key_worker_of_a)
    fields = open_section(priya, people.person_a_id, "actions")
    submit_section(
        priya, people.person_a_id, "actions", fields, {"actions-1-description": "Walk each day"}
    )
    alex = signed_in(app, people.person_a)
    made = form_post(alex, "/plan/actions/new", {"description": "Join the choir"})
    assert made.status_code == 303

    editor = priya.get(f"/people/{people.person_a_id}/plan").text
    assert "Join the choir" in editor and "Walk each day" in editor
    publish(priya, people.person_a_id)
    plan_page = alex.get("/plan").text
    assert "Join the choir" in plan_page and "Walk each day" in plan_page


def test_the_persons_newer_safety_plan_blocks_publishing(app: Flask, people: People):
    build_plan(app, people.person_a_id)
    priya = signed_in(app, people.key_worker_of_a)
    fields = open_section(priya, people.person_a_id, "safety_plan")
    submit_section(
        priya, people.person_a_id, "safety_plan", fields, {"warning_signs": "Staff's words"}
    )
    publish_fields = publish_form(priya, people.person_a_id)
    alex = signed_in(app, people.person_a)
    safety = form_fields(alex.get("/plan/safety/edit").text, "/plan/safety/edit")
    changed = alex.post("/plan/safety/edit", data={**safety, "warning_signs": "My own words"})
    assert changed.status_code == 303

    refused = publish(priya, people.person_a_id, publish_fields)
    assert refused.status_code == 409
    assert "changed their safety plan after your draft of it started" in refused.text
    assert f'href="/people/{people.person_a_id}/plan/safety_plan"' in refused.text
    assert [n for n, _ in _versions(app)] == [1]
    assert "My own words" in alex.get("/plan/safety").text

    beside = priya.get(f"/people/{people.person_a_id}/plan/safety_plan").text
    assert "What Alex has written now:" in beside
    assert "My own words" in beside and "Staff&#39;s words" in beside
    # Having seen their words, the key worker agrees the text and saves.
    fields = form_fields(beside, f"/people/{people.person_a_id}/plan/safety_plan")
    submit_section(
        priya, people.person_a_id, "safety_plan", fields, {"warning_signs": "My own words, agreed"}
    )
    assert publish(priya, people.person_a_id).status_code == 303
    with database(app) as session:
        assert session.scalars(select(SafetyPlan.warning_signs)).one() == "My own words, agreed"


def test_the_summary_and_a_review_date_today_or_later_are_required(app: Flask, people: People):
    build_plan(app, people.person_a_id)
    priya = signed_in(app, people.key_worker_of_a)
    fields = publish_form(priya, people.person_a_id)
    empty = priya.post(f"/people/{people.person_a_id}/plan/publish", data=fields)
    assert empty.status_code == 422
    assert "<title>Error: " in empty.text
    assert "Write a short summary of what changed" in empty.text
    assert "Enter the date of the next review you agreed together" in empty.text
    past = publish(
        priya, people.person_a_id, fields, summary="Kept words", review=date.today() - timedelta(1)
    )
    assert past.status_code == 422
    assert "The next review must be today or later" in past.text and "Kept words" in past.text
    today = publish(priya, people.person_a_id, fields, review=date.today())
    assert today.status_code == 303
    with database(app) as session:
        assert session.scalar(select(func.count()).select_from(PlanVersion)) == 2


def test_a_draft_saved_while_the_publish_page_was_open_is_shown_before_publishing(
    app: Flask, people: People
):
    build_plan(app, people.person_a_id)
    priya = signed_in(app, people.key_worker_of_a)
    publish_fields = publish_form(priya, people.person_a_id)
    fields = open_section(priya, people.person_a_id, "what_matters")
    submit_section(priya, people.person_a_id, "what_matters", fields, {"what_matters_to_me": "New"})
    response = publish(priya, people.person_a_id, publish_fields)
    assert response.status_code == 409
    assert "Someone saved a change to the draft while you were on this page" in response.text
    assert "We added your new goal" in response.text  # the summary typed is kept
    assert [n for n, _ in _versions(app)] == [1]


def test_the_preview_shows_the_plan_as_the_person_will_see_it(app: Flask, people: People):
    build_plan(app, people.person_a_id)
    priya = signed_in(app, people.key_worker_of_a)
    fields = open_section(priya, people.person_a_id, "goals")
    submit_section(
        priya,
        people.person_a_id,
        "goals",
        fields,
        {"goals-0-remove": "y", "goals-1-life_area": "friendships", "goals-1-goal": "Call Jo"},
    )
    preview = priya.get(f"/people/{people.person_a_id}/plan/preview")
    assert preview.status_code == 200
    text = preview.text
    assert "Preview" in text and "Nothing has been published yet" in text
    assert ">My care and support plan</h1>" in text
    assert "Call Jo" in text and "Swim weekly" not in text
    assert "Friendships" in text  # the life area, labelled as the person sees it
    assert 'href="/plan/actions"' not in text  # no links to the person's own pages
    assert "Last agreed on" in text and "with Priya Shah" in text
