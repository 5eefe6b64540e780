"""Alembic environment: always called with a connection already in a transaction."""

from alembic import context

from db.models import Base

connection = context.config.attributes["connection"]


def include_object(obj, name, type_, reflected, compare_to):
    # FTS5 tables are made by hand in the migrations; autogenerate must not drop them
    return not (type_ == "table" and name.startswith("account_fts"))


context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    include_object=include_object,
    render_as_batch=True,
    transactional_ddl=True,
)
with context.begin_transaction():
    context.run_migrations()
