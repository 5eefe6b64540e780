"""an enrolment answered again to the same device key (a lost answer)

Revision ID: c0004
Revises: c0003
Create Date: 2026-12-01
"""

from alembic import op
import sqlalchemy as sa


revision = 'c0004'
down_revision = 'c0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('enrolment_codes') as batch:
        batch.add_column(sa.Column('device_key_hash', sa.String(length=64), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('enrolment_codes') as batch:
        batch.drop_column('device_key_hash')
