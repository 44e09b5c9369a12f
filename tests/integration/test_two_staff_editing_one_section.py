"""Issue 4: concurrent edits by two staff members never silently overwrite
each other. The second save from the same starting version gets the conflict
page with both texts; saving "yours" from there is a deliberate choice."""

from __future__ import annotations

from typing import Any

from flask import Flask
from sqlalchemy import event, insert, select

from portal.models import PlanDraftSection
from portal.models.base import utcnow
from tests.conftest import database
from tests.integration.conftest import People
from tests.integration.editor_helpers import (
    add_second_staff_member,
    open_section,
    section_url,
    signed_in,
    submit_section,
)
from tests.integration.plan_helpers import build_plan, plan_id_for


def test_the_second_save_from_the_same_version_gets_both_texts_and_loses_nothing(
    app: Flask, people: People
):
    build_plan(app, people.person_a_id)
    priya = signed_in(app, people.key_worker_of_a)
    sam = signed_in(app, add_second_staff_member(app, people.person_a_id))
    priyas_form = open_section(priya, people.person_a_id, "what_matters")
    sams_form = open_section(sam, people.person_a_id, "what_matters")

    first = submit_section(
        priya, people.person_a_id, "what_matters", priyas_form, {"what_matters_to_me": "Rex"}
    )
    assert first.status_code == 303
    second = submit_section(
        sam, people.person_a_id, "what_matters", sams_form, {"what_matters_to_me": "My garden"}
    )
    assert second.status_code == 409
    page = second.text
    assert "Someone else changed this section while you were writing" in page
    assert "Saved now, by Priya Shah on" in page and "Rex" in page  # theirs, who and when
    assert "What you wrote" in page and "My garden" in page  # yours
    with database(app) as session:
        row = session.scalars(select(PlanDraftSection)).one()
        assert '"Rex"' in row.content  # the first save is untouched

    # The conflict form carries yours, and the version saved now.
    from tests.integration.editor_helpers import form_fields

    retry = form_fields(page, section_url(people.person_a_id, "what_matters"))
    assert retry["what_matters_to_me"] == "My garden"
    assert retry["draft_version"] == "1"
    saved = submit_section(sam, people.person_a_id, "what_matters", retry)
    assert saved.status_code == 303
    overview = sam.get(f"/people/{people.person_a_id}/plan").text
    assert "My garden" in overview and "Draft: changed by Sam Second" in overview


def test_with_htmx_the_conflict_replaces_the_form_in_place(app: Flask, people: People):
    build_plan(app, people.person_a_id)
    priya = signed_in(app, people.key_worker_of_a)
    sam = signed_in(app, add_second_staff_member(app, people.person_a_id))
    priyas_form = open_section(priya, people.person_a_id, "goals")
    sams_form = open_section(sam, people.person_a_id, "goals")
    submit_section(priya, people.person_a_id, "goals", priyas_form, {"goals-0-goal": "Swim daily"})
    clash = submit_section(
        sam, people.person_a_id, "goals", sams_form, {"goals-0-goal": "Swim monthly"}, htmx=True
    )
    assert clash.status_code == 409
    assert "<html" not in clash.text
    assert "Swim daily" in clash.text and "Swim monthly" in clash.text
    assert "data-focus-after-swap" in clash.text and "data-status-message" in clash.text
    assert 'data-hx-target="#section-goals"' in clash.text


def test_two_first_drafts_created_at_the_same_moment_end_in_the_conflict_page(
    app: Flask, people: People
):
    """Both read "no draft yet"; the other one's row lands between this
    request's check and its insert. The unique (plan, section) constraint
    turns that into the conflict page, never a 500."""
    build_plan(app, people.person_a_id)
    plan_id = plan_id_for(app, people.person_a_id)
    priya = signed_in(app, people.key_worker_of_a)
    fields = open_section(priya, people.person_a_id, "what_matters")
    engine = app.extensions["portal_engine"]
    done = []

    def other_editor_saves_first(conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if done or not statement.startswith("INSERT INTO plan_draft_sections"):
            return
        done.append(True)
        with engine.begin() as other:
            other.execute(
                insert(PlanDraftSection).values(
                    plan_id=plan_id,
                    section="what_matters",
                    content='{"text": "Sam got here first"}',
                    updated_at=utcnow(),
                    updated_by_name="Sam Second",
                    version=1,
                )
            )

    event.listen(engine, "before_cursor_execute", other_editor_saves_first)
    try:
        response = submit_section(
            priya, people.person_a_id, "what_matters", fields, {"what_matters_to_me": "Mine"}
        )
    finally:
        event.remove(engine, "before_cursor_execute", other_editor_saves_first)
    assert done, "the competing insert never ran"
    assert response.status_code == 409
    assert "Sam got here first" in response.text and "Mine" in response.text
    with database(app) as session:
        row = session.scalars(select(PlanDraftSection)).one()
        assert row.updated_by_name == "Sam Second"


def test_publishing_meanwhile_is_a_conflict_too(app: Flask, people: People):
    """A form opened before a version was published would otherwise save on
    top of a plan its author never saw."""
    build_plan(app, people.person_a_id)
    priya = signed_in(app, people.key_worker_of_a)
    stale = open_section(priya, people.person_a_id, "review")
    from tests.integration.test_publishing_a_plan import publish

    assert publish(priya, people.person_a_id).status_code == 303
    response = submit_section(
        priya, people.person_a_id, "review", stale, {"review_arrangements": "At home"}
    )
    assert response.status_code == 409
    assert "Published now in version 2, by Priya Shah" in response.text
