"""The account's last 24 months of consumption, sent with it (issue 30, build 8)

Revision ID: c0016
Revises: c0011
Create Date: 2026-12-06
"""

from alembic import op
import sqlalchemy as sa


revision = 'c0016'
down_revision = 'c0013'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column('accounts', sa.Column('usage', sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('accounts') as batch:
        batch.drop_column('usage')
