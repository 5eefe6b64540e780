"""VietQR sessions kept by the core: the intent written before central is asked

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-05
"""

from alembic import op
import sqlalchemy as sa


revision = '0016'
down_revision = '0015'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'qr_intents',
        sa.Column('key', sa.String(length=36), nullable=False),
        sa.Column('reference', sa.String(length=20), nullable=True),
        sa.Column('account_id', sa.Integer(), nullable=False),
        sa.Column('account_code', sa.String(length=20), nullable=False),
        sa.Column('bills', sa.Text(), nullable=False),
        sa.Column('amount', sa.Integer(), nullable=False),
        sa.Column('staff_id', sa.Integer(), nullable=False),
        sa.Column('shift_id', sa.Integer(), nullable=False),
        sa.Column('state', sa.String(length=10), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.Column('expires_at', sa.DateTime(), nullable=True),
        sa.Column('payload', sa.Text(), nullable=True),
        sa.Column('withdrawn_at', sa.DateTime(), nullable=True),
        sa.Column('bank_ref', sa.String(length=64), nullable=True),
        sa.Column('payment_key', sa.String(length=36), nullable=True),
        sa.Column('closed_at', sa.DateTime(), nullable=True),
        sa.Column('note', sa.Text(), nullable=True),
        sa.Column('failures', sa.Integer(), nullable=False),
        sa.CheckConstraint("state IN ('asking', 'pending', 'recorded', 'expired', 'cancelled', "
                           "'refused')", name='ck_qr_intents_state'),
        sa.ForeignKeyConstraint(['account_id'], ['accounts.id'], ),
        sa.ForeignKeyConstraint(['payment_key'], ['payments.key'], ),
        sa.ForeignKeyConstraint(['shift_id'], ['shifts.id'], ),
        sa.ForeignKeyConstraint(['staff_id'], ['staff.id'], ),
        sa.PrimaryKeyConstraint('key'),
        sa.UniqueConstraint('payment_key'),
        sa.UniqueConstraint('reference'),
    )
    op.create_index('ix_qr_intents_open', 'qr_intents', ['state'], unique=False)
    op.create_index('ix_qr_intents_shift_id', 'qr_intents', ['shift_id'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_qr_intents_shift_id', table_name='qr_intents')
    op.drop_index('ix_qr_intents_open', table_name='qr_intents')
    op.drop_table('qr_intents')
