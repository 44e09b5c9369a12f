"""Helpers for the carers tests: a carer's link and its sharing, read back."""

from __future__ import annotations

from flask import Flask
from sqlalchemy import select

from portal.models import CarerLink, User
from tests.conftest import database


def link_of(app: Flask, carer_email: str) -> int:
    with database(app) as session:
        return session.scalars(
            select(CarerLink.id)
            .join(User, CarerLink.carer_user_id == User.id)
            .where(User.email == carer_email)
        ).one()
