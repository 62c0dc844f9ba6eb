"""console for a busy shift: escalation time, citizen left, paused form, THRIVE and incident
reference at close, chats released while away, private notes, handover notes, read marks

Revision ID: 0007_console
Revises: 0006_desk
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import handoff.adapters.orm

revision: str = "0007_console"
down_revision: str | None = "0006_desk"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

UTC = handoff.adapters.orm.UTCDateTime


def upgrade() -> None:
    with op.batch_alter_table("conversations", schema=None) as batch_op:
        batch_op.add_column(sa.Column("escalated_at", UTC(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("citizen_left_at", UTC(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("paused_form", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("thrive", sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column("incident_reference", sa.String(length=40), nullable=True))
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("released_while_away", sa.JSON(), nullable=False, server_default=sa.text("'[]'"))
        )
    op.create_table(
        "private_notes",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("conversation_id", sa.String(length=36), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("created_at", UTC(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["conversation_id"], ["conversations.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("private_notes", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_private_notes_conversation_id"), ["conversation_id"], unique=False
        )
    op.create_table(
        "handovers",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("conversation_id", sa.String(length=36), nullable=False),
        sa.Column("from_user_id", sa.Integer(), nullable=False),
        sa.Column("to_user_id", sa.Integer(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("written_at", UTC(timezone=True), nullable=False),
        sa.Column("accepted_at", UTC(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["conversation_id"], ["conversations.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["from_user_id"], ["users.id"]),
        sa.ForeignKeyConstraint(["to_user_id"], ["users.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("handovers", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_handovers_conversation_id"), ["conversation_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_handovers_to_user_id"), ["to_user_id"], unique=False)
    op.create_table(
        "read_marks",
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("conversation_id", sa.String(length=36), nullable=False),
        sa.Column("message_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["conversation_id"], ["conversations.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("user_id", "conversation_id"),
    )


def downgrade() -> None:
    op.drop_table("read_marks")
    with op.batch_alter_table("handovers", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_handovers_to_user_id"))
        batch_op.drop_index(batch_op.f("ix_handovers_conversation_id"))
    op.drop_table("handovers")
    with op.batch_alter_table("private_notes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_private_notes_conversation_id"))
    op.drop_table("private_notes")
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_column("released_while_away")
    with op.batch_alter_table("conversations", schema=None) as batch_op:
        batch_op.drop_column("incident_reference")
        batch_op.drop_column("thrive")
        batch_op.drop_column("paused_form")
        batch_op.drop_column("citizen_left_at")
        batch_op.drop_column("escalated_at")
