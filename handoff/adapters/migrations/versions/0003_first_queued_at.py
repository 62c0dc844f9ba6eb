"""first_queued_at: when a conversation first entered the human queue

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import handoff.adapters.orm

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("conversations", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("first_queued_at", handoff.adapters.orm.UTCDateTime(timezone=True), nullable=True)
        )
        batch_op.create_index(
            batch_op.f("ix_conversations_first_queued_at"), ["first_queued_at"], unique=False
        )
    # Chats queued before this column existed: their current queued_at is the best we know.
    op.execute("UPDATE conversations SET first_queued_at = queued_at WHERE queued_at IS NOT NULL")


def downgrade() -> None:
    with op.batch_alter_table("conversations", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_conversations_first_queued_at"))
        batch_op.drop_column("first_queued_at")
