"""caseload indexes

A staff member's caseload is found from their active care-team memberships
alone: a partial index on (staff_member_id, service_user_id) where the
membership has not ended lets PostgreSQL answer the count with an index-only
scan and page through thousands of people without reading other teams' rows
(see services.caseload and tests/integration/test_caseload_at_scale.py).

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-24 09:00:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("care_team_members", schema=None) as batch_op:
        batch_op.create_index(
            "ix_care_team_members_caseload",
            ["staff_member_id", "service_user_id"],
            unique=False,
            sqlite_where=sa.text("ended_on IS NULL"),
            postgresql_where=sa.text("ended_on IS NULL"),
        )


def downgrade() -> None:
    with op.batch_alter_table("care_team_members", schema=None) as batch_op:
        batch_op.drop_index("ix_care_team_members_caseload")
