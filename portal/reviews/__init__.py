"""Reviews on the person's terms (issue 6): asking for a review one question
a page, seeing where each request has got to, and the team's requests list.

Service users ask at /ask-for-a-review; carers at
/caring-for/<id>/ask-for-a-review. Every answer is saved in a draft as soon
as it is given. The services make every access check (404 otherwise)."""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("reviews", __name__)

from portal.reviews import asking, following, team  # noqa: E402  (routes register on bp)

__all__ = ["asking", "bp", "following", "team"]
