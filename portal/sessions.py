"""Server-side sessions that sign-out revokes.

The cookie holds a random token; the database holds its SHA-256 hash and the
session data. Sign-out deletes the row, so a replayed cookie finds nothing.
Signing in gives a new token (no session fixation). A session ends after
``SESSION_IDLE_TIMEOUT_SECONDS`` without a request, or
``SESSION_ABSOLUTE_TIMEOUT_SECONDS`` after it began, whatever happens.
"""

from __future__ import annotations

import hashlib
import json
import secrets
from datetime import UTC, datetime, timedelta
from typing import Any

from flask import Flask, Request, Response
from flask.sessions import SessionInterface, SessionMixin
from sqlalchemy import delete, insert, select, update
from werkzeug.datastructures import CallbackDict

from portal.db import make_engine
from portal.models import WebSession

# Writing last_seen_at on every request would make every page a write; once a
# minute is close enough for a 30-minute idle timeout.
MAX_TOUCH_INTERVAL = timedelta(seconds=60)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class ServerSession(CallbackDict[str, Any], SessionMixin):
    def __init__(
        self,
        initial: dict[str, Any] | None = None,
        sid: str | None = None,
        created_at: datetime | None = None,
        needs_touch: bool = False,
        ended_by_timeout: bool = False,
        timed_out_user_id: int | None = None,
    ) -> None:
        def on_update(_self: CallbackDict[str, Any]) -> None:
            self.modified = True

        super().__init__(initial, on_update)
        self.sid = sid
        self.new = sid is None
        self.modified = False
        self.created_at = created_at
        self.needs_touch = needs_touch
        # True when this request arrived with a session that had timed out
        # while signed in: the sign-in page says so.
        self.ended_by_timeout = ended_by_timeout
        # Whose session timed out: what they were typing can be kept for
        # them alone (portal.kept_forms).
        self.timed_out_user_id = timed_out_user_id
        self._rotate = False
        self._destroyed = False

    def regenerate(self) -> None:
        """Keep the data but issue a new token (call on signing in)."""
        self._rotate = True
        self.modified = True

    def destroy(self) -> None:
        """End the session on the server and in the browser (signing out)."""
        self.clear()
        self._destroyed = True


def _now() -> datetime:
    return datetime.now(UTC)


class DatabaseSessionInterface(SessionInterface):
    def __init__(self, app: Flask) -> None:
        # Own engine: session writes commit independently of the request's
        # data transaction, which may be rolled back.
        self.engine = make_engine(app.config["DATABASE_URL"])
        self.idle = timedelta(seconds=app.config["SESSION_IDLE_TIMEOUT_SECONDS"])
        self.absolute = timedelta(seconds=app.config["SESSION_ABSOLUTE_TIMEOUT_SECONDS"])
        self.touch_interval = min(MAX_TOUCH_INTERVAL, self.idle / 10)
        self.static_prefix = (app.static_url_path or "/static") + "/"

    def open_session(self, app: Flask, request: Request) -> ServerSession:
        if request.path.startswith(self.static_prefix):
            return ServerSession()
        token = request.cookies.get(self.get_cookie_name(app))
        if not token or len(token) > 128:
            return ServerSession()
        sid = token_hash(token)
        with self.engine.connect() as connection:
            row = connection.execute(
                select(WebSession.data, WebSession.created_at, WebSession.last_seen_at).where(
                    WebSession.id == sid
                )
            ).one_or_none()
        if row is None:
            return ServerSession()
        data, created_at, last_seen_at = row
        created_at = _aware(created_at)
        last_seen_at = _aware(last_seen_at)
        now = _now()
        if now - last_seen_at > self.idle or now - created_at > self.absolute:
            with self.engine.begin() as connection:
                connection.execute(delete(WebSession).where(WebSession.id == sid))
            timed_out_user = json.loads(data).get("_user_id")
            return ServerSession(
                ended_by_timeout=timed_out_user is not None,
                timed_out_user_id=int(timed_out_user) if timed_out_user is not None else None,
            )
        return ServerSession(
            json.loads(data),
            sid=sid,
            created_at=created_at,
            needs_touch=now - last_seen_at > self.touch_interval,
        )

    def save_session(self, app: Flask, session: SessionMixin, response: Response) -> None:
        assert isinstance(session, ServerSession)
        name = self.get_cookie_name(app)
        cookie_options: dict[str, Any] = {
            "domain": self.get_cookie_domain(app),
            "path": self.get_cookie_path(app),
            "secure": self.get_cookie_secure(app),
            "httponly": self.get_cookie_httponly(app),
            "samesite": self.get_cookie_samesite(app),
        }
        if session._destroyed or (session._rotate and session.sid):
            if session.sid:
                with self.engine.begin() as connection:
                    connection.execute(delete(WebSession).where(WebSession.id == session.sid))
            if session._destroyed:
                response.delete_cookie(name, **cookie_options)
                return
            session.sid = None

        # Stored data depends on the session's contents, so a page that sets
        # a value (such as a CSRF token) must not be cached by anyone.
        if session.accessed:
            response.vary.add("Cookie")

        if session.sid is None:
            if not session:
                return
            token = secrets.token_urlsafe(32)
            now = _now()
            with self.engine.begin() as connection:
                connection.execute(
                    insert(WebSession).values(
                        id=token_hash(token),
                        user_id=_user_id(session),
                        data=json.dumps(dict(session)),
                        created_at=now,
                        last_seen_at=now,
                    )
                )
            # No expiry: a browser-session cookie, never a remember-me cookie.
            response.set_cookie(name, token, **cookie_options)
            return

        if session.modified or session.needs_touch:
            values: dict[str, Any] = {"last_seen_at": _now()}
            if session.modified:
                values["data"] = json.dumps(dict(session))
                values["user_id"] = _user_id(session)
            with self.engine.begin() as connection:
                connection.execute(
                    update(WebSession).where(WebSession.id == session.sid).values(**values)
                )

    def client_timeout_seconds(self) -> int:
        """When the browser should treat the session as over. The server may
        have last recorded activity up to one touch interval before the page
        loaded, so the browser counts from that earlier moment."""
        return int((self.idle - self.touch_interval).total_seconds())

    def end_all_sessions_for(self, user_id: int) -> None:
        """Sign a person out everywhere (account disabled, password changed)."""
        with self.engine.begin() as connection:
            connection.execute(delete(WebSession).where(WebSession.user_id == user_id))

    def purge_expired(self) -> int:
        cutoff = _now() - self.idle
        with self.engine.begin() as connection:
            result = connection.execute(delete(WebSession).where(WebSession.last_seen_at < cutoff))
        return int(result.rowcount or 0)


def _user_id(session: ServerSession) -> int | None:
    raw = session.get("_user_id")
    return int(raw) if raw is not None else None


def _aware(value: datetime | str) -> datetime:
    if isinstance(value, str):  # SQLite through a plain Core select
        value = datetime.fromisoformat(value)
    return value if value.tzinfo else value.replace(tzinfo=UTC)
