"""Snapshots known from the database (not from a file in their folder); enrolment codes
count their failures and lock

Revision ID: c0013
Revises: c0011
Create Date: 2026-12-06
"""

from alembic import op
import sqlalchemy as sa


revision = 'c0013'
down_revision = 'c0011'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'snapshots',
        sa.Column('id', sa.String(length=48), nullable=False),
        sa.Column('scope', sa.String(length=32), nullable=False),
        sa.Column('seq', sa.BigInteger(), nullable=False),
        sa.Column('changes', sa.BigInteger(), nullable=False),
        sa.Column('size', sa.BigInteger(), nullable=False),
        sa.Column('sha256', sa.String(length=64), nullable=False),
        sa.Column('schema_rev', sa.String(length=32), nullable=False),
        sa.Column('built_at', sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_snapshots_scope', 'snapshots', ['scope'], unique=False)
    op.add_column('enrolment_codes', sa.Column('failures', sa.Integer(), nullable=False,
                                               server_default='0'))
    op.add_column('enrolment_codes', sa.Column('locked_at', sa.DateTime(timezone=True),
                                               nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('enrolment_codes', schema=None) as batch_op:
        batch_op.drop_column('locked_at')
        batch_op.drop_column('failures')
    op.drop_index('ix_snapshots_scope', table_name='snapshots')
    op.drop_table('snapshots')
