"""Issue 4: a caseload of 5,000 people stays paged, searchable and, on
PostgreSQL, found through indexes (no scan of every service user).

The people are bulk-inserted through the session (the factories build one
person at a time, far too slowly for thousands)."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import event, insert, text

from portal.models import (
    Base,
    CarePlan,
    CareTeamMember,
    PlanResponse,
    PlanVersion,
    PlanVersionResponse,
    ServiceUser,
)
from portal.nhs_number import with_check_digit
from tests.conftest import database, sign_in
from tests.factories import make_staff, make_team

CASELOAD = 5_000
ELSEWHERE = 3_000  # another team's people: the caseload is a small part of the database
LAST_NAME = "Zanele Okonkwo-Brightwater"  # sorts after every "Test Person …"
KEY_WORKER = "kai@example.org"
ROW = re.compile(r'<tr class="nhsuk-table__row">(.*?)</tr>', re.S)


@dataclass(frozen=True)
class BigCaseload:
    nhs_number_of_person_1234: str


def _nhs_numbers(count: int, start: int) -> Iterator[str]:
    seed = start
    while count:
        number = with_check_digit(f"{seed:09d}")
        seed += 1
        if number:
            count -= 1
            yield number


def _people(names: list[str], numbers: Iterator[str]) -> list[dict[str, Any]]:
    return [
        {
            "preferred_name": name.split()[0],
            "full_name": name,
            "nhs_number": next(numbers),
            "date_of_birth": date(1980, 1, 1),
        }
        for name in names
    ]


def _add_people(session: Any, rows: list[dict[str, Any]], staff_id: int, user_id: int) -> None:
    """People, each with the staff member as key worker, a plan and a
    published version; every tenth would like to talk about it."""
    ids = list(
        session.scalars(
            insert(ServiceUser).returning(ServiceUser.id, sort_by_parameter_order=True), rows
        )
    )
    session.execute(
        insert(CareTeamMember),
        [
            {
                "service_user_id": person,
                "staff_member_id": staff_id,
                "role_in_care": "Key worker",
                "is_key_worker": True,
                "started_on": date(2026, 1, 1),
            }
            for person in ids
        ],
    )
    plans = list(
        session.scalars(
            insert(CarePlan).returning(CarePlan.id, sort_by_parameter_order=True),
            [{"service_user_id": person, "version": 1} for person in ids],
        )
    )
    versions = list(
        session.scalars(
            insert(PlanVersion).returning(PlanVersion.id, sort_by_parameter_order=True),
            [
                {"plan_id": plan, "number": 1, "published_by_name": "Kai", "summary": "First"}
                | {"snapshot": "{}"}
                for plan in plans
            ],
        )
    )
    session.execute(
        insert(PlanVersionResponse),
        [
            {"version_id": version, "user_id": user_id, "response": PlanResponse.TALK}
            for version in versions[::10]
        ],
    )


def _seed(app: Flask, elsewhere: int = ELSEWHERE) -> BigCaseload:
    with database(app) as session:
        kai = make_staff(make_team("Big Hub"), "Kai Keyworker", email=KEY_WORKER)
        other = make_staff(make_team("Elsewhere"), "Olu Other", with_user=False)
        assert kai.user_id is not None
        numbers = _nhs_numbers(CASELOAD + elsewhere, start=600_000_000)
        mine = _people([f"Test Person {n:04d}" for n in range(1, CASELOAD)] + [LAST_NAME], numbers)
        _add_people(session, mine, kai.id, kai.user_id)
        if elsewhere:
            others = _people([f"Other Person {n:04d}" for n in range(elsewhere)], numbers)
            _add_people(session, others, other.id, kai.user_id)
        return BigCaseload(nhs_number_of_person_1234=mine[1233]["nhs_number"])


def _names(html: str) -> list[str]:
    body = html.partition('<tbody class="nhsuk-table__body">')[2]
    return [
        re.search(r'<a href="/people/\d+">([^<]+)</a>', row).group(1)  # type: ignore[union-attr]
        for row in ROW.findall(body)
    ]


def test_5000_people_are_paged_25_at_a_time_and_searchable(app: Flask, client: FlaskClient):
    seeded = _seed(app)
    sign_in(client, KEY_WORKER)

    first = client.get("/caseload").text
    assert _names(first) == [f"Test Person {n:04d}" for n in range(1, 26)]
    assert "Showing 1 to 25 of 5,000 people" in first
    assert 'href="/caseload?page=2" class="nhsuk-pagination__next" rel="next"' in first
    assert 'aria-label="Page 200"' in first  # the last page is one step away

    second = client.get("/caseload?page=2").text
    assert "Showing 26 to 50 of 5,000 people" in second
    assert _names(second)[0] == "Test Person 0026"

    last = client.get("/caseload?page=200").text
    assert "Showing 4,976 to 5,000 of 5,000 people" in last
    assert _names(last) == [f"Test Person {n:04d}" for n in range(4976, 5000)] + [LAST_NAME]
    assert 'rel="next"' not in last and 'rel="prev"' in last

    number = seeded.nhs_number_of_person_1234
    by_number = client.get(
        "/caseload", query_string={"q": f"{number[:3]} {number[3:6]} {number[6:]}"}
    )
    assert _names(by_number.text) == ["Test Person 1234"]
    by_name = client.get("/caseload?q=brightwater").text
    assert _names(by_name) == [LAST_NAME]
    assert "Showing 1 to 1 of 1 people" in by_name
    assert "Other Person" not in client.get("/caseload?q=person&page=200").text


# --- PostgreSQL: the plan the database really chooses -------------------------

# Tables with thousands of rows here; a sequential scan of any of them would
# mean a page reads the whole service, not the caseload.
BIG_TABLES = {
    "service_users",
    "care_team_members",
    "care_plans",
    "plan_versions",
    "plan_version_responses",
}
SEQ_SCAN = re.compile(r"Seq Scan on (\w+)")
CARE_TEAM_INDEX = re.compile(
    r"Index (Only )?Scan using ix_care_team_members_\w+ on care_team_members"
)
on_postgresql = pytest.mark.skipif(
    "postgresql" not in os.environ.get("TEST_DATABASE_URL", ""),
    reason="query plans are checked on PostgreSQL (set TEST_DATABASE_URL)",
)


def _caseload_statements(app: Flask, client: FlaskClient, path: str) -> list[tuple[str, Any]]:
    """The caseload's own SQL (count and page) as the request sent it."""
    sent: list[tuple[str, Any]] = []

    def capture(_conn: Any, _cursor: Any, statement: str, parameters: Any, *_: Any) -> None:
        caseload = "on_page" in statement or "count(DISTINCT" in statement
        if caseload and "FROM care_team_members" in statement:
            sent.append((statement, parameters))

    engine = app.extensions["portal_engine"]
    event.listen(engine, "before_cursor_execute", capture)
    try:
        assert client.get(path).status_code == 200
    finally:
        event.remove(engine, "before_cursor_execute", capture)
    return sent


# The rest of a service: 45,000 more people in 50 other teams, written by
# PostgreSQL itself (the ORM would take minutes), so that the caseload is a
# small part of the database, as it is in real life.
REST_OF_THE_SERVICE = """
INSERT INTO teams (name, organisation, organisation_type)
  SELECT 'Team ' || t, 'Example NHS Foundation Trust', 'nhs_trust' FROM generate_series(1, 50) t;
INSERT INTO staff_members (team_id, name, profession, is_team_manager, is_active)
  SELECT id, 'Staff ' || id || '-' || s, 'Nurse', false, true
  FROM teams, generate_series(1, 10) s WHERE teams.name LIKE 'Team %';
INSERT INTO service_users (preferred_name, full_name, nhs_number, date_of_birth,
    needs_interpreter, needs_easy_read, needs_large_print, needs_bsl, support_level, created_at)
  SELECT 'Pat', 'Service Person ' || n, (9000000000 + n)::text, DATE '1980-01-01',
    false, false, false, false, 'standard', now()
  FROM generate_series(1, 45000) n;
INSERT INTO care_team_members (service_user_id, staff_member_id, role_in_care, is_key_worker,
    started_on)
  SELECT p.id, s.id, 'Key worker', true, DATE '2026-01-01'
  FROM (SELECT id, row_number() OVER (ORDER BY id) AS n FROM service_users
        WHERE full_name LIKE 'Service Person %') p
  JOIN (SELECT id, row_number() OVER (ORDER BY id) - 1 AS n FROM staff_members
        WHERE name LIKE 'Staff %') s ON s.n = p.n % 500;
"""


@on_postgresql
def test_on_postgresql_the_caseload_is_found_through_indexes(app: Flask, client: FlaskClient):
    seeded = _seed(app, elsewhere=0)  # the rest of the service comes next, faster
    engine = app.extensions["portal_engine"]
    with engine.connect() as connection:
        for statement in REST_OF_THE_SERVICE.split(";"):
            if statement.strip():
                connection.execute(text(statement))
        connection.commit()
    # As autovacuum would have done by now: statistics, and the visibility
    # map that lets PostgreSQL read an index without the table.
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.execute(text("VACUUM ANALYZE"))
    try:
        plans = _explain_caseload_pages(app, client, seeded)
    finally:
        # Far quicker than the row-by-row clean-up after each test.
        with engine.begin() as connection:
            tables = ", ".join(table.name for table in Base.metadata.sorted_tables)
            connection.execute(text(f"TRUNCATE {tables}"))
    print("\n\n".join(f"=== {name}\n{plan}" for name, plan in plans.items()))  # for the record


def _explain_caseload_pages(app: Flask, client: FlaskClient, seeded: BigCaseload) -> dict[str, str]:
    engine = app.extensions["portal_engine"]
    sign_in(client, KEY_WORKER)
    number = seeded.nhs_number_of_person_1234
    plans: dict[str, str] = {}
    for path in (
        "/caseload",
        "/caseload?page=200",
        "/caseload?q=brightwater",
        f"/caseload?q={number}",
    ):
        statements = _caseload_statements(app, client, path)
        assert len(statements) == 2, f"{path}: expected the count and the page"
        for statement, parameters in statements:
            raw = engine.raw_connection()
            try:
                cursor = raw.cursor()
                cursor.execute("EXPLAIN (ANALYZE, COSTS OFF) " + statement, parameters)
                plan = "\n".join(row[0] for row in cursor.fetchall())
            finally:
                raw.close()
            kind = "page" if "on_page" in statement else "count"
            plans[f"{path} ({kind})"] = plan
            assert CARE_TEAM_INDEX.search(plan), f"{path} {kind}: no index used\n{plan}"
            scanned = set(SEQ_SCAN.findall(plan)) & BIG_TABLES
            assert not scanned, f"{path} {kind} scans {scanned}:\n{plan}"
    return plans
