"""Shared fixtures: an app on each database the machine offers, and a client for it.

Every test that uses `app` runs once on SQLite and, when TEST_DATABASE_URL is set (CI sets it),
once more on PostgreSQL. The schema comes from the migrations, built once per database per run;
rows are removed after each test.
"""

import os

import pytest
from flask import g, request_started
from flask_migrate import upgrade
from sqlalchemy import create_engine, text

from app import create_app
from app.config import TestConfig, database_url
from app.extensions import db
from app.models import Space
from app.services import accounts, discussions, moderation, search
from app.spaces import DEFAULT_SPACES

POSTGRES_URL = os.environ.get("TEST_DATABASE_URL")
BACKENDS = ["sqlite", "postgresql"]
_migrated: set[str] = set()
# Derived from content/, not written by tests: indexed once, then kept from test to test.
KEPT_TABLES = {"learn_documents"}
# What the migrations put in, put back after each test.
SEEDED_SPACES = [
    {"slug": slug, "name": name, "description": description, "position": position}
    for position, (slug, name, description) in enumerate(DEFAULT_SPACES)
]


def _reset_postgres(url: str) -> None:
    engine = create_engine(database_url(url))
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    engine.dispose()


def _fresh_g(sender, **extra):
    """Start each request with an empty g, as in production.

    The `app` fixture keeps an app context open and Flask reuses it for the client's requests,
    so g (and Flask-Login's cached current user in it) would otherwise outlive a request.
    """
    for name in list(g):
        g.pop(name)


@pytest.fixture(scope="session")
def sqlite_url(tmp_path_factory):
    return f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.db'}"


@pytest.fixture(params=BACKENDS)
def db_url(request, sqlite_url):
    if request.param == "sqlite":
        return sqlite_url
    if not POSTGRES_URL:
        pytest.skip(
            "PostgreSQL tests need TEST_DATABASE_URL (e.g. postgresql://postgres@127.0.0.1:5432/test)"
        )
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
        request_started.connect(_fresh_g, app, weak=False)
        with app.app_context():
            if db_url not in _migrated:
                if db_url.startswith("postgres"):
                    _reset_postgres(db_url)
                upgrade()
                search.index_learn_pages(app.extensions["learn_pages"].all())
                _migrated.add(db_url)
        apps.append(app)
        return app

    yield build
    for app in apps:
        with app.app_context():
            db.session.remove()
            for table in reversed(db.metadata.sorted_tables):
                if table.name not in KEPT_TABLES:
                    db.session.execute(table.delete())
            db.session.execute(Space.__table__.insert(), SEEDED_SPACES)
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


@pytest.fixture
def make_member(app):
    """make_member(name=..., password=..., discreet_titles=...): a member made by the service.

    The recovery phrase it was given is kept on the object as .phrase for signing in.
    """

    def make(name=None, password=None, **preferences):
        member, phrase = accounts.enter_as_guest()
        if name:
            accounts.rename(member, name)
        if password:
            accounts.set_password(member, password, password)
        if preferences:
            current = {
                "discreet_titles": member.discreet_titles,
                "content_notes": member.content_notes,
            }
            accounts.update_preferences(member, **(current | preferences))
        member.phrase = phrase
        return member

    return make


@pytest.fixture
def make_thread(app, make_member):
    """make_thread(author=..., space="introductions", replies=0, **fields): a thread made by the
    service, with `replies` replies to its opening post from other members."""

    def make(author=None, space="introductions", replies=0, **fields):
        author = author or make_member()
        fields = {"title": "Tired all the time", "body": "Does anyone else feel this?"} | fields
        thread = discussions.start_thread(author, discussions.space_by_slug(space), **fields)
        for n in range(replies):
            discussions.reply(make_member(), thread, body=f"Reply number {n}")
        return thread

    return make


@pytest.fixture
def make_moderator(make_member):
    """make_moderator(role="moderator"): a member given the role, as `flask add-moderator` does."""

    def make(role="moderator", **kwargs):
        member = make_member(**kwargs)
        phrase = member.phrase
        member = moderation.set_role(member.name, role)
        member.phrase = phrase
        return member

    return make


@pytest.fixture
def browser_for(app):
    """browser_for(member): a new test client signed in as member, beside `client`."""

    def open_as(member):
        browser = app.test_client()
        response = browser.post("/return", data={"name": member.name, "secret": member.phrase})
        assert response.status_code == 303, response.get_data(as_text=True)
        return browser

    return open_as


@pytest.fixture
def sign_in(client):
    """Sign a member in on `client` through the return form, as a person would."""

    def sign(member, secret=None, remember=False, **kwargs):
        data = {"name": member.name, "secret": secret or member.phrase}
        if remember:
            data["remember"] = "y"
        response = client.post("/return", data=data, **kwargs)
        assert response.status_code == 303, response.get_data(as_text=True)
        return response

    return sign


def pytest_terminal_summary(terminalreporter):
    """One line per reason tests were skipped, instead of one per test."""
    reasons = {}
    for report in terminalreporter.stats.get("skipped", []):
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
        reason = reason.removeprefix("Skipped: ")
        reasons[reason] = reasons.get(reason, 0) + 1
    for reason, count in sorted(reasons.items()):
        terminalreporter.write_line(f"skipped {count}: {reason}")
