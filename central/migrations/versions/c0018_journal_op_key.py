"""A journal line names the operation it records (issue 28: central refuses a payment
whose journal line is missing or was rejected)

Revision ID: c0018
Revises: c0017
Create Date: 2026-12-06
"""

import json

from alembic import op
import sqlalchemy as sa


revision = 'c0018'
down_revision = 'c0017'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column('audit_lines', sa.Column('op_key', sa.String(length=36), nullable=True))
    op.create_index('ix_audit_lines_op_key', 'audit_lines', ['device_id', 'op_key'],
                    unique=False)
    # the lines already held name their operation too (a payment pushed after the
    # upgrade may have its line in an earlier batch)
    lines = sa.table('audit_lines', sa.column('device_id', sa.Integer),
                     sa.column('seq', sa.BigInteger), sa.column('entry', sa.Text),
                     sa.column('op_key', sa.String))
    bind = op.get_bind()
    rows = bind.execute(sa.select(lines.c.device_id, lines.c.seq, lines.c.entry)
                        .where(lines.c.entry.like('%"key":%'))).all()
    named = []
    for device_id, seq, text in rows:
        try:
            detail = json.loads(text).get("detail")
        except (ValueError, AttributeError):
            continue
        key = detail.get("key") if isinstance(detail, dict) else None
        if isinstance(key, str) and len(key) <= 36:
            named.append({"d": device_id, "s": seq, "k": key})
    if named:
        bind.execute(lines.update()
                     .where(lines.c.device_id == sa.bindparam("d"),
                            lines.c.seq == sa.bindparam("s"))
                     .values(op_key=sa.bindparam("k")), named)


def downgrade() -> None:
    op.drop_index('ix_audit_lines_op_key', table_name='audit_lines')
    with op.batch_alter_table('audit_lines') as batch:
        batch.drop_column('op_key')
