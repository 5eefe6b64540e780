"""the search's pair index: word pairs of names and addresses

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-02
"""

import sqlite3

from alembic import op
import sqlalchemy as sa


revision = '0015'
down_revision = '0014'
branch_labels = None
depends_on = None


def upgrade() -> None:
    from db.search import KEYS_DDL, key_tokens

    op.create_table('search_pairs',
    sa.Column('term', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('term'),
    sqlite_with_rowid=False
    )
    op.execute(KEYS_DDL)
    # the accounts already indexed get their pairs from the folded texts the index keeps
    cur: sqlite3.Connection = op.get_bind().connection.driver_connection  # type: ignore[assignment]
    rows = cur.execute("SELECT id, c0, c1 FROM account_fts_content")
    pairs: set[str] = set()
    while chunk := rows.fetchmany(20_000):
        keyed = [(i, key_tokens(n, a)) for i, n, a in chunk]
        cur.executemany("INSERT INTO account_fts_keys (rowid, keys) VALUES (?, ?)",
                        [(i, " ".join(k)) for i, k in keyed])
        for _i, k in keyed:
            pairs.update(k)
    cur.executemany("INSERT OR IGNORE INTO search_pairs (term) VALUES (?)",
                    [(p,) for p in sorted(pairs)])
    cur.execute("INSERT INTO account_fts_keys (account_fts_keys) VALUES ('optimize')")


def downgrade() -> None:
    op.execute("DROP TABLE account_fts_keys")
    op.drop_table('search_pairs')
