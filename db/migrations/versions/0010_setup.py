"""the collection point's details on receipts, and whether the first-run setup finished

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-02
"""

from alembic import op
import sqlalchemy as sa


revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('device') as batch:
        batch.add_column(sa.Column('point_address', sa.Text(), nullable=True))
        batch.add_column(sa.Column('point_phone', sa.String(length=20), nullable=True))
        batch.add_column(sa.Column('setup_done_at', sa.DateTime(), nullable=True))
    # a counter enrolled before the wizard existed was set up by hand: no wizard on upgrade
    op.execute("UPDATE device SET setup_done_at = enrolled_at")


def downgrade() -> None:
    with op.batch_alter_table('device') as batch:
        batch.drop_column('setup_done_at')
        batch.drop_column('point_phone')
        batch.drop_column('point_address')
