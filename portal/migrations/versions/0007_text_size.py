"""text size

A person's own text size (issue 7, Accessible Information Standard): NULL
until they choose one, so that a large print need recorded on their record
can turn the larger text on at sign-in without overriding a choice they made.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-01 14:30:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "text_size",
                sa.Enum(
                    "standard",
                    "larger",
                    name="text_size",
                    native_enum=False,
                    create_constraint=True,
                    length=32,
                ),
                nullable=True,
            )
        )


def downgrade() -> None:
    # The CHECK constraint first: SQLite's batch copy would keep it otherwise.
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_users_text_size"), type_="check")
        batch_op.drop_column("text_size")
