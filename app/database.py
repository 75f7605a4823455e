"""Connection settings for the embedded SQLite database.

pysqlite's default transaction handling starts transactions late and lets two requests read the
same row and both write it back, losing one update. We take over: every transaction opened while
handling a request that may write (anything but GET/HEAD/OPTIONS, or a page marked with
@writes_on_get), and every transaction outside a request (commands, tests), starts with BEGIN
IMMEDIATE, which waits for the single write lock up front (busy_timeout) instead of failing or
losing a write later.
"""

from contextlib import contextmanager

from flask import current_app, g, has_request_context, request
from sqlalchemy import event
from sqlalchemy.engine import Engine

READ_ONLY_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def writes_on_get(view):
    """Mark a page that records something as it is read (e.g. how far a member has read)."""
    view.writes_on_get = True
    return view


@contextmanager
def writing():
    """Begin the block's transaction as a write, on a page that otherwise only reads.

    Enter it with no transaction open, so the reads before it never hold the write lock and the
    write never meets a stale read: other requests wait only for the block, not the whole page.
    """
    if not has_request_context():
        yield
        return
    g.sqlite_writing = True
    try:
        yield
    finally:
        g.pop("sqlite_writing", None)


def begin_statement() -> str:
    if (
        has_request_context()
        and request.method in READ_ONLY_METHODS
        and not g.get("sqlite_writing")
    ):
        view = current_app.view_functions.get(request.endpoint)
        if not getattr(view, "writes_on_get", False):
            return "BEGIN"
    return "BEGIN IMMEDIATE"


def checkpoint(engine: Engine) -> None:
    """Copy the WAL into the database file and empty it, so no old page stays in the WAL.

    Run after a commit that deleted words, outside any transaction: it waits (busy_timeout)
    for readers of older pages to finish, then truncates the -wal file to nothing.
    """
    if engine.dialect.name != "sqlite":
        return
    connection = engine.raw_connection()
    try:
        connection.cursor().execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        connection.close()


def configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def on_connect(dbapi_connection, _record):
        dbapi_connection.isolation_level = None  # we issue BEGIN ourselves
        cursor = dbapi_connection.cursor()
        for pragma in (
            "journal_mode=WAL",
            "busy_timeout=15000",
            "foreign_keys=ON",
            "synchronous=NORMAL",
            # Deleted rows and freed pages are overwritten with zeros, not left for a backup.
            "secure_delete=ON",
        ):
            cursor.execute(f"PRAGMA {pragma}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def on_begin(connection):
        connection.exec_driver_sql(begin_statement())
