"""The local store of a QuayThu counter: models, engine, migrations, demo data.

Imports SQLAlchemy and Alembic only; never the application core or Qt.
"""
