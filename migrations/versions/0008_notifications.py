"""notifications

Revision ID: 0008_notifications
Revises: 0007_events
Create Date: 2026-11-26 03:40:00.000000

"""
from alembic import op
import sqlalchemy as sa

import community.core.db


# revision identifiers, used by Alembic.
revision = '0008_notifications'
down_revision = '0007_events'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'notification',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('recipient_id', sa.Integer(), nullable=False),
        sa.Column('actor_id', sa.Integer(), nullable=True),
        sa.Column('kind', sa.String(length=24), nullable=False),
        sa.Column('subject', sa.String(length=200), nullable=False),
        sa.Column('url', sa.String(length=500), nullable=False),
        sa.Column('created_at', community.core.db.UTCDateTime(), nullable=False),
        sa.Column('read_at', community.core.db.UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(['actor_id'], ['user_account.id'], name=op.f('fk_notification_actor_id_user_account'), ondelete='SET NULL'),
        sa.ForeignKeyConstraint(['recipient_id'], ['user_account.id'], name=op.f('fk_notification_recipient_id_user_account'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_notification')),
    )
    op.create_index('ix_notification_recipient_read', 'notification', ['recipient_id', 'read_at', 'id'], unique=False)


def downgrade():
    op.drop_index('ix_notification_recipient_read', table_name='notification')
    op.drop_table('notification')
