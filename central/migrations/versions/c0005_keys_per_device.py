"""operation keys scoped per device: another device cannot take a key first

A key a device of another unit saw in transit (a VietQR payment key is
derived from the reference printed in the customer's QR) made the genuine
operation ``key-reused`` for good when keys were global.

Revision ID: c0005
Revises: c0004
Create Date: 2026-12-01
"""

import warnings

from alembic import op
import sqlalchemy as sa


revision = 'c0005'
down_revision = 'c0004'
branch_labels = None
depends_on = None

# (table, key column, the primary key PostgreSQL named at create_table)
_TABLES = (
    ('applied_ops', 'key', 'applied_ops_pkey'),
    ('payments', 'key', 'payments_pkey'),
    ('shift_closings', 'shift_key', 'shift_closings_pkey'),
    ('service_requests', 'key', 'service_requests_pkey'),
)


def _repoint(columns_for: dict[str, list[str]]) -> None:
    postgres = op.get_bind().dialect.name == 'postgresql'
    for table, key, pk in _TABLES:
        if postgres:
            op.drop_constraint(pk, table, type_='primary')
            op.create_primary_key(pk, table, columns_for[key])
        else:
            # SQLite cannot change a primary key in place: batch mode copies the table
            with warnings.catch_warnings():
                # SQLAlchemy notes that the copied table's columns still say the old
                # primary key: that is the point of the copy
                warnings.filterwarnings('ignore', message='Table .* specifies columns')
                with op.batch_alter_table(table, recreate='always') as batch:
                    batch.create_primary_key(pk, columns_for[key])


def upgrade() -> None:
    if op.get_bind().dialect.name == 'postgresql':
        # c0003 made it INTEGER; the devices' ids it points at are BIGINT
        op.alter_column('service_requests', 'device_id', type_=sa.BigInteger(),
                        existing_type=sa.Integer(), existing_nullable=False)
    _repoint({'key': ['device_id', 'key'], 'shift_key': ['device_id', 'shift_key']})


def downgrade() -> None:
    _repoint({'key': ['key'], 'shift_key': ['shift_key']})
