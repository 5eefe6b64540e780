"""A receipt number may be held twice: money is keyed by operation key, and a clash is
applied and alerted, never refused (issue 28, finding 2)

Revision ID: c0019
Revises: c0018
Create Date: 2026-12-06
"""

from alembic import op


revision = 'c0019'
down_revision = 'c0018'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('payments') as batch:
        batch.drop_constraint('uq_payments_receipt', type_='unique')
    op.create_index('ix_payments_receipt', 'payments', ['device_id', 'receipt_no'],
                    unique=False)


def downgrade() -> None:
    # fails where a number is held twice: which payment to drop is a person's decision
    op.drop_index('ix_payments_receipt', table_name='payments')
    with op.batch_alter_table('payments') as batch:
        batch.create_unique_constraint('uq_payments_receipt', ['device_id', 'receipt_no'])
