"""Issue 5: carers' notes and open carer's assessment requests show on the
key worker's caseload, so nothing a carer says waits unseen."""

from __future__ import annotations

from flask import Flask
from flask.testing import FlaskClient

from tests.conftest import form_post, sign_in
from tests.integration.conftest import People


def _signed_in(app: Flask, email: str) -> FlaskClient:
    client = app.test_client()
    sign_in(client, email)
    return client


def _alex_row(caseload: str) -> str:
    start = caseload.index(">Alex Example<")
    return caseload[start : caseload.index("</tr>", start)]


def test_notes_and_open_requests_show_on_the_caseload(app: Flask, people: People):
    staff = _signed_in(app, people.key_worker_of_a)
    row = _alex_row(staff.get("/caseload").text)
    assert "1 open carer's assessment request" in row
    assert "1 message from a carer in the last 4 weeks" in row  # Chris's offered action
    carer = _signed_in(app, people.carer_of_a_with_nothing)
    path = f"/caring-for/{people.person_a_id}/share"
    assert form_post(carer, path, {"body": "Struggling", "visibility": "team"}).status_code == 303
    assert "2 messages from carers in the last 4 weeks" in _alex_row(staff.get("/caseload").text)

    done = form_post(
        staff, f"/carers-assessments/{people.ids['a_request']}", {"status": "completed", "note": ""}
    )
    assert done.status_code == 303
    assert "open carer" not in _alex_row(staff.get("/caseload").text)
