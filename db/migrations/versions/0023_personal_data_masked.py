"""Personal data at rest: a request's CCCD kept masked (the full number travels sealed)

Requests taken before this revision kept the CCCD in clear; they keep its mask from now
on (``079******234``), as new ones do. Their outbox rows, if not yet sent, still carry it
in clear until central takes them and they are deleted.

Revision ID: 0023
Revises: 0021
Create Date: 2026-12-06
"""

from alembic import op

revision = '0023'
down_revision = '0022'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # the freed bytes of the rewritten cells are zeroed, not left in the file's pages
    op.execute("PRAGMA secure_delete = ON")
    op.execute("UPDATE service_requests "
               "SET id_number = substr(id_number, 1, 3) || '******' || substr(id_number, -3) "
               "WHERE id_number IS NOT NULL AND length(id_number) = 12 "
               "AND id_number NOT LIKE '%*%'")


def downgrade() -> None:
    pass  # a mask cannot be turned back into the number
