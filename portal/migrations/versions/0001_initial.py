"""people, care teams, carers, audit and sessions

Revision ID: 0001
Revises:
Create Date: 2026-11-23 07:23:37.081623
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:

    op.create_table(
        "teams",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=160), nullable=False),
        sa.Column("organisation", sa.String(length=160), nullable=False),
        sa.Column(
            "organisation_type",
            sa.Enum(
                "nhs_trust",
                "local_authority",
                "vcse",
                "housing",
                name="organisation_type",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("phone", sa.String(length=32), nullable=True),
        sa.Column("opening_hours", sa.Text(), nullable=True),
        sa.Column("out_of_hours_advice", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_teams")),
    )
    op.create_table(
        "users",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=False),
        sa.Column("password_hash", sa.String(length=255), nullable=True),
        sa.Column("display_name", sa.String(length=120), nullable=False),
        sa.Column("preferred_language", sa.String(length=16), nullable=True),
        sa.Column("mfa_secret", sa.String(length=64), nullable=True),
        sa.Column("is_active", sa.Boolean(), nullable=False),
        sa.Column("is_admin", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_signed_in_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_users")),
        sa.UniqueConstraint("email", name=op.f("uq_users_email")),
    )
    op.create_table(
        "service_users",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("preferred_name", sa.String(length=120), nullable=False),
        sa.Column("full_name", sa.String(length=200), nullable=False),
        sa.Column("nhs_number", sa.String(length=10), nullable=False),
        sa.Column("date_of_birth", sa.Date(), nullable=False),
        sa.Column("pronouns", sa.String(length=40), nullable=True),
        sa.Column("needs_interpreter", sa.Boolean(), nullable=False),
        sa.Column("interpreter_language", sa.String(length=60), nullable=True),
        sa.Column("needs_easy_read", sa.Boolean(), nullable=False),
        sa.Column("needs_large_print", sa.Boolean(), nullable=False),
        sa.Column("needs_bsl", sa.Boolean(), nullable=False),
        sa.Column("other_communication_needs", sa.Text(), nullable=True),
        sa.Column(
            "support_level",
            sa.Enum(
                "stepped_up",
                "standard",
                "stepped_down",
                name="support_level",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("next_review_on", sa.Date(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_service_users_user_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_service_users")),
        sa.UniqueConstraint("nhs_number", name=op.f("uq_service_users_nhs_number")),
        sa.UniqueConstraint("user_id", name=op.f("uq_service_users_user_id")),
    )
    op.create_table(
        "staff_members",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("team_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("profession", sa.String(length=120), nullable=False),
        sa.Column("job_title", sa.String(length=120), nullable=True),
        sa.Column("work_phone", sa.String(length=32), nullable=True),
        sa.Column("working_hours", sa.Text(), nullable=True),
        sa.Column("is_team_manager", sa.Boolean(), nullable=False),
        sa.Column("is_active", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["team_id"], ["teams.id"], name=op.f("fk_staff_members_team_id_teams")
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_staff_members_user_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_staff_members")),
        sa.UniqueConstraint("user_id", name=op.f("uq_staff_members_user_id")),
    )
    with op.batch_alter_table("staff_members", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_staff_members_team_id"), ["team_id"], unique=False)

    op.create_table(
        "web_sessions",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("data", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_web_sessions_user_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_web_sessions")),
    )
    with op.batch_alter_table("web_sessions", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_web_sessions_last_seen_at"), ["last_seen_at"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_web_sessions_user_id"), ["user_id"], unique=False)

    op.create_table(
        "audit_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("actor_user_id", sa.Integer(), nullable=True),
        sa.Column("acting_as", sa.String(length=32), nullable=False),
        sa.Column("service_user_id", sa.Integer(), nullable=True),
        sa.Column("action", sa.String(length=32), nullable=False),
        sa.Column("object_type", sa.String(length=64), nullable=False),
        sa.Column("object_id", sa.Integer(), nullable=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["actor_user_id"], ["users.id"], name=op.f("fk_audit_events_actor_user_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["service_user_id"],
            ["service_users.id"],
            name=op.f("fk_audit_events_service_user_id_service_users"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_events")),
    )
    with op.batch_alter_table("audit_events", schema=None) as batch_op:
        batch_op.create_index(
            "ix_audit_events_service_user_at", ["service_user_id", "at"], unique=False
        )

    op.create_table(
        "care_team_members",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("service_user_id", sa.Integer(), nullable=False),
        sa.Column("staff_member_id", sa.Integer(), nullable=False),
        sa.Column("role_in_care", sa.String(length=160), nullable=False),
        sa.Column("is_key_worker", sa.Boolean(), nullable=False),
        sa.Column("started_on", sa.Date(), nullable=False),
        sa.Column("ended_on", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(
            ["service_user_id"],
            ["service_users.id"],
            name=op.f("fk_care_team_members_service_user_id_service_users"),
        ),
        sa.ForeignKeyConstraint(
            ["staff_member_id"],
            ["staff_members.id"],
            name=op.f("fk_care_team_members_staff_member_id_staff_members"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_care_team_members")),
    )
    with op.batch_alter_table("care_team_members", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_care_team_members_service_user_id"), ["service_user_id"], unique=False
        )
        batch_op.create_index(
            "ix_care_team_members_staff_active", ["staff_member_id", "ended_on"], unique=False
        )
        batch_op.create_index(
            "uq_care_team_members_one_active_key_worker",
            ["service_user_id"],
            unique=True,
            sqlite_where=sa.text("is_key_worker AND ended_on IS NULL"),
            postgresql_where=sa.text("is_key_worker AND ended_on IS NULL"),
        )

    op.create_table(
        "carer_links",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("service_user_id", sa.Integer(), nullable=False),
        sa.Column("carer_user_id", sa.Integer(), nullable=True),
        sa.Column("carer_name", sa.String(length=120), nullable=False),
        sa.Column("relationship_to_person", sa.String(length=80), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "invited",
                "active",
                "ended",
                name="carer_link_status",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("invitation_token_hash", sa.String(length=64), nullable=True),
        sa.Column("invitation_expires_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("is_young_carer", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ended_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["carer_user_id"], ["users.id"], name=op.f("fk_carer_links_carer_user_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["service_user_id"],
            ["service_users.id"],
            name=op.f("fk_carer_links_service_user_id_service_users"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_carer_links")),
        sa.UniqueConstraint(
            "invitation_token_hash", name=op.f("uq_carer_links_invitation_token_hash")
        ),
    )
    with op.batch_alter_table("carer_links", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_carer_links_carer_user_id"), ["carer_user_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_carer_links_service_user_id"), ["service_user_id"], unique=False
        )

    op.create_table(
        "sharing_consents",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("carer_link_id", sa.Integer(), nullable=False),
        sa.Column(
            "section",
            sa.Enum(
                "summary",
                "goals",
                "actions",
                "safety_plan",
                "interventions",
                "reviews",
                "history",
                name="plan_section",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("granted_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("until", sa.Date(), nullable=True),
        sa.Column("withdrawn_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["carer_link_id"],
            ["carer_links.id"],
            name=op.f("fk_sharing_consents_carer_link_id_carer_links"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sharing_consents")),
    )
    with op.batch_alter_table("sharing_consents", schema=None) as batch_op:
        batch_op.create_index(
            "ix_sharing_consents_link_section", ["carer_link_id", "section"], unique=False
        )


def downgrade() -> None:

    with op.batch_alter_table("sharing_consents", schema=None) as batch_op:
        batch_op.drop_index("ix_sharing_consents_link_section")

    op.drop_table("sharing_consents")
    with op.batch_alter_table("carer_links", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_carer_links_service_user_id"))
        batch_op.drop_index(batch_op.f("ix_carer_links_carer_user_id"))

    op.drop_table("carer_links")
    with op.batch_alter_table("care_team_members", schema=None) as batch_op:
        batch_op.drop_index(
            "uq_care_team_members_one_active_key_worker",
            sqlite_where=sa.text("is_key_worker AND ended_on IS NULL"),
            postgresql_where=sa.text("is_key_worker AND ended_on IS NULL"),
        )
        batch_op.drop_index("ix_care_team_members_staff_active")
        batch_op.drop_index(batch_op.f("ix_care_team_members_service_user_id"))

    op.drop_table("care_team_members")
    with op.batch_alter_table("audit_events", schema=None) as batch_op:
        batch_op.drop_index("ix_audit_events_service_user_at")

    op.drop_table("audit_events")
    with op.batch_alter_table("web_sessions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_web_sessions_user_id"))
        batch_op.drop_index(batch_op.f("ix_web_sessions_last_seen_at"))

    op.drop_table("web_sessions")
    with op.batch_alter_table("staff_members", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_staff_members_team_id"))

    op.drop_table("staff_members")
    op.drop_table("service_users")
    op.drop_table("users")
    op.drop_table("teams")
