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


def downgrade() -> None:
    with op.batch_alter_table('service_requests') as batch:
        batch.drop_column('due_on')
        batch.drop_column('papers')
        batch.drop_column('details')
