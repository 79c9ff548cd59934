"""Provenance flags on services: a stale source, possibly closed, and why an entry is hidden.

The new kinds of help (CZP intake points, psychiatric admission rooms, youth centres, family
support offices) need no schema change: `services.kind` is free text checked by the code.

Revision ID: 0002_provenance_and_kinds
Revises: 0001
Create Date: 2026-12-04
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002_provenance_and_kinds"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Apply this revision."""
    with op.batch_alter_table("services") as batch:
        batch.add_column(
            sa.Column("source_stale", sa.Boolean(), server_default=sa.false(), nullable=False)
        )
        batch.add_column(
            sa.Column("possibly_closed", sa.Boolean(), server_default=sa.false(), nullable=False)
        )
        batch.add_column(sa.Column("hidden_reason", sa.Text(), nullable=True))


def downgrade() -> None:
    """Revert this revision."""
    with op.batch_alter_table("services") as batch:
        batch.drop_column("hidden_reason")
        batch.drop_column("possibly_closed")
        batch.drop_column("source_stale")
