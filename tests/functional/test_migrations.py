from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from app import search_schema
from app.extensions import db


def test_migrations_build_exactly_the_models_schema(app):
    with db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={
            "compare_type": True, "include_object": search_schema.include_object})
        assert compare_metadata(context, db.metadata) == []
