"""agents' daily closings, reconciled against central's payments

Revision ID: c0008
Revises: c0007
Create Date: 2026-12-02
"""

from alembic import op
import sqlalchemy as sa


revision = 'c0008'
down_revision = 'c0007'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('agent_closings',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=True,
              nullable=False),
    sa.Column('device_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'),
              nullable=False),
    sa.Column('key', sa.String(length=36), nullable=False),
    sa.Column('unit_code', sa.String(length=16), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('staff', sa.String(length=40), nullable=False),
    sa.Column('count', sa.Integer(), nullable=False),
    sa.Column('total', sa.BigInteger(), nullable=False),
    sa.Column('central_count', sa.Integer(), nullable=False),
    sa.Column('central_total', sa.BigInteger(), nullable=False),
    sa.Column('differences', sa.Text(), nullable=False),
    sa.Column('status', sa.String(length=12), nullable=False),
    sa.Column('assigned_to', sa.String(length=80), nullable=True),
    sa.Column('assignment_note', sa.Text(), nullable=True),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['device_id'], ['devices.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('device_id', 'day', name='uq_agent_closings_day'),
    sa.UniqueConstraint('key')
    )
    with op.batch_alter_table('agent_closings', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_agent_closings_unit_code'), ['unit_code'],
                              unique=False)


def downgrade() -> None:
    with op.batch_alter_table('agent_closings', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_agent_closings_unit_code'))
    op.drop_table('agent_closings')
