"""Initial schema: the whole directory, usage, conversation state and staff tables.

Revision ID: 0001
Revises: 
Create Date: 2026-11-22
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0001'
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Apply this revision."""
    op.create_table('admins',
    sa.Column('telegram_user_id', sa.BigInteger(), autoincrement=False, nullable=False),
    sa.Column('granted_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('granted_by', sa.Text(), nullable=True),
    sa.PrimaryKeyConstraint('telegram_user_id', name=op.f('pk_admins'))
    )
    op.create_table('audit_log',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('actor', sa.Text(), nullable=False),
    sa.Column('entity', sa.String(length=32), nullable=False),
    sa.Column('entity_id', sa.String(length=64), nullable=False),
    sa.Column('field', sa.String(length=64), nullable=False),
    sa.Column('old_value', sa.Text(), nullable=True),
    sa.Column('new_value', sa.Text(), nullable=True),
    sa.Column('change_id', sa.String(length=64), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_log'))
    )
    op.create_index(op.f('ix_audit_log_at'), 'audit_log', ['at'])
    op.create_index(op.f('ix_audit_log_change_id'), 'audit_log', ['change_id'])
    op.create_index('ix_audit_log_entity_entity_id', 'audit_log', ['entity', 'entity_id'])

    op.create_table('conversation_state',
    sa.Column('key', sa.String(length=128), nullable=False),
    sa.Column('data', sa.JSON(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_conversation_state'))
    )
    op.create_index(op.f('ix_conversation_state_expires_at'), 'conversation_state', ['expires_at'])

    op.create_table('organizations',
    sa.Column('id', sa.String(length=32), nullable=False),
    sa.Column('name', sa.Text(), nullable=False),
    sa.Column('alternate_name', sa.Text(), nullable=True),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('url', sa.Text(), nullable=True),
    sa.Column('email', sa.Text(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_organizations'))
    )
    op.create_table('usage_events',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
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
    sa.PrimaryKeyConstraint('id', name=op.f('pk_usage_events'))
    )
    op.create_index(op.f('ix_usage_events_event'), 'usage_events', ['event'])
    op.create_index(op.f('ix_usage_events_hour'), 'usage_events', ['hour'])

    op.create_table('services',
    sa.Column('id', sa.String(length=32), nullable=False),
    sa.Column('organization_id', sa.String(length=32), nullable=False),
    sa.Column('name_pl', sa.Text(), nullable=False),
    sa.Column('name_en', sa.Text(), nullable=True),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('kind', sa.String(length=32), nullable=False),
    sa.Column('scope', sa.String(length=16), nullable=False),
    sa.Column('status', sa.String(length=24), nullable=False),
    sa.Column('hours', sa.Text(), nullable=True),
    sa.Column('hours_as_published', sa.Text(), nullable=True),
    sa.Column('crisis_types', sa.JSON(), nullable=False),
    sa.Column('audience', sa.JSON(), nullable=False),
    sa.Column('languages', sa.JSON(), nullable=False),
    sa.Column('contact_modes', sa.JSON(), nullable=False),
    sa.Column('url', sa.Text(), nullable=True),
    sa.Column('email', sa.Text(), nullable=True),
    sa.Column('notice', sa.Text(), nullable=True),
    sa.Column('free_of_charge', sa.Boolean(), nullable=True),
    sa.Column('confidence', sa.String(length=16), nullable=False),
    sa.Column('source_urls', sa.JSON(), nullable=False),
    sa.Column('source_date', sa.Text(), nullable=True),
    sa.Column('verified_on', sa.Date(), nullable=True),
    sa.Column('verified_by', sa.Text(), nullable=True),
    sa.Column('caveats', sa.Text(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['organization_id'], ['organizations.id'], name=op.f('fk_services_organization_id_organizations'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_services'))
    )
    op.create_index(op.f('ix_services_organization_id'), 'services', ['organization_id'])
    op.create_index(op.f('ix_services_status'), 'services', ['status'])
    op.create_index('ix_services_status_scope', 'services', ['status', 'scope'])

    op.create_table('staff_invites',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('organization_id', sa.String(length=32), nullable=False),
    sa.Column('code_hash', sa.String(length=128), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('used_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_by', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['organization_id'], ['organizations.id'], name=op.f('fk_staff_invites_organization_id_organizations'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_staff_invites')),
    sa.UniqueConstraint('code_hash', name=op.f('uq_staff_invites_code_hash'))
    )
    op.create_index(op.f('ix_staff_invites_organization_id'), 'staff_invites', ['organization_id'])

    op.create_table('staff_links',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('telegram_user_id', sa.BigInteger(), nullable=False),
    sa.Column('organization_id', sa.String(length=32), nullable=False),
    sa.Column('linked_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('revoked_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['organization_id'], ['organizations.id'], name=op.f('fk_staff_links_organization_id_organizations'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_staff_links'))
    )
    op.create_index(op.f('ix_staff_links_organization_id'), 'staff_links', ['organization_id'])
    op.create_index(op.f('ix_staff_links_telegram_user_id'), 'staff_links', ['telegram_user_id'])

    op.create_table('locations',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('organization_id', sa.String(length=32), nullable=False),
    sa.Column('service_id', sa.String(length=32), nullable=True),
    sa.Column('address', sa.Text(), nullable=True),
    sa.Column('postal_code', sa.String(length=16), nullable=True),
    sa.Column('town', sa.Text(), nullable=True),
    sa.Column('powiat', sa.String(length=4), nullable=True),
    sa.Column('latitude', sa.Float(), nullable=True),
    sa.Column('longitude', sa.Float(), nullable=True),
    sa.Column('point_source', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['organization_id'], ['organizations.id'], name=op.f('fk_locations_organization_id_organizations'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['service_id'], ['services.id'], name=op.f('fk_locations_service_id_services'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_locations'))
    )
    op.create_index(op.f('ix_locations_organization_id'), 'locations', ['organization_id'])
    op.create_index(op.f('ix_locations_powiat'), 'locations', ['powiat'])
    op.create_index(op.f('ix_locations_service_id'), 'locations', ['service_id'])

    op.create_table('phones',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('service_id', sa.String(length=32), nullable=False),
    sa.Column('number_as_published', sa.Text(), nullable=False),
    sa.Column('e164', sa.String(length=32), nullable=True),
    sa.Column('dial', sa.String(length=32), nullable=True),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('is_24_7', sa.Boolean(), nullable=True),
    sa.ForeignKeyConstraint(['service_id'], ['services.id'], name=op.f('fk_phones_service_id_services'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_phones'))
    )
    op.create_index(op.f('ix_phones_service_id'), 'phones', ['service_id'])

    op.create_table('service_areas',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('service_id', sa.String(length=32), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('code', sa.String(length=8), nullable=False),
    sa.ForeignKeyConstraint(['service_id'], ['services.id'], name=op.f('fk_service_areas_service_id_services'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_service_areas'))
    )
    op.create_index('ix_service_areas_kind_code', 'service_areas', ['kind', 'code'])
    op.create_index(op.f('ix_service_areas_service_id'), 'service_areas', ['service_id'])



def downgrade() -> None:
    """Revert this revision."""
    op.drop_index(op.f('ix_service_areas_service_id'), table_name='service_areas')
    op.drop_index('ix_service_areas_kind_code', table_name='service_areas')

    op.drop_table('service_areas')
    op.drop_index(op.f('ix_phones_service_id'), table_name='phones')

    op.drop_table('phones')
    op.drop_index(op.f('ix_locations_service_id'), table_name='locations')
    op.drop_index(op.f('ix_locations_powiat'), table_name='locations')
    op.drop_index(op.f('ix_locations_organization_id'), table_name='locations')

    op.drop_table('locations')
    op.drop_index(op.f('ix_staff_links_telegram_user_id'), table_name='staff_links')
    op.drop_index(op.f('ix_staff_links_organization_id'), table_name='staff_links')

    op.drop_table('staff_links')
    op.drop_index(op.f('ix_staff_invites_organization_id'), table_name='staff_invites')

    op.drop_table('staff_invites')
    op.drop_index('ix_services_status_scope', table_name='services')
    op.drop_index(op.f('ix_services_status'), table_name='services')
    op.drop_index(op.f('ix_services_organization_id'), table_name='services')

    op.drop_table('services')
    op.drop_index(op.f('ix_usage_events_hour'), table_name='usage_events')
    op.drop_index(op.f('ix_usage_events_event'), table_name='usage_events')

    op.drop_table('usage_events')
    op.drop_table('organizations')
    op.drop_index(op.f('ix_conversation_state_expires_at'), table_name='conversation_state')

    op.drop_table('conversation_state')
    op.drop_index('ix_audit_log_entity_entity_id', table_name='audit_log')
    op.drop_index(op.f('ix_audit_log_change_id'), table_name='audit_log')
    op.drop_index(op.f('ix_audit_log_at'), table_name='audit_log')

    op.drop_table('audit_log')
    op.drop_table('admins')
