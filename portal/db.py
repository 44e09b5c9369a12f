"""The database engine and the request-scoped session.

Routes never build queries; services use ``db.session``. A request's writes are
committed only when the response is a success or a redirect (see
``commit_on_success``), so a failed request never leaves half its work behind.
"""

from __future__ import annotations

from typing import Any

from flask import Flask, Response, current_app
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, scoped_session, sessionmaker
from sqlalchemy.pool import NullPool


class AppBoundSession(Session):
    """A session that always talks to the current Flask app's engine."""

    def get_bind(self, *args: Any, **kwargs: Any) -> Engine:
        return engine()


def _app_context_scope() -> int:
    from flask import g

    return id(g._get_current_object())


session: scoped_session[Session] = scoped_session(
    sessionmaker(class_=AppBoundSession, expire_on_commit=False),
    scopefunc=_app_context_scope,
)


def engine() -> Engine:
    result: Engine = current_app.extensions["portal_engine"]
    return result


def make_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        # Each request gets its own connection; SQLite files are cheap to open.
        created = create_engine(url, poolclass=NullPool)

        @event.listens_for(created, "connect")
        def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA busy_timeout=5000")
            cursor.close()

        return created
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url.removeprefix("postgresql://")
    return create_engine(url, pool_size=5, max_overflow=5, pool_pre_ping=True)


def init_app(app: Flask) -> None:
    app.extensions["portal_engine"] = make_engine(app.config["DATABASE_URL"])

    @app.after_request
    def commit_on_success(response: Response) -> Response:
        if response.status_code < 400:
            session.commit()
        else:
            session.rollback()
        return response

    @app.teardown_appcontext
    def remove_session(_exc: BaseException | None) -> None:
        session.remove()
