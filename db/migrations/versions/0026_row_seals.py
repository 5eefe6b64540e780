"""A keyed seal on every journal line and outbox row, and a place for the rows refused
for lack of one (issue 28: rows written straight into the store by someone who can
write the data folder)

The columns are added empty: the seal is computed by the core (desktop.rowseal) under a
key kept outside the data folder, which this migration cannot and must not read. Rows
from before this revision are sealed once, at the first start after it, only where the
signed ops.log (or the journal mark kept outside the folder) proves them genuine; an
unproven outbox row is never sent. The journal stays append-only: its lines' content
cannot change, and a seal, once written, cannot either.

Revision ID: 0026
Revises: 0025
Create Date: 2026-12-06
"""

import sqlalchemy as sa
from alembic import op

revision = '0026'
down_revision = '0025'
branch_labels = None
depends_on = None

_APPEND_ONLY = "BEGIN SELECT RAISE(ABORT, 'audit journal is append-only'); END"


def upgrade() -> None:
    op.add_column('outbox', sa.Column('mac', sa.String(length=64), nullable=True))
    op.add_column('audit_journal', sa.Column('mac', sa.String(length=64), nullable=True))
    # the journal's content never changes; its seal is written once (NULL → a MAC)
    op.execute("DROP TRIGGER IF EXISTS audit_journal_no_update")
    op.execute("CREATE TRIGGER audit_journal_no_update BEFORE UPDATE OF seq, key, entry, "
               f"prev_hash, hash ON audit_journal {_APPEND_ONLY}")
    op.execute("CREATE TRIGGER audit_journal_seal_once BEFORE UPDATE OF mac ON audit_journal "
               f"WHEN OLD.mac IS NOT NULL {_APPEND_ONLY}")
    op.create_table('refused_rows',
                    sa.Column('id', sa.Integer(), nullable=False),
                    sa.Column('source', sa.String(length=24), nullable=False),
                    sa.Column('key', sa.String(length=64), nullable=False),
                    sa.Column('body', sa.Text(), nullable=False),
                    sa.Column('created_at', sa.DateTime(), nullable=False),
                    sa.PrimaryKeyConstraint('id'))
    # the core seals the rows from before this revision once, at the next start
    op.execute("DELETE FROM store_marks WHERE name = 'rows_sealed'")


def downgrade() -> None:
    op.execute("DELETE FROM store_marks WHERE name = 'rows_sealed'")
    op.drop_table('refused_rows')
    op.execute("DROP TRIGGER IF EXISTS audit_journal_seal_once")
    op.execute("DROP TRIGGER IF EXISTS audit_journal_no_update")
    op.execute("DROP TRIGGER IF EXISTS audit_journal_no_delete")
    with op.batch_alter_table('audit_journal') as batch:
        batch.drop_column('mac')
    with op.batch_alter_table('outbox') as batch:
        batch.drop_column('mac')
    op.execute(f"CREATE TRIGGER audit_journal_no_update BEFORE UPDATE ON audit_journal "
               f"{_APPEND_ONLY}")
    op.execute(f"CREATE TRIGGER audit_journal_no_delete BEFORE DELETE ON audit_journal "
               f"{_APPEND_ONLY}")
