"""a closed shift's cash handed to the head cashier, counted blind (turn-in)

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-02
"""

from alembic import op
import sqlalchemy as sa


revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'turn_ins',
        sa.Column('key', sa.String(length=36), nullable=False),
        sa.Column('shift_id', sa.Integer(), nullable=False),
        sa.Column('declared', sa.Integer(), nullable=False),
        sa.Column('counted', sa.Integer(), nullable=False),
        sa.Column('counts', sa.Text(), nullable=False),
        sa.Column('status', sa.String(length=8), nullable=False),
        sa.Column('reason', sa.Text(), nullable=True),
        sa.Column('head_cashier_id', sa.Integer(), nullable=False),
        sa.Column('at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(['head_cashier_id'], ['staff.id'], ),
        sa.ForeignKeyConstraint(['shift_id'], ['shifts.id'], ),
        sa.PrimaryKeyConstraint('key'),
        sa.UniqueConstraint('shift_id'),
    )


def downgrade() -> None:
    op.drop_table('turn_ins')
