"""turn-ins: a closed shift's cash taken over by the head cashier, counted blind

Revision ID: c0006
Revises: c0005
Create Date: 2026-12-02
"""

from alembic import op
import sqlalchemy as sa


revision = 'c0006'
down_revision = 'c0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('turn_ins',
    sa.Column('device_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'),
              nullable=False),
    sa.Column('key', sa.String(length=36), nullable=False),
    sa.Column('shift_key', sa.String(length=36), nullable=False),
    sa.Column('unit_code', sa.String(length=16), nullable=False),
    sa.Column('cashier', sa.String(length=40), nullable=False),
    sa.Column('head_cashier', sa.String(length=40), nullable=False),
    sa.Column('declared', sa.BigInteger(), nullable=False),
    sa.Column('counted', sa.BigInteger(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=True),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['device_id'], ['devices.id'], ),
    sa.PrimaryKeyConstraint('device_id', 'key'),
    sa.UniqueConstraint('device_id', 'shift_key', name='uq_turn_ins_shift')
    )
    with op.batch_alter_table('turn_ins', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_turn_ins_unit_code'), ['unit_code'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('turn_ins', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_turn_ins_unit_code'))
    op.drop_table('turn_ins')
