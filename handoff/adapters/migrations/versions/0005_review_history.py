"""review history: every correction or confirmation of a message's intent, who, when, from what

Revision ID: 0005_review_history
Revises: 0004_security
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import handoff.adapters.orm

revision: str = "0005_review_history"
down_revision: str | None = "0004_security"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "review_history",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("message_id", sa.Integer(), nullable=False),
        sa.Column("action", sa.String(length=16), nullable=False),
        sa.Column("from_intent", sa.String(length=64), nullable=True),
        sa.Column("to_intent", sa.String(length=64), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("by", sa.String(length=64), nullable=True),
        sa.Column("source", sa.String(length=16), nullable=False),
        sa.Column("at", handoff.adapters.orm.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["message_id"], ["messages.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("review_history", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_review_history_message_id"), ["message_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("review_history", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_review_history_message_id"))
    op.drop_table("review_history")
