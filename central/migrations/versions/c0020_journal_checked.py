"""Central checks that what a payment or void journal line records reached it (a counter
whose files were edited can hold a payment back while its journal line goes out)

Revision ID: c0020
Revises: c0019
Create Date: 2026-12-06
"""

from alembic import op
import sqlalchemy as sa


revision = 'c0020'
down_revision = 'c0019'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column('audit_lines', sa.Column('checked_at', sa.DateTime(timezone=True), nullable=True))
    op.create_index('ix_audit_lines_unchecked', 'audit_lines', ['received_at'], unique=False,
                    sqlite_where=sa.text('checked_at IS NULL'),
                    postgresql_where=sa.text('checked_at IS NULL'))
    # lines that record no money need no check; the payment and void lines already held
    # are checked once, at the next look (a payment held back before the upgrade is found)
    op.execute("UPDATE audit_lines SET checked_at = received_at WHERE op_key IS NULL "
               "OR (entry NOT LIKE '%\"action\":\"payment\"%' "
               "AND entry NOT LIKE '%\"action\":\"void\"%')")


def downgrade() -> None:
    op.drop_index('ix_audit_lines_unchecked', table_name='audit_lines')
    with op.batch_alter_table('audit_lines') as batch:
        batch.drop_column('checked_at')
