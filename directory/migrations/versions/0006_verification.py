"""pending_changes: values from a centre's staff (a new phone) held until an administrator
approves them, while residents keep seeing the live value.

Revision ID: 0006_verification
Revises: 0003_service_topics
Create Date: 2026-12-07
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006_verification"
down_revision: str | None = "0003_service_topics"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Apply this revision (a new table only: no existing row is touched)."""
    op.create_table(
        "pending_changes",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("service_id", sa.String(length=32), nullable=False),
        sa.Column("field", sa.String(length=64), nullable=False),
        sa.Column("value", sa.Text(), nullable=True),
        sa.Column("based_on", sa.Text(), nullable=True),
        sa.Column("proposed_by", sa.Text(), nullable=False),
        sa.Column("proposed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("change_id", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["service_id"],
            ["services.id"],
            name=op.f("fk_pending_changes_service_id_services"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_pending_changes")),
    )
    op.create_index(op.f("ix_pending_changes_service_id"), "pending_changes", ["service_id"])


def downgrade() -> None:
    """Undo this revision."""
    op.drop_index(op.f("ix_pending_changes_service_id"), table_name="pending_changes")
    op.drop_table("pending_changes")
