"""Carers and family (issue 5): the service user chooses who supports them
and what each sees; carers read what is shared, write to the team, and ask
for a carer's assessment; staff answer those requests.

One blueprint, its routes in a module per kind of user."""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("carers", __name__)

from portal.carers import (  # noqa: E402  (routes register on bp)
    accepting,
    assessment,
    caring,
    staff,
    supporters,
)

__all__ = ["accepting", "assessment", "bp", "caring", "staff", "supporters"]
