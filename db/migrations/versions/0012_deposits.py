"""bank deposits: accepted turn-ins grouped under one slip, with the bank's reference

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-02
"""

from alembic import op
import sqlalchemy as sa


revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'deposits',
        sa.Column('key', sa.String(length=36), nullable=False),
        sa.Column('slip_no', sa.String(length=40), nullable=False),
        sa.Column('bank', sa.String(length=120), nullable=False),
        sa.Column('total', sa.Integer(), nullable=False),
        sa.Column('items', sa.Text(), nullable=False),
        sa.Column('head_cashier_id', sa.Integer(), nullable=False),
        sa.Column('at', sa.DateTime(), nullable=False),
        sa.Column('bank_ref', sa.String(length=40), nullable=True),
        sa.Column('bank_ref_at', sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(['head_cashier_id'], ['staff.id'], ),
        sa.PrimaryKeyConstraint('key'),
        sa.UniqueConstraint('slip_no'),
    )
    with op.batch_alter_table('turn_ins', schema=None) as batch_op:
        batch_op.add_column(sa.Column('deposit_key', sa.String(length=36), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('turn_ins', schema=None) as batch_op:
        batch_op.drop_column('deposit_key')
    op.drop_table('deposits')
