"""Issue 4: staff keep a person's care team current. History is kept, there
is exactly one named key worker at a time, and the person's home page shows
each change on the very next request."""

from __future__ import annotations

from datetime import date
from html import unescape
from typing import Any

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import event, select, text

from portal.models import AuditEvent, CareTeamMember, ServiceUser, StaffMember
from tests.conftest import database, form_post, sign_in
from tests.factories import add_to_care_team, make_service_user, make_staff, make_team
from tests.integration.conftest import People


def _staff_id(app: Flask, name: str) -> int:
    with database(app) as session:
        return session.scalars(select(StaffMember.id).where(StaffMember.name == name)).one()


def _memberships(app: Flask, person_id: int) -> list[tuple[str, str, bool, date, date | None]]:
    with database(app) as session:
        rows = session.execute(
            select(CareTeamMember, StaffMember.name)
            .join(StaffMember, CareTeamMember.staff_member_id == StaffMember.id)
            .where(CareTeamMember.service_user_id == person_id)
            .order_by(CareTeamMember.id)
        ).all()
        return [
            (name, m.role_in_care, m.is_key_worker, m.started_on, m.ended_on) for m, name in rows
        ]


def _active_key_workers(app: Flask, person_id: int) -> list[str]:
    return [
        name
        for name, _role, key_worker, _start, end in _memberships(app, person_id)
        if key_worker and end is None
    ]


def _change_key_worker(
    client: FlaskClient, person_id: int, data: dict[str, str], *, keep_current: bool = True
) -> Any:
    path = f"/people/{person_id}/care-team/key-worker"
    page = client.get(path).text
    current = page.split('name="current" value="', 1)[1].split('"', 1)[0]
    return form_post(client, path, {"current": current if keep_current else "", **data})


def test_changing_the_key_worker_keeps_history_and_the_person_sees_it_at_once(
    app: Flask, client: FlaskClient, people: People
):
    tom = _staff_id(app, "Tom Okafor")  # already in A's team as an MDT member
    person = app.test_client()
    sign_in(person, people.person_a)
    assert "Tom Okafor" in person.get("/").text  # warm: the page is read before the change
    sign_in(client, people.key_worker_of_a)

    response = _change_key_worker(
        client,
        people.person_a_id,
        {
            "staff_member": str(tom),
            "role": "Key worker and psychologist",
            "outgoing": "stay",
            "outgoing_role": "Medication reviews",
        },
    )

    assert response.status_code == 303
    assert response.headers["Location"].endswith(f"/people/{people.person_a_id}/care-team")
    today = date.today()
    rows = _memberships(app, people.person_a_id)
    assert ("Priya Shah", "Key worker", True, rows[0][3], today) in rows  # ended, not deleted
    assert ("Tom Okafor", "Psychological therapy", False, rows[1][3], today) in rows
    assert ("Tom Okafor", "Key worker and psychologist", True, today, None) in rows
    assert ("Priya Shah", "Medication reviews", False, today, None) in rows
    assert _active_key_workers(app, people.person_a_id) == ["Tom Okafor"]

    home = person.get("/").text
    card = home.split('id="key-worker"', 1)[1].split('id="next-review"', 1)[0]
    assert "Tom Okafor" in card and "Priya Shah" not in card
    assert "Helps with: Medication reviews" in home  # Priya stays in the team

    manage = client.get(f"/people/{people.person_a_id}/care-team").text
    assert "The named key worker has been changed." in manage
    past = manage.split('id="past-members"', 1)[1]
    assert "Key worker (named key worker)" in past and "Psychological therapy" in past


def test_the_key_worker_who_leaves_the_team_loses_access_at_once(
    app: Flask, client: FlaskClient, people: People
):
    sign_in(client, people.key_worker_of_a)
    response = _change_key_worker(
        client,
        people.person_a_id,
        {
            "staff_member": str(_staff_id(app, "Tom Okafor")),
            "role": "Key worker",
            "outgoing": "leave",
        },
    )
    assert response.status_code == 303
    assert response.headers["Location"] == "/"
    assert "You are no longer in Alex's care team" in unescape(client.get("/").text)
    for path in ("", "/care-team", "/support-level", "/care-team/key-worker"):
        assert client.get(f"/people/{people.person_a_id}{path}").status_code == 404
    assert _active_key_workers(app, people.person_a_id) == ["Tom Okafor"]


def test_a_key_worker_from_another_organisation_can_be_chosen_from_the_grouped_list(
    app: Flask, client: FlaskClient, people: People
):
    with database(app):
        housing = make_team("Homes First", organisation="Example Housing Association")
        make_staff(housing, "Hana Housing", with_user=False, profession="Housing officer")
    sign_in(client, people.key_worker_of_a)
    page = client.get(f"/people/{people.person_a_id}/care-team/key-worker").text
    assert '<optgroup label="Homes First, Example Housing Association">' in page
    assert "Hana Housing, Housing officer" in page
    assert "Tom Okafor, Psychologist (in the care team)" in page
    assert "Oli Other" in page  # any team


def test_choosing_the_current_key_worker_again_is_refused(
    app: Flask, client: FlaskClient, people: People
):
    sign_in(client, people.key_worker_of_a)
    response = _change_key_worker(
        client,
        people.person_a_id,
        {
            "staff_member": str(_staff_id(app, "Priya Shah")),
            "role": "Key worker",
            "outgoing": "leave",
        },
    )
    assert response.status_code == 422
    assert "Priya Shah is already the named key worker" in response.text
    assert _active_key_workers(app, people.person_a_id) == ["Priya Shah"]


def test_the_key_worker_form_explains_what_is_missing_and_keeps_what_was_typed(
    app: Flask, client: FlaskClient, people: People
):
    sign_in(client, people.key_worker_of_a)
    response = _change_key_worker(
        client,
        people.person_a_id,
        {"staff_member": "", "role": "Care co-ordinator", "outgoing": "stay"},
    )
    assert response.status_code == 422
    assert "<title>Error: " in response.text
    assert 'href="#staff_member"' in response.text
    assert "Choose who will be the named key worker" in response.text
    assert "Write the current key worker's role from now on" in unescape(response.text)
    assert 'value="Care co-ordinator"' in response.text


def test_a_form_opened_before_someone_else_changed_the_key_worker_changes_nothing(
    app: Flask, client: FlaskClient, people: People
):
    sign_in(client, people.key_worker_of_a)
    response = _change_key_worker(
        client,
        people.person_a_id,
        {
            "staff_member": str(_staff_id(app, "Tom Okafor")),
            "role": "Key worker",
            "outgoing": "stay",
            "outgoing_role": "Support",
        },
        keep_current=False,  # the page was opened when there was no key worker
    )
    assert response.status_code == 409
    assert "someone else changed" in response.text
    assert "Nothing you chose has been saved" in response.text
    assert _active_key_workers(app, people.person_a_id) == ["Priya Shah"]


def test_two_key_worker_changes_racing_end_in_a_clear_message_and_one_key_worker(
    app: Flask, client: FlaskClient, people: People
):
    """Another change commits between reading the team and writing ours: the
    database's one-key-worker index refuses ours, and the page says why."""
    priya_id = _staff_id(app, "Priya Shah")
    with database(app) as session:
        person = make_service_user("Cass", with_user=False)
        priya = session.get(StaffMember, priya_id)
        assert priya is not None
        add_to_care_team(person, priya, "Support")  # in the team, not the key worker
        person_id = person.id
    oli, tom = _staff_id(app, "Oli Other"), _staff_id(app, "Tom Okafor")
    sign_in(client, people.key_worker_of_a)
    token_page = client.get(f"/people/{person_id}/care-team/key-worker").text
    engine = app.extensions["portal_engine"]
    raced: list[bool] = []

    def someone_else_commits_first(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if raced or not statement.lstrip().upper().startswith("INSERT INTO CARE_TEAM_MEMBERS"):
            return
        raced.append(True)
        with engine.connect() as other:
            other.execute(
                text(
                    "INSERT INTO care_team_members (service_user_id, staff_member_id, role_in_care,"
                    " is_key_worker, started_on) VALUES (:person, :tom, 'Key worker', true, :today)"
                ),
                {"person": person_id, "tom": tom, "today": date.today()},
            )
            other.commit()

    event.listen(engine, "before_cursor_execute", someone_else_commits_first)
    try:
        response = form_post(
            client,
            f"/people/{person_id}/care-team/key-worker",
            {"staff_member": str(oli), "role": "Key worker", "current": ""},
            token_from=f"/people/{person_id}/care-team/key-worker",
        )
    finally:
        event.remove(engine, "before_cursor_execute", someone_else_commits_first)
    assert token_page and raced
    assert response.status_code == 409
    assert "someone else changed" in response.text
    assert _active_key_workers(app, person_id) == ["Tom Okafor"]


def test_adding_someone_already_in_the_care_team_is_refused(
    app: Flask, client: FlaskClient, people: People
):
    sign_in(client, people.key_worker_of_a)
    before = _memberships(app, people.person_a_id)
    response = form_post(
        client,
        f"/people/{people.person_a_id}/care-team/add",
        {"staff_member": str(_staff_id(app, "Tom Okafor")), "role": "Something else"},
    )
    assert response.status_code == 422
    assert "This person is already in Alex's care team" in unescape(response.text)
    assert 'value="Something else"' in response.text
    assert _memberships(app, people.person_a_id) == before


def test_an_added_member_from_a_partner_agency_shows_on_the_persons_home(
    app: Flask, client: FlaskClient, people: People
):
    with database(app):
        housing = make_team("Homes First", organisation="Example Housing Association")
        hana = make_staff(housing, "Hana Housing", with_user=False, profession="Housing officer")
        hana_id = hana.id
    sign_in(client, people.key_worker_of_a)
    response = form_post(
        client,
        f"/people/{people.person_a_id}/care-team/add",
        {"staff_member": str(hana_id), "role": "Help with my tenancy"},
    )
    assert response.status_code == 303
    person = app.test_client()
    sign_in(person, people.person_a)
    home = person.get("/").text
    assert "Hana Housing" in home and "Helps with: Help with my tenancy" in home
    with database(app) as session:
        assert session.scalars(
            select(AuditEvent.action).where(
                AuditEvent.object_type == "care_team_member",
                AuditEvent.service_user_id == people.person_a_id,
            )
        ).all() == ["create"]


def test_the_named_key_worker_cannot_be_removed_and_the_page_says_what_to_do(
    app: Flask, client: FlaskClient, people: People
):
    with database(app) as session:
        key_worker_membership = session.scalars(
            select(CareTeamMember.id).where(
                CareTeamMember.service_user_id == people.person_a_id, CareTeamMember.is_key_worker
            )
        ).one()
    path = f"/people/{people.person_a_id}/care-team/{key_worker_membership}/end"
    sign_in(client, people.key_worker_of_a)
    page = client.get(path)
    assert page.status_code == 200
    assert "Priya Shah is the named key worker" in page.text
    assert f'href="/people/{people.person_a_id}/care-team/key-worker"' in page.text
    assert "Remove from the care team</button>" not in page.text
    refused = form_post(client, path, {}, token_from=f"/people/{people.person_a_id}/care-team")
    assert refused.status_code == 409
    assert _active_key_workers(app, people.person_a_id) == ["Priya Shah"]


def test_ending_a_membership_keeps_it_in_the_history_and_the_person_sees_it_go(
    app: Flask, client: FlaskClient, people: People
):
    path = f"/people/{people.person_a_id}/care-team/{people.ids['a_mdt']}/end"
    sign_in(client, people.key_worker_of_a)
    assert "Remove Tom Okafor from the care team" in client.get(path).text
    response = form_post(client, path, {})
    assert response.status_code == 303
    manage = client.get(f"/people/{people.person_a_id}/care-team").text
    assert "Tom Okafor is no longer in Alex's care team" in unescape(manage)
    assert "Tom Okafor" in manage.split('id="past-members"', 1)[1]
    assert ("Tom Okafor", "Psychological therapy", False) in [
        row[:3] for row in _memberships(app, people.person_a_id) if row[4] == date.today()
    ]
    person = app.test_client()
    sign_in(person, people.person_a)
    assert "Tom Okafor" not in person.get("/").text
    assert client.get(path).status_code == 404  # already ended


def test_ending_your_own_membership_removes_your_access_at_once(
    app: Flask, client: FlaskClient, people: People
):
    oli_id = _staff_id(app, "Oli Other")
    with database(app) as session:
        oli, person = session.get(StaffMember, oli_id), session.get(ServiceUser, people.person_a_id)
        assert oli is not None and person is not None
        membership_id = add_to_care_team(person, oli, "Employment support").id
    sign_in(client, people.other_team_staff)
    path = f"/people/{people.person_a_id}/care-team/{membership_id}/end"
    page = client.get(path).text
    assert "You will lose access" in page
    response = form_post(client, path, {})
    assert response.status_code == 303 and response.headers["Location"] == "/"
    assert "You are no longer in Alex's care team" in unescape(client.get("/").text)
    assert client.get(f"/people/{people.person_a_id}").status_code == 404


def test_staff_outside_the_care_team_get_404_for_every_page_and_change(
    app: Flask, client: FlaskClient, people: People
):
    sign_in(client, people.other_team_staff)
    a = people.person_a_id
    token_from = f"/people/{people.person_b_id}/care-team"
    for path in (
        f"/people/{a}/care-team",
        f"/people/{a}/care-team/key-worker",
        f"/people/{a}/care-team/add",
        f"/people/{a}/care-team/{people.ids['a_mdt']}/end",
        f"/people/{a}/support-level",
    ):
        assert client.get(path).status_code == 404, path
        if path.endswith("/care-team"):
            continue  # a page with no form
        refused = form_post(
            client,
            path,
            {"staff_member": "1", "role": "x", "level": "stepped_up", "reason": "x"},
            token_from=token_from,
        )
        assert refused.status_code == 404, path
    assert _active_key_workers(app, a) == ["Priya Shah"]


def test_reading_the_care_team_is_audited_once_per_page(
    app: Flask, client: FlaskClient, people: People
):
    sign_in(client, people.key_worker_of_a)
    client.get(f"/people/{people.person_a_id}/care-team")
    with database(app) as session:
        events = session.execute(
            select(AuditEvent.acting_as, AuditEvent.action, AuditEvent.object_type).where(
                AuditEvent.service_user_id == people.person_a_id
            )
        ).all()
    assert [tuple(e) for e in events] == [("staff", "view", "care_team")]
