"""A consistent copy of the embedded SQLite database, taken while the site keeps serving."""

import sqlite3
from pathlib import Path

from app.extensions import db


class NotSQLite(Exception):
    """The site runs on another database, which has its own backup tools."""


def backup_sqlite(target: Path) -> int:
    """Copy the database to target with SQLite's online backup API; return the bytes written.

    The copy is taken in one step inside one read transaction, so it is the database as it
    stood at one moment; in WAL mode the site's readers and writers carry on meanwhile.
    """
    if db.engine.dialect.name != "sqlite":
        raise NotSQLite(db.engine.dialect.name)
    if target.exists():
        raise FileExistsError(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    source = db.engine.raw_connection()
    destination = sqlite3.connect(target)
    try:
        source.driver_connection.backup(destination)
    finally:
        destination.close()
        source.close()
    return target.stat().st_size
