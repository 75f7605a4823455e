"""Rate-limit counters in the site's own database: `RATELIMIT_STORAGE_URI=database://`.

Flask-Limiter's `memory://` storage is per process, so under gunicorn's several workers every
limit would multiply. With no Redis configured, the counters live in one small table instead,
shared by every worker and every host on the database. Each hit is one upsert that adds to the
count in SQL (`hits = hits + 1`), so hits arriving together are all counted (DESIGN §1). Windows
that have ended are deleted at most once a minute per process, in a statement of their own: in
the hit's transaction, two hits resetting each other's ended windows could deadlock.

Only the fixed-window strategy (Flask-Limiter's default) is supported.
"""

import time
from contextlib import contextmanager
from typing import Any, cast

from flask import has_request_context
from limits.storage import Storage
from sqlalchemy import Table, case, delete, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import SQLAlchemyError

from app.extensions import db
from app.models import RateLimitCounter

# Both dialects' insert() offer on_conflict_do_update and excluded.
_INSERT: dict[str, Any] = {"postgresql": postgresql.insert, "sqlite": sqlite.insert}
COUNTERS = cast(Table, RateLimitCounter.__table__)


@contextmanager
def _connection():
    """A connection of its own, so a count is kept whatever becomes of the request's transaction.

    On SQLite the request's session may still hold the one write lock (a POST's transaction
    begins with BEGIN IMMEDIATE) when a count changes after the view, e.g. a return that worked
    giving back its attempt; the response is made by then and anything left uncommitted would be
    discarded at teardown, so end that transaction first rather than wait on it.
    """
    if (
        has_request_context()
        and db.engine.dialect.name == "sqlite"
        and db.session().in_transaction()
    ):
        db.session.rollback()
    with db.engine.begin() as connection:
        yield connection


PURGE_EVERY = 60  # seconds


class DatabaseStorage(Storage):
    STORAGE_SCHEME = ["database"]

    def __init__(self, uri: str | None = None, wrap_exceptions: bool = False, **options):
        super().__init__(uri, wrap_exceptions=wrap_exceptions, **options)
        self._next_purge = 0.0

    @property
    def base_exceptions(self):
        return SQLAlchemyError

    def incr(self, key: str, expiry: int, amount: int = 1) -> int:
        now = time.time()
        # A negative amount gives hits back; it never takes a new window below zero.
        insert = _INSERT[db.engine.dialect.name](COUNTERS).values(
            key=key, hits=max(amount, 0), expires_at=now + expiry
        )
        running = COUNTERS.c.expires_at > now  # else this window has ended: start a new one
        upsert = insert.on_conflict_do_update(
            index_elements=[COUNTERS.c.key],
            set_={
                "hits": case((running, COUNTERS.c.hits + amount), else_=insert.excluded.hits),
                "expires_at": case(
                    (running, COUNTERS.c.expires_at), else_=insert.excluded.expires_at
                ),
            },
        ).returning(COUNTERS.c.hits)
        with _connection() as connection:
            hits = connection.execute(upsert).scalar_one()
        if now >= self._next_purge:
            self._next_purge = now + PURGE_EVERY
            with _connection() as connection:
                connection.execute(delete(COUNTERS).where(COUNTERS.c.expires_at <= now))
        return hits

    def get(self, key: str) -> int:
        with _connection() as connection:
            return (
                connection.execute(
                    select(COUNTERS.c.hits).where(
                        COUNTERS.c.key == key, COUNTERS.c.expires_at > time.time()
                    )
                ).scalar()
                or 0
            )

    def get_expiry(self, key: str) -> float:
        now = time.time()
        with _connection() as connection:
            return (
                connection.execute(
                    select(COUNTERS.c.expires_at).where(
                        COUNTERS.c.key == key, COUNTERS.c.expires_at > now
                    )
                ).scalar()
                or now
            )

    def check(self) -> bool:
        try:
            with _connection() as connection:
                connection.execute(select(COUNTERS.c.key).limit(1))
        except SQLAlchemyError:
            return False
        return True

    def reset(self) -> int | None:
        with _connection() as connection:
            return connection.execute(delete(COUNTERS)).rowcount

    def clear(self, key: str) -> None:
        with _connection() as connection:
            connection.execute(delete(COUNTERS).where(COUNTERS.c.key == key))
