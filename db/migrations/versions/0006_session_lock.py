"""the screen lock is a state of the staff session

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01
"""

from alembic import op
import sqlalchemy as sa


revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('staff_sessions') as batch:
        batch.add_column(sa.Column('locked_at', sa.DateTime(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('staff_sessions') as batch:
        batch.drop_column('locked_at')
