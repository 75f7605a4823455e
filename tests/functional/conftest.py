"""Fixtures for the functional tests that run the site under gunicorn."""

from tests.functional.served import served_database  # noqa: F401 - a fixture
