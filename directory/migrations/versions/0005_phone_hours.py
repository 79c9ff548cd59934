"""phones.hours: a number's own opening hours where they differ from its service's.

"Open 24/7" belongs to the 24-hour line of a centre, not to the office number listed beside it.
Existing entries whose service is open 24/7 and whose numbers are marked by their sources as
24-hour lines for some and not for others get "24/7" on the 24-hour lines and "unknown" (an
opening_hours expression: hours not published) on the others; every other number keeps the
service's hours (NULL).

Revision ID: 0005_phone_hours
Revises: 0004_usage_unlinkable
Create Date: 2026-12-07
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0005_phone_hours'
down_revision: str | None = '0004_usage_unlinkable'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Add the column, then split the hours of 24/7 services with office numbers beside."""
    # A plain ADD COLUMN, not a batch copy (see 0003): phones stay where they are.
    op.add_column('phones', sa.Column('hours', sa.Text(), nullable=True))
    bind = op.get_bind()
    mixed = bind.execute(
        sa.text(
            "SELECT s.id FROM services s JOIN phones p ON p.service_id = s.id"
            " WHERE s.hours = '24/7'"
            " GROUP BY s.id"
            " HAVING SUM(CASE WHEN p.is_24_7 THEN 1 ELSE 0 END) > 0"
            " AND SUM(CASE WHEN p.is_24_7 THEN 0 ELSE 1 END) > 0"
        )
    ).scalars().all()
    for service_id in mixed:
        bind.execute(
            sa.text(
                "UPDATE phones SET hours = CASE WHEN is_24_7 THEN '24/7' ELSE 'unknown' END"
                " WHERE service_id = :service_id"
            ),
            {'service_id': service_id},
        )


def downgrade() -> None:
    """Undo this revision."""
    op.drop_column('phones', 'hours')
