"""Service requests: each kind's own details, the papers brought, the legal deadline

Revision ID: 0021
Revises: 0016
Create Date: 2026-12-06
"""

from alembic import op
import sqlalchemy as sa


revision = '0021'
down_revision = '0016'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('service_requests') as batch:
        batch.add_column(sa.Column('details', sa.Text(), nullable=True))
        batch.add_column(sa.Column('papers', sa.Text(), nullable=True))
        batch.add_column(sa.Column('due_on', sa.Date(), nullable=True))
    op.create_table(
        'service_request_history',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('request_key', sa.String(length=36), nullable=False),
        sa.Column('status', sa.String(length=12), nullable=False),
        sa.Column('note', sa.Text(), nullable=True),
        sa.Column('at', sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('request_key', 'status', 'at', name='uq_request_history_step'),
    )
    op.create_index('ix_service_request_history_request_key', 'service_request_history',
                    ['request_key'])
    op.create_table(
        'request_drafts',
        sa.Column('key', sa.String(length=36), nullable=False),
        sa.Column('kind', sa.String(length=24), nullable=False),
        sa.Column('account_id', sa.Integer(), nullable=True),
        sa.Column('customer_name', sa.Text(), nullable=False),
        sa.Column('data', sa.Text(), nullable=False),
        sa.Column('staff_id', sa.Integer(), nullable=True),
        sa.Column('updated_at', sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint('key'),
    )


def downgrade() -> None:
    op.drop_table('request_drafts')
    op.drop_index('ix_service_request_history_request_key', 'service_request_history')
    op.drop_table('service_request_history')
    with op.batch_alter_table('service_requests') as batch:
        batch.drop_column('due_on')
        batch.drop_column('papers')
        batch.drop_column('details')
