"""reports desk: a report's status, claim and decision, its history, the outbox and enquiries

Revision ID: 0006_desk
Revises: 0005_review_history
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import handoff.adapters.orm

revision: str = "0006_desk"
down_revision: str | None = "0005_review_history"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

UTC = handoff.adapters.orm.UTCDateTime


def upgrade() -> None:
    with op.batch_alter_table("reports", schema=None) as batch_op:
        batch_op.add_column(sa.Column("status", sa.String(length=16), server_default="new", nullable=False))
        batch_op.add_column(sa.Column("priority", sa.Integer(), server_default="2", nullable=False))
        batch_op.add_column(sa.Column("risk_flags", sa.JSON(), server_default="[]", nullable=False))
        batch_op.add_column(sa.Column("due_at", UTC(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("claimed_by", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("claimed_at", UTC(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("decided_by", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("decided_at", UTC(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("outcome", sa.String(length=32), nullable=True))
        batch_op.add_column(sa.Column("crime_reference", sa.String(length=40), nullable=True))
        batch_op.add_column(sa.Column("thrive", sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column("note", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("citizen_message", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("version", sa.Integer(), server_default="0", nullable=False))
        batch_op.create_index(batch_op.f("ix_reports_status"), ["status"], unique=False)
        batch_op.create_index(batch_op.f("ix_reports_due_at"), ["due_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_reports_decided_at"), ["decided_at"], unique=False)
        batch_op.create_foreign_key("fk_reports_claimed_by_users", "users", ["claimed_by"], ["id"])
        batch_op.create_foreign_key("fk_reports_decided_by_users", "users", ["decided_by"], ["id"])

    op.create_table(
        "report_history",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("reference", sa.String(length=20), nullable=False),
        sa.Column("at", UTC(timezone=True), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("action", sa.String(length=20), nullable=False),
        sa.Column("detail", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("report_history", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_report_history_reference"), ["reference"], unique=False)
        batch_op.create_index(batch_op.f("ix_report_history_at"), ["at"], unique=False)

    op.create_table(
        "outbox",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("event_id", sa.String(length=36), nullable=False),
        sa.Column("channel", sa.String(length=16), nullable=False),
        sa.Column("report_reference", sa.String(length=20), nullable=False),
        sa.Column("event", sa.String(length=40), nullable=False),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", UTC(timezone=True), nullable=True),
        sa.Column("leased_until", UTC(timezone=True), nullable=True),
        sa.Column("lease_owner", sa.String(length=64), nullable=True),
        sa.Column("created_at", UTC(timezone=True), nullable=False),
        sa.Column("delivered_at", UTC(timezone=True), nullable=True),
        sa.Column("last_error", sa.String(length=200), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("event_id"),
    )
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_outbox_report_reference"), ["report_reference"], unique=False)
        batch_op.create_index(batch_op.f("ix_outbox_created_at"), ["created_at"], unique=False)
        batch_op.create_index("ix_outbox_status_next_attempt_at", ["status", "next_attempt_at"], unique=False)

    op.create_table(
        "delivery_attempts",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("outbox_id", sa.Integer(), nullable=False),
        sa.Column("at", UTC(timezone=True), nullable=False),
        sa.Column("ok", sa.Boolean(), nullable=False),
        sa.Column("result", sa.String(length=200), nullable=False),
        sa.Column("duration_ms", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["outbox_id"], ["outbox.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("delivery_attempts", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_delivery_attempts_outbox_id"), ["outbox_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_delivery_attempts_at"), ["at"], unique=False)

    op.create_table(
        "report_enquiries",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("conversation_id", sa.String(length=36), nullable=False),
        sa.Column("reference", sa.String(length=20), nullable=True),
        sa.Column("asked_at", UTC(timezone=True), nullable=False),
        sa.Column("answered_at", UTC(timezone=True), nullable=True),
        sa.Column("matched", sa.Boolean(), nullable=True),
        sa.ForeignKeyConstraint(["conversation_id"], ["conversations.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("report_enquiries", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_report_enquiries_conversation_id"), ["conversation_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_report_enquiries_asked_at"), ["asked_at"], unique=False)


def downgrade() -> None:
    op.drop_table("report_enquiries")
    op.drop_table("delivery_attempts")
    op.drop_table("outbox")
    op.drop_table("report_history")
    with op.batch_alter_table("reports", schema=None) as batch_op:
        batch_op.drop_constraint("fk_reports_decided_by_users", type_="foreignkey")
        batch_op.drop_constraint("fk_reports_claimed_by_users", type_="foreignkey")
        batch_op.drop_index(batch_op.f("ix_reports_decided_at"))
        batch_op.drop_index(batch_op.f("ix_reports_due_at"))
        batch_op.drop_index(batch_op.f("ix_reports_status"))
        for column in (
            "version",
            "citizen_message",
            "note",
            "thrive",
            "crime_reference",
            "outcome",
            "decided_at",
            "decided_by",
            "claimed_at",
            "claimed_by",
            "due_at",
            "risk_flags",
            "priority",
            "status",
        ):
            batch_op.drop_column(column)
