"""usage_events become hourly counters: no sequential id, events of one hour merged by kind.

One row per event with an autoincrement id let the rows of one conversation be read back as a
contiguous run (start, danger, a rare powiat, results, helpful). Each row is now a counter:
a hash of its values (`bucket`) is the key and `count` says how many such events happened in
that hour. Existing events are merged into counters; the old ids are dropped. Downgrading
expands every counter back into `count` rows (in key order, not in the order they happened).

Revision ID: 0004_usage_unlinkable
Revises: 0003_service_topics
Create Date: 2026-12-07
"""

import hashlib
import json
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from alembic import op


revision: str = '0004_usage_unlinkable'
down_revision: str | None = '0003_service_topics'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Frozen copies of directory.models' rule at this revision (a migration must not change when
# the application code does).
KEY_COLUMNS = (
    'hour', 'channel', 'language', 'event', 'place_outcome', 'powiat', 'crisis',
    'emergency_first', 'options_shown', 'scopes', 'more_pressed', 'change_place_pressed',
    'helpful',
)
DEFAULTS: dict[str, Any] = {
    'emergency_first': False, 'options_shown': 0, 'scopes': {}, 'more_pressed': False,
    'change_place_pressed': False,
}


def _aware(value: datetime) -> datetime:
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


def _bucket(row: dict[str, Any]) -> str:
    canonical: dict[str, Any] = {}
    for name in KEY_COLUMNS:
        value = row.get(name)
        if value is None:
            value = DEFAULTS.get(name)
        if isinstance(value, datetime):
            value = _aware(value).astimezone(UTC).isoformat()
        canonical[name] = value
    text = json.dumps(canonical, sort_keys=True, separators=(',', ':'), default=str)
    return hashlib.sha256(text.encode('utf-8')).hexdigest()


def _columns() -> list[sa.Column[Any]]:
    return [
        sa.Column('hour', sa.DateTime(timezone=True), nullable=False),
        sa.Column('channel', sa.String(length=32), nullable=False),
        sa.Column('language', sa.String(length=8), nullable=True),
        sa.Column('event', sa.String(length=32), nullable=False),
        sa.Column('place_outcome', sa.String(length=16), nullable=True),
        sa.Column('powiat', sa.String(length=4), nullable=True),
        sa.Column('crisis', sa.String(length=16), nullable=True),
        sa.Column('emergency_first', sa.Boolean(), nullable=False),
        sa.Column('options_shown', sa.Integer(), nullable=False),
        sa.Column('scopes', sa.JSON(), nullable=False),
        sa.Column('more_pressed', sa.Boolean(), nullable=False),
        sa.Column('change_place_pressed', sa.Boolean(), nullable=False),
        sa.Column('helpful', sa.Boolean(), nullable=True),
    ]


def _read_all(table: sa.Table) -> list[dict[str, Any]]:
    return [dict(row._mapping) for row in op.get_bind().execute(sa.select(table))]


def upgrade() -> None:
    """Merge the events into hourly counters keyed by a hash of their values."""
    old = sa.Table('usage_events', sa.MetaData(), sa.Column('id', sa.Integer()), *_columns())
    counters: dict[str, dict[str, Any]] = {}
    for row in _read_all(old):
        row.pop('id', None)
        row['hour'] = _aware(row['hour'])
        key = _bucket(row)
        if key in counters:
            counters[key]['count'] += 1
        else:
            counters[key] = {**row, 'bucket': key, 'count': 1}
    op.drop_index(op.f('ix_usage_events_hour'), table_name='usage_events')
    op.drop_index(op.f('ix_usage_events_event'), table_name='usage_events')
    op.drop_table('usage_events')
    new = op.create_table(
        'usage_events',
        sa.Column('bucket', sa.String(length=64), nullable=False),
        sa.Column('count', sa.Integer(), nullable=False),
        *_columns(),
        sa.PrimaryKeyConstraint('bucket', name=op.f('pk_usage_events')),
        sqlite_with_rowid=False,
    )
    op.create_index(op.f('ix_usage_events_event'), 'usage_events', ['event'])
    op.create_index(op.f('ix_usage_events_hour'), 'usage_events', ['hour'])
    if counters:
        op.bulk_insert(new, [counters[key] for key in sorted(counters)])


def downgrade() -> None:
    """One row per event again (ids in key order: the order of events is not known)."""
    counters = sa.Table(
        'usage_events',
        sa.MetaData(),
        sa.Column('bucket', sa.String(64)),
        sa.Column('count', sa.Integer()),
        *_columns(),
    )
    rows = sorted(_read_all(counters), key=lambda row: row['bucket'])
    op.drop_index(op.f('ix_usage_events_hour'), table_name='usage_events')
    op.drop_index(op.f('ix_usage_events_event'), table_name='usage_events')
    op.drop_table('usage_events')
    events = op.create_table(
        'usage_events',
        sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
        *_columns(),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_usage_events')),
    )
    op.create_index(op.f('ix_usage_events_event'), 'usage_events', ['event'])
    op.create_index(op.f('ix_usage_events_hour'), 'usage_events', ['hour'])
    expanded = []
    for row in rows:
        number = row.pop('count')
        row.pop('bucket')
        expanded += [dict(row) for _ in range(number)]
    if expanded:
        op.bulk_insert(events, expanded)
