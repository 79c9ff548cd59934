"""Web panel sign-in links and sessions (only SHA-256 hashes of their secrets are stored).

Revision ID: 0007_panel_sessions
Revises: 0006_verification
Create Date: 2026-12-07
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op



revision: str = '0007_panel_sessions'
down_revision: str | None = '0006_verification'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Apply this revision."""
    op.create_table(
        'panel_sign_in_links',
        sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
        sa.Column('token_hash', sa.String(length=64), nullable=False),
        sa.Column('telegram_user_id', sa.BigInteger(), nullable=False),
        sa.Column('role', sa.String(length=8), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('used_at', sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_panel_sign_in_links')),
        sa.UniqueConstraint('token_hash', name=op.f('uq_panel_sign_in_links_token_hash')),
    )
    op.create_index(
        op.f('ix_panel_sign_in_links_telegram_user_id'),
        'panel_sign_in_links',
        ['telegram_user_id'],
    )
    op.create_index(
        op.f('ix_panel_sign_in_links_expires_at'), 'panel_sign_in_links', ['expires_at']
    )
    op.create_table(
        'panel_sessions',
        sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
        sa.Column('token_hash', sa.String(length=64), nullable=False),
        sa.Column('telegram_user_id', sa.BigInteger(), nullable=False),
        sa.Column('role', sa.String(length=8), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('last_seen_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('ended_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('language', sa.String(length=8), nullable=True),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_panel_sessions')),
        sa.UniqueConstraint('token_hash', name=op.f('uq_panel_sessions_token_hash')),
    )
    op.create_index(
        op.f('ix_panel_sessions_telegram_user_id'), 'panel_sessions', ['telegram_user_id']
    )
    op.create_index(op.f('ix_panel_sessions_expires_at'), 'panel_sessions', ['expires_at'])


def downgrade() -> None:
    """Undo this revision."""
    op.drop_index(op.f('ix_panel_sessions_expires_at'), table_name='panel_sessions')
    op.drop_index(op.f('ix_panel_sessions_telegram_user_id'), table_name='panel_sessions')
    op.drop_table('panel_sessions')
    op.drop_index(op.f('ix_panel_sign_in_links_expires_at'), table_name='panel_sign_in_links')
    op.drop_index(
        op.f('ix_panel_sign_in_links_telegram_user_id'), table_name='panel_sign_in_links'
    )
    op.drop_table('panel_sign_in_links')
