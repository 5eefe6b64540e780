"""the first submitted count of a shift is final; a recount is kept beside it

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-01
"""

from alembic import op
import sqlalchemy as sa


revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('shifts') as batch:
        batch.add_column(sa.Column('first_count', sa.Text(), nullable=True))
        batch.add_column(sa.Column('first_counted_at', sa.DateTime(), nullable=True))
        batch.add_column(sa.Column('recount', sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('shifts') as batch:
        batch.drop_column('recount')
        batch.drop_column('first_counted_at')
        batch.drop_column('first_count')
