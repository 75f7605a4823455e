"""What the benchmarks share: a fresh app on a fresh database, a signed-in client, percentiles."""

from contextlib import contextmanager

from flask_migrate import upgrade
from sqlalchemy import event, text

from app import create_app
from app.config import TestConfig
from app.extensions import db


def fresh_app(folder: str, database_url: str | None = None):
    """The app on a new SQLite file in folder, or on database_url with its tables replaced."""
    url = database_url or f"sqlite:///{folder}/bench.db"
    app = create_app(TestConfig(url))
    with app.app_context():
        if url.startswith("postgres"):
            db.session.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
            db.session.commit()
        upgrade()
    return app


def signed_in_client(app, session_id: str):
    client = app.test_client()
    with client.session_transaction() as browser_session:
        browser_session["_user_id"] = session_id
    return client


def percentile(samples: list[float], fraction: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


@contextmanager
def statements_seen(app):
    """The SQL statements the app sends while the block runs (a list, filled as they go)."""
    with app.app_context():
        engine = db.engine
    seen = []

    def note(_conn, _cursor, statement, *_args):
        seen.append(statement)

    event.listen(engine, "before_cursor_execute", note)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", note)


def query_count(statements: list[str]) -> int:
    """Statements that ask something of the database (not BEGIN or COMMIT)."""
    return sum(not s.lstrip().upper().startswith(("BEGIN", "COMMIT")) for s in statements)
