"""Keeping what someone typed when their session timed out mid-form.

A form posted after the session ended cannot be trusted as a change (its
CSRF token belonged to the old session), but the words in it are the
person's own. For the pages that opt in, the posted fields are kept in the
new, signed-out session with the id of the user whose session it was. After
signing in again, the page offers them back, only to that same user and only
on the same page: a different person signing in on the same browser never
sees them.

The session cookie is ``SameSite=Lax``, so another site's cross-site POST
arrives without it and nothing is kept.
"""

from __future__ import annotations

from flask import request, session
from werkzeug.datastructures import MultiDict

KEPT = "kept_form"
# Long enough for any of our text areas, with room to spare.
MAX_FIELD_LENGTH = 10_000
_ENDPOINTS: set[str] = set()


def keeps_typed_text(endpoint: str) -> None:
    """Opt a page in: a POST to it after a time-out keeps its fields."""
    _ENDPOINTS.add(endpoint)


def keep_if_timed_out() -> bool:
    """Keep this POST's fields if it came from a session that timed out on
    an opted-in page. True when kept."""
    timed_out_user = getattr(session, "timed_out_user_id", None)
    if request.method != "POST" or timed_out_user is None:
        return False
    if request.endpoint not in _ENDPOINTS:
        return False
    fields = {
        name: value[:MAX_FIELD_LENGTH]
        for name, value in request.form.items()
        if name != "csrf_token" and isinstance(value, str)
    }
    session[KEPT] = {"user_id": timed_out_user, "path": request.path, "fields": fields}
    session["signed_out_reason"] = "timeout"
    return True


def take_kept_form(user_id: int) -> MultiDict[str, str] | None:
    """The fields kept for this page, once, if they were this user's. Kept
    fields of anyone else are thrown away, never shown."""
    kept = session.get(KEPT)
    if not isinstance(kept, dict):
        return None
    if kept.get("user_id") != user_id:
        session.pop(KEPT, None)
        return None
    if kept.get("path") != request.path:
        return None
    session.pop(KEPT, None)
    fields = kept.get("fields") or {}
    return MultiDict({str(k): str(v) for k, v in fields.items()})
