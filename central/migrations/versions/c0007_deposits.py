"""bank deposits: accepted turn-ins grouped under one slip, with the bank's reference

Revision ID: c0007
Revises: c0006
Create Date: 2026-12-02
"""

from alembic import op
import sqlalchemy as sa


revision = 'c0007'
down_revision = 'c0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('deposits',
    sa.Column('device_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'),
              nullable=False),
    sa.Column('key', sa.String(length=36), nullable=False),
    sa.Column('slip_no', sa.String(length=40), nullable=False),
    sa.Column('unit_code', sa.String(length=16), nullable=False),
    sa.Column('head_cashier', sa.String(length=40), nullable=False),
    sa.Column('bank', sa.String(length=120), nullable=False),
    sa.Column('total', sa.BigInteger(), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('bank_ref', sa.String(length=40), nullable=True),
    sa.Column('bank_ref_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['device_id'], ['devices.id'], ),
    sa.PrimaryKeyConstraint('device_id', 'key'),
    sa.UniqueConstraint('slip_no')
    )
    with op.batch_alter_table('deposits', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_deposits_unit_code'), ['unit_code'], unique=False)
    with op.batch_alter_table('turn_ins', schema=None) as batch_op:
        batch_op.add_column(sa.Column('deposit_key', sa.String(length=36), nullable=True))
        batch_op.create_index(batch_op.f('ix_turn_ins_deposit_key'), ['deposit_key'],
                              unique=False)


def downgrade() -> None:
    with op.batch_alter_table('turn_ins', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_turn_ins_deposit_key'))
        batch_op.drop_column('deposit_key')
    with op.batch_alter_table('deposits', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_deposits_unit_code'))
    op.drop_table('deposits')
