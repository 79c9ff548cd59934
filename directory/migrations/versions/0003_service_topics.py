"""services.topics: the situations a line is only or mainly for (a missing child, one addiction).

Revision ID: 0003_service_topics
Revises: 0002_provenance_and_kinds
Create Date: 2026-12-04
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0003_service_topics'
down_revision: str | None = '0002_provenance_and_kinds'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Apply this revision: existing rows get no topics (any situation of their crisis types)."""
    # A plain ADD COLUMN, not a batch copy: on SQLite a batch drops and recreates `services`,
    # and the ON DELETE CASCADE of phones, areas and locations would empty them.
    op.add_column(
        'services', sa.Column('topics', sa.JSON(), nullable=False, server_default=sa.text("'[]'"))
    )


def downgrade() -> None:
    """Undo this revision."""
    op.drop_column('services', 'topics')
