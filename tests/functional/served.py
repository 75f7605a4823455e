"""A database for a site served by gunicorn in a test: a SQLite file, or a new PostgreSQL one."""

import os

import pytest
from sqlalchemy import create_engine

from app.config import database_url
from bench.servers import temporary_postgres

POSTGRES_URL = os.environ.get("TEST_DATABASE_URL")
REDIS_URL = os.environ.get("TEST_REDIS_URL")
NEEDS_POSTGRES = (
    "gunicorn tests on PostgreSQL need TEST_DATABASE_URL "
    "(e.g. postgresql://postgres@127.0.0.1:5432/test)"
)


@pytest.fixture(params=["sqlite", "postgresql"])
def served_database(request, tmp_path):
    """The URL of an empty database for a gunicorn-run site, removed after the test."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'site.db'}"
        return
    if not POSTGRES_URL:
        pytest.skip(NEEDS_POSTGRES)
    with temporary_postgres(POSTGRES_URL, prefix="served_test") as url:
        yield url


def engine_for(url: str):
    return create_engine(database_url(url))
