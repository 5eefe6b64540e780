"""Named facts the store keeps about itself: whether the operation log was ever signed
(a new key never "signs the legacy log" of a store that had signed lines), the last
deposit slip handed out (issue 28, fixes A and B)

Revision ID: 0025
Revises: 0024
Create Date: 2026-12-06
"""

from alembic import op
import sqlalchemy as sa


revision = '0025'
down_revision = '0024'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('store_marks',
                    sa.Column('name', sa.String(length=40), nullable=False),
                    sa.Column('value', sa.Text(), nullable=False),
                    sa.PrimaryKeyConstraint('name'))


def downgrade() -> None:
    op.drop_table('store_marks')
