"""field collectors' route sheets and their visits

Revision ID: c0009
Revises: c0008
Create Date: 2026-12-02
"""

from alembic import op
import sqlalchemy as sa


revision = 'c0009'
down_revision = 'c0008'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('route_sheets',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=True,
              nullable=False),
    sa.Column('unit_code', sa.String(length=16), nullable=False),
    sa.Column('route_code', sa.String(length=16), nullable=False),
    sa.Column('collector', sa.String(length=40), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('stops', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('route_sheets', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_route_sheets_unit_code'), ['unit_code'],
                              unique=False)
    op.create_table('visits',
    sa.Column('device_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'),
              nullable=False),
    sa.Column('key', sa.String(length=36), nullable=False),
    sa.Column('sheet_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'),
              nullable=False),
    sa.Column('account_code', sa.String(length=20), nullable=False),
    sa.Column('outcome', sa.String(length=16), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('staff', sa.String(length=40), nullable=False),
    sa.Column('receipt_no', sa.String(length=40), nullable=True),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['device_id'], ['devices.id'], ),
    sa.ForeignKeyConstraint(['sheet_id'], ['route_sheets.id'], ),
    sa.PrimaryKeyConstraint('device_id', 'key')
    )
    with op.batch_alter_table('visits', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_visits_sheet_id'), ['sheet_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('visits', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_visits_sheet_id'))
    op.drop_table('visits')
    with op.batch_alter_table('route_sheets', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_route_sheets_unit_code'))
    op.drop_table('route_sheets')
