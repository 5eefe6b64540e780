"""A payment's fee lines besides its bills: the reconnection fee a counter collects where
its unit's rules say so (issue 30, build 5)

Revision ID: 0024
Revises: 0023
Create Date: 2026-12-06
"""

from alembic import op
import sqlalchemy as sa


revision = '0024'
down_revision = '0023'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column('payments', sa.Column('fees', sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('payments') as batch:
        batch.drop_column('fees')
