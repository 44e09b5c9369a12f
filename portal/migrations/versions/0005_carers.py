"""carers

What carers tell the team (notes and suggested actions) and their requests
for a carer's assessment. Carer invitations reuse the hashed, expiring token
columns carer_links has had since 0001.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01 14:08:28.442010
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:

    op.create_table(
        "carer_assessment_requests",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("carer_user_id", sa.Integer(), nullable=False),
        sa.Column("service_user_id", sa.Integer(), nullable=True),
        sa.Column("cared_for_name", sa.String(length=120), nullable=False),
        sa.Column("is_young_carer", sa.Boolean(), nullable=False),
        sa.Column(
            "caring_hours",
            sa.Enum(
                "under_10",
                "10_to_19",
                "20_to_34",
                "35_to_49",
                "50_or_more",
                "varies",
                name="caring_hours",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("affects_health", sa.Boolean(), nullable=False),
        sa.Column("affects_work", sa.Boolean(), nullable=False),
        sa.Column("affects_sleep", sa.Boolean(), nullable=False),
        sa.Column("affects_money", sa.Boolean(), nullable=False),
        sa.Column("affects_own_time", sa.Boolean(), nullable=False),
        sa.Column("what_would_help", sa.Text(), nullable=False),
        sa.Column("consent_to_local_authority", sa.Boolean(), nullable=False),
        sa.Column(
            "contact_method",
            sa.Enum(
                "phone",
                "text",
                "email",
                "letter",
                name="contact_method",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("contact_details", sa.String(length=254), nullable=False),
        sa.Column("best_time_to_contact", sa.String(length=200), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "received",
                "passed_to_local_authority",
                "assessment_arranged",
                "completed",
                "closed",
                name="assessment_status",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("status_note", sa.Text(), nullable=False),
        sa.Column("status_changed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("status_changed_by_name", sa.String(length=120), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["carer_user_id"],
            ["users.id"],
            name=op.f("fk_carer_assessment_requests_carer_user_id_users"),
        ),
        sa.ForeignKeyConstraint(
            ["service_user_id"],
            ["service_users.id"],
            name=op.f("fk_carer_assessment_requests_service_user_id_service_users"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_carer_assessment_requests")),
    )
    with op.batch_alter_table("carer_assessment_requests", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_carer_assessment_requests_carer_user_id"),
            ["carer_user_id"],
            unique=False,
        )
        batch_op.create_index(
            batch_op.f("ix_carer_assessment_requests_service_user_id"),
            ["service_user_id"],
            unique=False,
        )
        batch_op.create_index(
            "ix_carer_assessment_requests_status_created", ["status", "created_at"], unique=False
        )

    op.create_table(
        "carer_contributions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("service_user_id", sa.Integer(), nullable=False),
        sa.Column("carer_link_id", sa.Integer(), nullable=False),
        sa.Column("author_user_id", sa.Integer(), nullable=False),
        sa.Column("author_name", sa.String(length=120), nullable=False),
        sa.Column("author_relationship", sa.String(length=80), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "note",
                "suggested_action",
                name="contribution_kind",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column(
            "visibility",
            sa.Enum(
                "team",
                "team_and_person",
                name="contribution_visibility",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column(
            "suggestion_status",
            sa.Enum(
                "pending",
                "accepted",
                "declined",
                name="suggestion_status",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=True,
        ),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("plan_action_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["author_user_id"],
            ["users.id"],
            name=op.f("fk_carer_contributions_author_user_id_users"),
        ),
        sa.ForeignKeyConstraint(
            ["carer_link_id"],
            ["carer_links.id"],
            name=op.f("fk_carer_contributions_carer_link_id_carer_links"),
        ),
        sa.ForeignKeyConstraint(
            ["plan_action_id"],
            ["plan_actions.id"],
            name=op.f("fk_carer_contributions_plan_action_id_plan_actions"),
        ),
        sa.ForeignKeyConstraint(
            ["service_user_id"],
            ["service_users.id"],
            name=op.f("fk_carer_contributions_service_user_id_service_users"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_carer_contributions")),
    )
    with op.batch_alter_table("carer_contributions", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_carer_contributions_carer_link_id"), ["carer_link_id"], unique=False
        )
        batch_op.create_index(
            "ix_carer_contributions_person_created", ["service_user_id", "created_at"], unique=False
        )


def downgrade() -> None:

    with op.batch_alter_table("carer_contributions", schema=None) as batch_op:
        batch_op.drop_index("ix_carer_contributions_person_created")
        batch_op.drop_index(batch_op.f("ix_carer_contributions_carer_link_id"))

    op.drop_table("carer_contributions")
    with op.batch_alter_table("carer_assessment_requests", schema=None) as batch_op:
        batch_op.drop_index("ix_carer_assessment_requests_status_created")
        batch_op.drop_index(batch_op.f("ix_carer_assessment_requests_service_user_id"))
        batch_op.drop_index(batch_op.f("ix_carer_assessment_requests_carer_user_id"))

    op.drop_table("carer_assessment_requests")
