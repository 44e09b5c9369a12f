"""care plans

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23 07:32:42.626268
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:

    op.create_table(
        "care_plans",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("service_user_id", sa.Integer(), nullable=False),
        sa.Column("what_matters_to_me", sa.Text(), nullable=False),
        sa.Column("review_arrangements", sa.Text(), nullable=False),
        sa.Column("section_117_aftercare", sa.Text(), nullable=True),
        sa.Column("care_act_needs", sa.Text(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["service_user_id"],
            ["service_users.id"],
            name=op.f("fk_care_plans_service_user_id_service_users"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_care_plans")),
        sa.UniqueConstraint("service_user_id", name=op.f("uq_care_plans_service_user_id")),
    )
    op.create_table(
        "goals",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column(
            "life_area",
            sa.Enum(
                "mental_health",
                "physical_health",
                "job_situation",
                "accommodation",
                "leisure",
                "partner_family",
                "friendships",
                "personal_safety",
                "money",
                "substance_use",
                "daily_living",
                name="life_area",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("goal", sa.Text(), nullable=False),
        sa.Column("why_it_matters", sa.Text(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["plan_id"], ["care_plans.id"], name=op.f("fk_goals_plan_id_care_plans")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_goals")),
    )
    with op.batch_alter_table("goals", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_goals_plan_id"), ["plan_id"], unique=False)

    op.create_table(
        "interventions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("provider", sa.String(length=200), nullable=False),
        sa.Column("when", sa.String(length=200), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["plan_id"], ["care_plans.id"], name=op.f("fk_interventions_plan_id_care_plans")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_interventions")),
    )
    with op.batch_alter_table("interventions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_interventions_plan_id"), ["plan_id"], unique=False)

    op.create_table(
        "plan_actions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column(
            "owner",
            sa.Enum(
                "me",
                "carer",
                "team",
                "partner",
                name="action_owner",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("owner_staff_member_id", sa.Integer(), nullable=True),
        sa.Column("owner_name", sa.String(length=160), nullable=True),
        sa.Column(
            "life_area",
            sa.Enum(
                "mental_health",
                "physical_health",
                "job_situation",
                "accommodation",
                "leisure",
                "partner_family",
                "friendships",
                "personal_safety",
                "money",
                "substance_use",
                "daily_living",
                name="life_area",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=True,
        ),
        sa.Column("due_on", sa.Date(), nullable=True),
        sa.Column(
            "status",
            sa.Enum(
                "not_started",
                "in_progress",
                "done",
                "no_longer_needed",
                name="action_status",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("created_by_user_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("changed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("changed_by_user_id", sa.Integer(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["changed_by_user_id"],
            ["users.id"],
            name=op.f("fk_plan_actions_changed_by_user_id_users"),
        ),
        sa.ForeignKeyConstraint(
            ["created_by_user_id"],
            ["users.id"],
            name=op.f("fk_plan_actions_created_by_user_id_users"),
        ),
        sa.ForeignKeyConstraint(
            ["owner_staff_member_id"],
            ["staff_members.id"],
            name=op.f("fk_plan_actions_owner_staff_member_id_staff_members"),
        ),
        sa.ForeignKeyConstraint(
            ["plan_id"], ["care_plans.id"], name=op.f("fk_plan_actions_plan_id_care_plans")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_plan_actions")),
    )
    with op.batch_alter_table("plan_actions", schema=None) as batch_op:
        batch_op.create_index("ix_plan_actions_plan_owner", ["plan_id", "owner"], unique=False)

    op.create_table(
        "plan_versions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("published_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("published_by_user_id", sa.Integer(), nullable=True),
        sa.Column("published_by_name", sa.String(length=120), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("next_review_on", sa.Date(), nullable=True),
        sa.Column("snapshot", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["plan_id"], ["care_plans.id"], name=op.f("fk_plan_versions_plan_id_care_plans")
        ),
        sa.ForeignKeyConstraint(
            ["published_by_user_id"],
            ["users.id"],
            name=op.f("fk_plan_versions_published_by_user_id_users"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_plan_versions")),
        sa.UniqueConstraint("plan_id", "number", name=op.f("uq_plan_versions_plan_id")),
    )
    op.create_table(
        "safety_plans",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("warning_signs", sa.Text(), nullable=False),
        sa.Column("things_i_can_do", sa.Text(), nullable=False),
        sa.Column("people_and_places", sa.Text(), nullable=False),
        sa.Column("people_i_can_ask", sa.Text(), nullable=False),
        sa.Column("professionals", sa.Text(), nullable=False),
        sa.Column("making_safer", sa.Text(), nullable=False),
        sa.Column("reasons_for_living", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by_user_id", sa.Integer(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["plan_id"], ["care_plans.id"], name=op.f("fk_safety_plans_plan_id_care_plans")
        ),
        sa.ForeignKeyConstraint(
            ["updated_by_user_id"],
            ["users.id"],
            name=op.f("fk_safety_plans_updated_by_user_id_users"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_safety_plans")),
        sa.UniqueConstraint("plan_id", name=op.f("uq_safety_plans_plan_id")),
    )
    op.create_table(
        "action_updates",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("action_id", sa.Integer(), nullable=False),
        sa.Column("author_user_id", sa.Integer(), nullable=True),
        sa.Column("author_name", sa.String(length=120), nullable=False),
        sa.Column("author_role", sa.String(length=32), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column(
            "new_status",
            sa.Enum(
                "not_started",
                "in_progress",
                "done",
                "no_longer_needed",
                name="action_status",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=True,
        ),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["action_id"],
            ["plan_actions.id"],
            name=op.f("fk_action_updates_action_id_plan_actions"),
        ),
        sa.ForeignKeyConstraint(
            ["author_user_id"], ["users.id"], name=op.f("fk_action_updates_author_user_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_action_updates")),
    )
    with op.batch_alter_table("action_updates", schema=None) as batch_op:
        batch_op.create_index(
            "ix_action_updates_action_at", ["action_id", "created_at"], unique=False
        )

    op.create_table(
        "plan_version_responses",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column(
            "response",
            sa.Enum(
                "agree",
                "talk",
                name="plan_response",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_plan_version_responses_user_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["version_id"],
            ["plan_versions.id"],
            name=op.f("fk_plan_version_responses_version_id_plan_versions"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_plan_version_responses")),
    )
    with op.batch_alter_table("plan_version_responses", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_plan_version_responses_version_id"), ["version_id"], unique=False
        )

    with op.batch_alter_table("service_users", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("plan_last_viewed_at", sa.DateTime(timezone=True), nullable=True)
        )


def downgrade() -> None:

    with op.batch_alter_table("service_users", schema=None) as batch_op:
        batch_op.drop_column("plan_last_viewed_at")

    with op.batch_alter_table("plan_version_responses", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_plan_version_responses_version_id"))

    op.drop_table("plan_version_responses")
    with op.batch_alter_table("action_updates", schema=None) as batch_op:
        batch_op.drop_index("ix_action_updates_action_at")

    op.drop_table("action_updates")
    op.drop_table("safety_plans")
    op.drop_table("plan_versions")
    with op.batch_alter_table("plan_actions", schema=None) as batch_op:
        batch_op.drop_index("ix_plan_actions_plan_owner")

    op.drop_table("plan_actions")
    with op.batch_alter_table("interventions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_interventions_plan_id"))

    op.drop_table("interventions")
    with op.batch_alter_table("goals", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_goals_plan_id"))

    op.drop_table("goals")
    op.drop_table("care_plans")
