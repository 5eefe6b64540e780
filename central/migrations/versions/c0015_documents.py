"""Documents attached to service requests, stored once per content hash

Revision ID: c0015
Revises: c0011
Create Date: 2026-12-06
"""

import sqlalchemy as sa
from alembic import op

revision = 'c0015'
down_revision = 'c0016'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'documents',
        sa.Column('sha256', sa.String(length=64), nullable=False),
        sa.Column('media_type', sa.String(length=40), nullable=False),
        sa.Column('size', sa.Integer(), nullable=False),
        sa.Column('device_id', sa.Integer(), nullable=False),
        sa.Column('unit_code', sa.String(length=16), nullable=False),
        sa.Column('stored_at', sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint('sha256'),
    )
    op.create_index('ix_documents_unit_code', 'documents', ['unit_code'])


def downgrade() -> None:
    op.drop_index('ix_documents_unit_code', table_name='documents')
    op.drop_table('documents')
