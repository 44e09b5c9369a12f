"""Issue 4: staff change a draft of the plan with the person, section by
section; the person keeps seeing the live plan until a version is published."""

from __future__ import annotations

from flask import Flask
from sqlalchemy import select

from portal.models import (
    ActionOwner,
    Goal,
    LifeArea,
    PlanAction,
    PlanDraftSection,
    ServiceUser,
)
from tests.conftest import database
from tests.integration.conftest import People
from tests.integration.editor_helpers import (
    open_section,
    section_url,
    signed_in,
    staff_member_id,
    submit_section,
)
from tests.integration.plan_helpers import build_plan, count_queries


def test_the_overview_shows_each_section_the_latest_version_and_communication_needs(
    app: Flask, people: People
):
    build_plan(app, people.person_a_id)
    with database(app) as session:
        person = session.get(ServiceUser, people.person_a_id)
        assert person is not None
        person.needs_interpreter = True
        person.interpreter_language = "Polish"
        person.needs_easy_read = True
    client = signed_in(app, people.key_worker_of_a)
    page = client.get(f"/people/{people.person_a_id}/plan")
    assert page.status_code == 200
    for name in (
        "What matters to them",
        "Goals",
        "Actions",
        "Support and interventions",
        "Safety plan",
        "Reviewing the plan",
    ):
        assert f'Change<span class="nhsuk-u-visually-hidden"> {name}</span>' in page.text, name
    assert page.text.count("No changes since version 1") == 6
    assert "Seeing my family" in page.text and "Swim weekly" in page.text
    assert "Version 1, published on" in page.text and "First plan" in page.text
    assert "No answer yet" in page.text
    assert "Needs an interpreter: Polish" in page.text and "Easy Read" in page.text
    assert f'href="/people/{people.person_a_id}/plan/preview"' in page.text
    assert f'href="/people/{people.person_a_id}/plan/publish"' in page.text


def test_the_persons_page_links_to_the_editor(app: Flask, people: People):
    client = signed_in(app, people.key_worker_of_a)
    page = client.get(f"/people/{people.person_a_id}").text
    assert f'href="/people/{people.person_a_id}/plan"' in page


def test_the_persons_answer_to_the_latest_version_is_shown(app: Flask, people: People):
    build_plan(app, people.person_a_id)
    person = signed_in(app, people.person_a)
    from tests.conftest import form_post

    form_post(person, "/plan/history/1", {"response": "talk", "note": "Not sure about swimming"})
    page = signed_in(app, people.key_worker_of_a).get(f"/people/{people.person_a_id}/plan").text
    assert "I'd like to talk about it" in page
    assert "Not sure about swimming" in page


def test_without_javascript_a_section_is_saved_as_a_draft_the_person_does_not_see(
    app: Flask, people: People
):
    build_plan(app, people.person_a_id)
    client = signed_in(app, people.key_worker_of_a)
    fields = open_section(client, people.person_a_id, "what_matters")
    assert fields["what_matters_to_me"] == "Seeing my family"
    assert fields["draft_version"] == "0"
    saved = submit_section(
        client, people.person_a_id, "what_matters", fields, {"what_matters_to_me": "My dog, Rex"}
    )
    assert saved.status_code == 303
    assert saved.headers["Location"].endswith(
        f"/people/{people.person_a_id}/plan#section-what_matters"
    )
    overview = client.get(f"/people/{people.person_a_id}/plan").text
    assert "My dog, Rex" in overview
    assert "Draft: changed by Priya Shah" in overview
    assert "is saved in the draft" in overview

    person = signed_in(app, people.person_a)
    plan_page = person.get("/plan").text
    assert "Seeing my family" in plan_page and "My dog, Rex" not in plan_page


def test_with_htmx_change_opens_the_form_in_place_and_saving_puts_the_section_back(
    app: Flask, people: People
):
    build_plan(app, people.person_a_id)
    client = signed_in(app, people.key_worker_of_a)
    url = section_url(people.person_a_id, "what_matters")
    form = client.get(url, headers={"HX-Request": "true"})
    assert form.status_code == 200
    assert "<html" not in form.text
    assert f'data-hx-post="{url}"' in form.text
    assert 'data-hx-target="#section-what_matters"' in form.text
    assert "data-focus-after-swap" in form.text
    assert "HX-Request" in form.headers["Vary"]

    fields = open_section(client, people.person_a_id, "what_matters")
    saved = submit_section(
        client,
        people.person_a_id,
        "what_matters",
        fields,
        {"what_matters_to_me": "Walking the dog"},
        htmx=True,
    )
    assert saved.status_code == 200
    assert "<html" not in saved.text and "<form" not in saved.text
    assert "Walking the dog" in saved.text
    assert "Draft: changed by Priya Shah" in saved.text
    assert 'data-status-message="“What matters to them” is saved in the draft.' in saved.text
    assert 'id="heading-what_matters"' in saved.text and "data-focus-after-swap" in saved.text


def test_goals_are_added_changed_and_taken_out_in_the_draft(app: Flask, people: People):
    build_plan(app, people.person_a_id)
    client = signed_in(app, people.key_worker_of_a)
    fields = open_section(client, people.person_a_id, "goals")
    assert fields["goals-0-goal"] == "Swim weekly"
    assert fields["goals-1-goal"] == ""  # the empty "Add a goal" fieldset
    saved = submit_section(
        client,
        people.person_a_id,
        "goals",
        fields,
        {
            "goals-0-remove": "y",
            "goals-1-life_area": "job_situation",
            "goals-1-goal": "Volunteer at the library",
            "goals-1-why_it_matters": "I like books",
        },
    )
    assert saved.status_code == 303
    overview = client.get(f"/people/{people.person_a_id}/plan").text
    assert "Volunteer at the library" in overview
    assert "Taken out of the plan when it is published:" in overview

    again = open_section(client, people.person_a_id, "goals")
    assert again["goals-0-goal"] == "Volunteer at the library"
    assert again["goals-0-item_id"] == "new"
    assert again["goals-1-goal"] == "Swim weekly" and again["goals-1-remove"] == "y"
    assert again["draft_version"] == "1"


def test_save_and_add_another_comes_back_to_an_empty_fieldset(app: Flask, people: People):
    client = signed_in(app, people.key_worker_of_a)
    fields = open_section(client, people.person_a_id, "interventions")
    saved = submit_section(
        client,
        people.person_a_id,
        "interventions",
        fields,
        {"interventions-0-name": "Family intervention", "then": "add"},
    )
    assert saved.status_code == 303
    assert saved.headers["Location"].endswith("/plan/interventions#add-interventions")
    again = open_section(client, people.person_a_id, "interventions")
    assert again["interventions-0-name"] == "Family intervention"
    assert again["interventions-1-name"] == ""

    htmx = submit_section(
        client,
        people.person_a_id,
        "interventions",
        again,
        {"interventions-1-name": "Employment support", "then": "add"},
        htmx=True,
    )
    assert htmx.status_code == 200
    assert "<html" not in htmx.text
    assert "You can add another" in htmx.text
    assert 'id="add-interventions"' in htmx.text


def test_an_action_names_who_does_it_from_the_care_team(app: Flask, people: People):
    build_plan(app, people.person_a_id)
    client = signed_in(app, people.key_worker_of_a)
    tom = staff_member_id(app, "Tom Okafor")
    oli = staff_member_id(app, "Oli Other")  # another team: not in Alex's care team
    page = client.get(section_url(people.person_a_id, "actions")).text
    assert f'<option value="team:{tom}">Tom Okafor, Psychological therapy</option>' in page
    assert "Oli Other" not in page
    assert "How it is going: Not started" in page  # statuses are shown, not edited
    fields = open_section(client, people.person_a_id, "actions")
    new = {
        "actions-4-description": "Book six sessions",
        "actions-4-who": f"team:{tom}",
        "actions-4-due_day": "1",
        "actions-4-due_month": "6",
        "actions-4-due_year": "2031",
    }
    assert submit_section(client, people.person_a_id, "actions", fields, new).status_code == 303
    overview = client.get(f"/people/{people.person_a_id}/plan").text
    assert "Book six sessions" in overview and "Who: Tom Okafor" in overview

    fields = open_section(client, people.person_a_id, "actions")
    forged = submit_section(
        client,
        people.person_a_id,
        "actions",
        fields,
        {
            **{k.replace("-4-", "-5-"): v for k, v in new.items()},
            "actions-5-who": f"team:{oli}",
        },
    )
    assert forged.status_code == 422
    assert "Choose who will do it" in forged.text


def test_bad_input_answers_422_and_keeps_everything_typed(app: Flask, people: People):
    build_plan(app, people.person_a_id)
    client = signed_in(app, people.key_worker_of_a)
    fields = open_section(client, people.person_a_id, "actions")
    response = submit_section(
        client,
        people.person_a_id,
        "actions",
        fields,
        {
            "actions-0-description": "Walk daily, twice",
            "actions-4-description": "",
            "actions-4-who": "partner",
            "actions-4-owner_name": "",
            "actions-4-due_day": "31",
            "actions-4-due_month": "2",
            "actions-4-due_year": "2031",
        },
    )
    assert response.status_code == 422
    text = response.text
    assert "<title>Error: " in text
    assert "Add an action: Write what will be done" in text
    assert "Write which service or agency will do it" in text
    assert "Enter a real date" in text
    assert 'href="#actions-4-description"' in text
    assert "Walk daily, twice" in text  # an earlier item's change is kept too
    assert 'value="31"' in text
    with database(app) as session:
        assert session.scalars(select(PlanDraftSection)).all() == []

    htmx = submit_section(
        client,
        people.person_a_id,
        "goals",
        open_section(client, people.person_a_id, "goals"),
        {"goals-1-why_it_matters": "Because", "goals-1-goal": ""},
        htmx=True,
    )
    assert htmx.status_code == 422
    assert "<html" not in htmx.text and "nhsuk-error-summary" in htmx.text
    assert "Write the goal in their words" in htmx.text and ">Because</textarea>" in htmx.text


def test_a_section_put_back_as_it_was_leaves_no_draft(app: Flask, people: People):
    build_plan(app, people.person_a_id)
    client = signed_in(app, people.key_worker_of_a)
    fields = open_section(client, people.person_a_id, "review")
    submit_section(client, people.person_a_id, "review", fields, {"care_act_needs": "Meals"})
    fields = open_section(client, people.person_a_id, "review")
    submit_section(client, people.person_a_id, "review", fields, {"care_act_needs": ""})
    overview = client.get(f"/people/{people.person_a_id}/plan").text
    assert overview.count("No changes since version 1") == 6


def test_the_overview_costs_a_fixed_number_of_queries(app: Flask, people: People):
    build_plan(app, people.person_a_id)
    client = signed_in(app, people.key_worker_of_a)
    with count_queries(app) as few:
        client.get(f"/people/{people.person_a_id}/plan")
    with database(app) as session:
        plan_id = session.scalars(select(PlanAction.plan_id)).first()
        for n in range(30):
            session.add(PlanAction(plan_id=plan_id, owner=ActionOwner.ME, description=f"Step {n}"))
            session.add(Goal(plan_id=plan_id, life_area=LifeArea.LEISURE, goal=f"Goal {n}"))
    with count_queries(app) as many:
        client.get(f"/people/{people.person_a_id}/plan")
    assert len(many) == len(few)
