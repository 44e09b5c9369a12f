"""Shared fixtures: a real database (a SQLite file, or PostgreSQL when
TEST_DATABASE_URL is set), migrated with the real Alembic migrations, and
emptied between tests."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import create_engine, make_url, text

from portal import create_app
from portal.extensions import limiter
from portal.migrations import upgrade
from portal.models import Base

# Each passing page check of tests/browser records this property, for the
# run's summary line (here, where the pytest-xdist controller sees it).
PAGE_CHECK = "page_check"
CSRF_FIELD = re.compile(r'name="csrf_token" value="([^"]+)"')


@pytest.fixture(scope="session")
def database_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    url = os.environ.get("TEST_DATABASE_URL")
    worker_database = None
    if not url:
        # tmp_path_factory gives each pytest-xdist worker a folder of its own.
        url = f"sqlite:///{tmp_path_factory.mktemp('db') / 'portal-test.sqlite3'}"
    elif os.environ.get("PYTEST_XDIST_WORKER"):
        # Parallel workers each empty the tables between tests: each needs
        # a PostgreSQL database of its own beside the one named.
        url, worker_database = _database_for_worker(url, os.environ["PYTEST_XDIST_WORKER"])
    engine = create_engine(_with_driver(url))
    with engine.begin() as connection:
        Base.metadata.drop_all(connection)
        connection.execute(text("DROP TABLE IF EXISTS alembic_version"))
    upgrade(engine)
    engine.dispose()
    yield url
    if worker_database:
        _run_on_server(url, f'DROP DATABASE IF EXISTS "{worker_database}"')


def _with_driver(url: str) -> str:
    return url.replace("postgresql://", "postgresql+psycopg://", 1)


def _run_on_server(url: str, statement: str) -> None:
    """A statement outside any database's transaction (CREATE/DROP DATABASE)."""
    server = create_engine(
        _with_driver(make_url(url).set(database="postgres").render_as_string(hide_password=False)),
        isolation_level="AUTOCOMMIT",
    )
    with server.connect() as connection:
        connection.execute(text(statement))
    server.dispose()


def _database_for_worker(url: str, worker: str) -> tuple[str, str]:
    name = f"{make_url(url).database}_{worker}"
    _run_on_server(url, f'DROP DATABASE IF EXISTS "{name}"')
    _run_on_server(url, f'CREATE DATABASE "{name}"')
    return make_url(url).set(database=name).render_as_string(hide_password=False), name


@pytest.fixture
def app_config(database_url: str, tmp_path: Path) -> dict[str, Any]:
    """Override in a test module to change settings for its tests."""
    return {}


@pytest.fixture
def app(database_url: str, tmp_path: Path, app_config: dict[str, Any]) -> Iterator[Flask]:
    config = {
        "TESTING": True,
        "DATABASE_URL": database_url,
        "SECRET_KEY": "test-secret-key-not-for-real-use",
        "INSTANCE_DIR": str(tmp_path / "instance"),
        "RATELIMIT_STORAGE_URI": os.environ.get("TEST_RATELIMIT_STORAGE_URI", "memory://"),
        **app_config,
    }
    flask_app = create_app(config)
    with flask_app.app_context():
        limiter.reset()
    yield flask_app
    _empty_all_tables(flask_app)


def _empty_all_tables(flask_app: Flask) -> None:
    engine = flask_app.extensions["portal_engine"]
    with engine.begin() as connection:
        for table in reversed(Base.metadata.sorted_tables):
            connection.execute(table.delete())
    engine.dispose()
    flask_app.session_interface.engine.dispose()  # type: ignore[attr-defined]


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@contextmanager
def database(app: Flask) -> Iterator[Any]:
    """The portal's own session, for arranging or checking data, committed on
    exit. Never hold this open around requests: a request inside an open app
    context shares its ``g``, which would leak the signed-in user between
    requests and hide real bugs."""
    from portal import db

    with app.test_request_context():
        yield db.session
        db.session.commit()


# Random per-request values a page carries: CSRF tokens and CSP nonces.
RANDOM_VALUES = re.compile(
    r'(name="csrf_token" value="|X-CSRFToken&#34;: &#34;|"X-CSRFToken": "|nonce=")[^"&]*'
)


def without_random_values(html: str) -> str:
    """The page with its CSRF tokens and nonces blanked, so "no other
    person's name appears" cannot fail on a token that happens to spell
    one (a token once contained "Bea")."""
    return RANDOM_VALUES.sub(r"\1", html)


def csrf_token_from(html: str) -> str:
    match = CSRF_FIELD.search(html)
    assert match, "page has no CSRF token field"
    return match.group(1)


def form_post(
    client: FlaskClient,
    path: str,
    data: dict[str, str],
    *,
    token_from: str | None = None,
    **kwargs: Any,
) -> Any:
    """POST a form the way a browser would: fetch the page for its CSRF token first."""
    page = client.get(token_from or path)
    return client.post(path, data={"csrf_token": csrf_token_from(page.text), **data}, **kwargs)


def sign_in(client: FlaskClient, email: str, password: str | None = None) -> Any:
    from tests.factories import TEST_PASSWORD

    response = form_post(
        client, "/sign-in", {"email": email, "password": password or TEST_PASSWORD}
    )
    assert response.status_code == 303, f"sign-in as {email} failed"
    return response


def pytest_terminal_summary(terminalreporter: Any) -> None:
    """One line saying how many page checks passed, so a run shows what it
    proved (test_every_page_is_accessible.py)."""
    checks = [
        value
        for report in terminalreporter.stats.get("passed", [])
        for name, value in getattr(report, "user_properties", [])
        if name == PAGE_CHECK
    ]
    if not checks:
        return
    failed = sum(
        1
        for report in terminalreporter.stats.get("failed", [])
        if "test_page_is_accessible" in report.nodeid
    )
    html_checked = sum(1 for value in checks if "html" in value)
    terminalreporter.write_line(
        f"Page checks: {len(checks)} pages (each at 320 px and desktop width) with zero "
        f"axe violations, {html_checked} of them also with zero HTML errors; {failed} failed."
    )
