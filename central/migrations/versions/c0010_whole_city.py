"""devices that hold the whole city (and the enrolment codes that make them)

Revision ID: c0010
Revises: c0009
Create Date: 2026-12-02
"""

from alembic import op
import sqlalchemy as sa


revision = 'c0010'
down_revision = 'c0009'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # a plain ADD COLUMN (both dialects take one with a default): a batch copy of
    # ``devices`` would drop a table that enrolment codes and payments point at
    for table in ('devices', 'enrolment_codes'):
        op.add_column(table, sa.Column('whole_city', sa.Boolean(), nullable=False,
                                       server_default=sa.false()))


def downgrade() -> None:
    for table in ('devices', 'enrolment_codes'):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column('whole_city')
