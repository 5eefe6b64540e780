"""A payment's fee lines besides its bills (the reconnection fee collected at a counter;
issue 30, build 5)

Revision ID: c0017
Revises: c0015
Create Date: 2026-12-06
"""

from alembic import op
import sqlalchemy as sa


revision = 'c0017'
down_revision = 'c0015'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column('payments', sa.Column('fees', sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('payments') as batch:
        batch.drop_column('fees')
