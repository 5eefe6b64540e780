"""an agent's daily closings as sent (one per local day)

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-02
"""

from alembic import op
import sqlalchemy as sa


revision = '0013'
down_revision = '0012'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'agent_closings',
        sa.Column('day', sa.Date(), nullable=False),
        sa.Column('key', sa.String(length=36), nullable=False),
        sa.Column('count', sa.Integer(), nullable=False),
        sa.Column('total', sa.Integer(), nullable=False),
        sa.Column('staff_id', sa.Integer(), nullable=False),
        sa.Column('at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(['staff_id'], ['staff.id'], ),
        sa.PrimaryKeyConstraint('day'),
        sa.UniqueConstraint('key'),
    )


def downgrade() -> None:
    op.drop_table('agent_closings')
