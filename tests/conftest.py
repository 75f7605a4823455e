"""Shared fixtures: an app on each database the machine offers, and a client for it.

Every test that uses `app` runs once on SQLite and, when TEST_DATABASE_URL is set (CI sets it),
once more on PostgreSQL. The schema comes from the migrations, built once per database per run;
rows are removed after each test.
"""

import os

import pytest
from flask_migrate import upgrade
from sqlalchemy import create_engine, text

from app import create_app
from app.config import TestConfig, database_url
from app.extensions import db

POSTGRES_URL = os.environ.get("TEST_DATABASE_URL")
BACKENDS = ["sqlite", "postgresql"]
_migrated: set[str] = set()


def _reset_postgres(url: str) -> None:
    engine = create_engine(database_url(url))
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    engine.dispose()


@pytest.fixture(scope="session")
def sqlite_url(tmp_path_factory):
    return f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.db'}"


@pytest.fixture(params=BACKENDS)
def db_url(request, sqlite_url):
    if request.param == "sqlite":
        return sqlite_url
    if not POSTGRES_URL:
        pytest.skip("PostgreSQL tests need TEST_DATABASE_URL (e.g. postgresql://postgres@127.0.0.1:5432/test)")
    return POSTGRES_URL


@pytest.fixture
def make_app(db_url):
    """Build an app on this test's database; keyword arguments override settings."""
    apps = []

    def build(**settings):
        config = TestConfig(db_url)
        for name, value in settings.items():
            setattr(config, name, value)
        app = create_app(config)
        with app.app_context():
            if db_url not in _migrated:
                if db_url.startswith("postgres"):
                    _reset_postgres(db_url)
                upgrade()
                _migrated.add(db_url)
        apps.append(app)
        return app

    yield build
    for app in apps:
        with app.app_context():
            db.session.remove()
            for table in reversed(db.metadata.sorted_tables):
                db.session.execute(table.delete())
            db.session.commit()
            db.engine.dispose()


@pytest.fixture
def app(make_app):
    app = make_app()
    with app.app_context():
        yield app


@pytest.fixture
def client(app):
    return app.test_client()


def pytest_terminal_summary(terminalreporter):
    """One line per reason tests were skipped, instead of one per test."""
    reasons = {}
    for report in terminalreporter.stats.get("skipped", []):
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
        reason = reason.removeprefix("Skipped: ")
        reasons[reason] = reasons.get(reason, 0) + 1
    for reason, count in sorted(reasons.items()):
        terminalreporter.write_line(f"skipped {count}: {reason}")
