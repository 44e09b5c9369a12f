"""``python -m tests.bench.explain``: the query plans behind each benchmarked page.

Run after ``make bench`` (or with ``BENCH_REUSE_DB=1``), against the bench
database. Each page in ``tests.bench.run.PAGES`` is requested once through
Flask's test client as the same kind of user; every SELECT it sends is then run
again under ``EXPLAIN (ANALYZE, BUFFERS)``. A sequential scan of a large table
is flagged: it usually means a missing index.
"""

from __future__ import annotations

import re
import sys
from typing import Any

import psycopg
from flask.testing import FlaskClient
from sqlalchemy import event

from portal import create_app
from tests.bench import seed
from tests.bench.run import ANONYMOUS, KEY_WORKER, PAGES, SERVICE_USER, Account, targets_for

CSRF_FIELD = re.compile(r'name="csrf_token" value="([^"]+)"')
SEQ_SCAN = re.compile(r"Seq Scan on (\w+)")
LARGE_TABLE_ROWS = 10_000


def _sign_in(client: FlaskClient, email: str) -> None:
    page = client.get("/sign-in")
    match = CSRF_FIELD.search(page.get_data(as_text=True))
    assert match, "the sign-in page has no CSRF token"
    answer = client.post(
        "/sign-in",
        data={"csrf_token": match.group(1), "email": email, "password": seed.BENCH_PASSWORD},
    )
    if answer.status_code != 303:
        raise SystemExit(f"signing in as {email} answered {answer.status_code}")


def main() -> int:
    url = seed.bench_database_url()
    people = seed.existing_people(url)
    if not people:
        print("No bench database: run `make bench` first.")
        return 1
    app = create_app({"DATABASE_URL": seed.libpq_url(url), "SECRET_KEY": "bench-explain-only"})
    statements: list[tuple[str, Any]] = []

    def capture(_conn: Any, _cursor: Any, statement: str, parameters: Any, *_: Any) -> None:
        statements.append((statement, parameters))

    for engine in (app.extensions["portal_engine"], app.session_interface.engine):  # type: ignore[attr-defined]
        event.listen(engine, "before_cursor_execute", capture)

    chosen = seed.pick_accounts(url, 1)
    clients: dict[str, tuple[FlaskClient, Account]] = {}
    for role, email, people_seen in (
        (SERVICE_USER, chosen.service_users[0], []),
        (KEY_WORKER, chosen.key_workers[0].email, chosen.key_workers[0].people),
    ):
        client = app.test_client()
        _sign_in(client, email)
        clients[role] = (client, Account(role, email, "", people_seen))
    clients[ANONYMOUS] = (app.test_client(), Account(ANONYMOUS))

    with psycopg.connect(seed.libpq_url(url)) as conn:
        rows = conn.execute("SELECT relname, n_live_tup FROM pg_stat_user_tables").fetchall()
        sizes: dict[str, int] = dict(rows)
        findings: list[str] = []
        print(f"Query plans on the bench database ({people:,} people)")
        for page in PAGES:
            client, account = clients[page.role]
            path = targets_for(page, [account])[0].path
            statements.clear()
            status = client.get(path).status_code
            print(
                f"\n=== {page.name}: GET {path} as {page.role} -> {status}, "
                f"{len(statements)} statements"
            )
            for number, (statement, parameters) in enumerate(list(statements), 1):
                flat = " ".join(statement.split())
                if not flat.upper().startswith("SELECT") or isinstance(parameters, list):
                    print(f"\n[{number}] (not a SELECT, not explained) {flat[:160]}")
                    continue
                print(f"\n[{number}] {flat}")
                plan = conn.execute(
                    "EXPLAIN (ANALYZE, BUFFERS) " + statement, parameters or None
                ).fetchall()
                conn.rollback()
                text = "\n".join(row[0] for row in plan)
                print("    " + text.replace("\n", "\n    "))
                for table in SEQ_SCAN.findall(text):
                    if sizes.get(table, 0) >= LARGE_TABLE_ROWS:
                        findings.append(
                            f"{page.name} [{number}]: sequential scan of {table} "
                            f"({sizes[table]:,} rows)"
                        )
    print("\nSequential scans of large tables:")
    print("\n".join(f"  {finding}" for finding in findings) or "  none")
    return 0


if __name__ == "__main__":
    sys.exit(main())
