"""service requests

Revision ID: c0003
Revises: c0002
Create Date: 2026-11-27
"""

from alembic import op
import sqlalchemy as sa


revision = 'c0003'
down_revision = 'c0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('service_requests',
    sa.Column('key', sa.String(length=36), nullable=False),
    sa.Column('ref', sa.String(length=32), nullable=False),
    sa.Column('unit_code', sa.String(length=16), nullable=False),
    sa.Column('device_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=24), nullable=False),
    sa.Column('account_code', sa.String(length=16), nullable=True),
    sa.Column('data', sa.Text(), nullable=False),
    sa.Column('status', sa.String(length=12), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['device_id'], ['devices.id'], ),
    sa.PrimaryKeyConstraint('key'),
    sa.UniqueConstraint('ref')
    )
    with op.batch_alter_table('service_requests', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_service_requests_unit_code'), ['unit_code'],
                              unique=False)


def downgrade() -> None:
    with op.batch_alter_table('service_requests', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_service_requests_unit_code'))
    op.drop_table('service_requests')
