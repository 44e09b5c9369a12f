"""review requests

A review request, its append-only history of status changes and team
messages, and the draft a requester is still writing (saved at each step,
so a session that times out loses nothing).

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01 14:08:10.351618
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "review_request_drafts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("requester_user_id", sa.Integer(), nullable=False),
        sa.Column("service_user_id", sa.Integer(), nullable=False),
        sa.Column("answers", sa.Text(), nullable=False),
        sa.Column("idempotency_key", sa.String(length=64), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["requester_user_id"],
            ["users.id"],
            name=op.f("fk_review_request_drafts_requester_user_id_users"),
        ),
        sa.ForeignKeyConstraint(
            ["service_user_id"],
            ["service_users.id"],
            name=op.f("fk_review_request_drafts_service_user_id_service_users"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_review_request_drafts")),
        sa.UniqueConstraint(
            "requester_user_id",
            "service_user_id",
            name=op.f("uq_review_request_drafts_requester_user_id"),
        ),
    )
    op.create_table(
        "review_requests",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("reference", sa.String(length=16), nullable=False),
        sa.Column("idempotency_key", sa.String(length=64), nullable=False),
        sa.Column("requester_user_id", sa.Integer(), nullable=False),
        sa.Column("requester_name", sa.String(length=120), nullable=False),
        sa.Column(
            "requested_as",
            sa.Enum(
                "service_user",
                "carer",
                "staff",
                name="requested_as",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("service_user_id", sa.Integer(), nullable=False),
        sa.Column(
            "visibility",
            sa.Enum(
                "team_only",
                "team_and_person",
                name="review_request_visibility",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("what_changed", sa.Text(), nullable=False),
        sa.Column("what_to_change", sa.Text(), nullable=False),
        sa.Column(
            "urgency",
            sa.Enum(
                "this_week",
                "within_a_month",
                "next_review",
                name="review_urgency",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column(
            "support_wanted",
            sa.Enum(
                "more",
                "same",
                "less",
                "not_sure",
                name="support_wanted",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
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
        sa.Column("contact_times", sa.Text(), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "submitted",
                "acknowledged",
                "arranged",
                "completed",
                "declined",
                name="review_status",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("submitted_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("acknowledged_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("arranged_for", sa.DateTime(timezone=True), nullable=True),
        sa.Column("arranged_how", sa.Text(), nullable=True),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column(
            "outcome",
            sa.Enum(
                "plan_updated",
                "no_change_needed",
                name="review_outcome",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=True,
        ),
        sa.Column("decline_reason", sa.Text(), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["requester_user_id"],
            ["users.id"],
            name=op.f("fk_review_requests_requester_user_id_users"),
        ),
        sa.ForeignKeyConstraint(
            ["service_user_id"],
            ["service_users.id"],
            name=op.f("fk_review_requests_service_user_id_service_users"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_review_requests")),
        sa.UniqueConstraint("reference", name=op.f("uq_review_requests_reference")),
        sa.UniqueConstraint(
            "requester_user_id",
            "idempotency_key",
            name=op.f("uq_review_requests_requester_user_id"),
        ),
    )
    with op.batch_alter_table("review_requests", schema=None) as batch_op:
        batch_op.create_index(
            "ix_review_requests_person_status", ["service_user_id", "status"], unique=False
        )
        batch_op.create_index(
            "ix_review_requests_requester_at", ["requester_user_id", "submitted_at"], unique=False
        )

    op.create_table(
        "review_request_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("review_request_id", sa.Integer(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "submitted",
                "acknowledged",
                "arranged",
                "completed",
                "declined",
                "message",
                "stepped_up",
                name="review_event_kind",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("by_user_id", sa.Integer(), nullable=True),
        sa.Column("by_name", sa.String(length=120), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["by_user_id"], ["users.id"], name=op.f("fk_review_request_events_by_user_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["review_request_id"],
            ["review_requests.id"],
            name=op.f("fk_review_request_events_review_request_id_review_requests"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_review_request_events")),
    )
    with op.batch_alter_table("review_request_events", schema=None) as batch_op:
        batch_op.create_index(
            "ix_review_request_events_request_at", ["review_request_id", "at"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("review_request_events", schema=None) as batch_op:
        batch_op.drop_index("ix_review_request_events_request_at")

    op.drop_table("review_request_events")
    with op.batch_alter_table("review_requests", schema=None) as batch_op:
        batch_op.drop_index("ix_review_requests_requester_at")
        batch_op.drop_index("ix_review_requests_person_status")

    op.drop_table("review_requests")
    op.drop_table("review_request_drafts")
