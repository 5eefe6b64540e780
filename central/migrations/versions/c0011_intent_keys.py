"""VietQR intents made once per counter key; the unrecorded-payment alert's mark

Revision ID: c0011
Revises: c0010
Create Date: 2026-12-05
"""

from alembic import op
import sqlalchemy as sa


revision = 'c0011'
down_revision = 'c0010'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # plain ADD COLUMNs and a unique index (a batch copy of payment_intents is not needed)
    op.add_column('payment_intents', sa.Column('key', sa.String(length=36), nullable=True))
    op.add_column('payment_intents', sa.Column('alerted_at', sa.DateTime(timezone=True),
                                               nullable=True))
    op.create_index('uq_payment_intents_key', 'payment_intents', ['key'], unique=True)


def downgrade() -> None:
    op.drop_index('uq_payment_intents_key', table_name='payment_intents')
    with op.batch_alter_table('payment_intents', schema=None) as batch_op:
        batch_op.drop_column('alerted_at')
        batch_op.drop_column('key')
