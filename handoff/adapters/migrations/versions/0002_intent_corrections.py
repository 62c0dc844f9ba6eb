"""intent corrections: an analyst's corrected intent per citizen message

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import handoff.adapters.orm

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "intent_corrections",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("message_id", sa.Integer(), nullable=False),
        sa.Column("corrected_intent", sa.String(length=64), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("at", handoff.adapters.orm.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["message_id"], ["messages.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("message_id"),
    )
    with op.batch_alter_table("intent_corrections", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_intent_corrections_at"), ["at"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("intent_corrections", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_intent_corrections_at"))
    op.drop_table("intent_corrections")
