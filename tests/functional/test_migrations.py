from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import upgrade
from sqlalchemy import text

from app import config, create_app, search_schema
from app.extensions import db
from app.names import name_key, name_skeleton


def test_migrations_build_exactly_the_models_schema(app):
    with db.engine.connect() as connection:
        context = MigrationContext.configure(
            connection, opts={"compare_type": True, "include_object": search_schema.include_object}
        )
        assert compare_metadata(context, db.metadata) == []


def test_name_skeleton_migration_keeps_older_look_alikes_apart(tmp_path):
    app = create_app(config.TestConfig(f"sqlite:///{tmp_path / 'before.db'}"))
    with app.app_context():
        upgrade(revision="0008_limits_and_reports")  # the one before name skeletons
        look_alike = "\u0421\u043e\u0441\u043e \u0412\u0435\u0435 12"  # Cyrillic
        for name in ("Coco Bee 12", look_alike, "Quiet Heron 24"):
            db.session.execute(
                text(
                    "INSERT INTO members (name, name_key, phrase_hash, created_at) "
                    "VALUES (:name, :key, 'x', CURRENT_TIMESTAMP)"
                ),
                {"name": name, "key": name_key(name)},
            )
        db.session.commit()
        upgrade()
        skeletons = db.session.execute(
            text("SELECT name, name_skeleton FROM members ORDER BY id")
        ).all()
        db.engine.dispose()
    real = name_skeleton("Coco Bee 12")
    assert skeletons[0] == ("Coco Bee 12", real)
    assert skeletons[1][1] == f"{real}#2"
    assert skeletons[2][1] == name_skeleton("Quiet Heron 24")
