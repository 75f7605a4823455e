"""The one clock: every time the site stores or compares is UTC, and aware."""

from datetime import UTC, datetime


def now() -> datetime:
    return datetime.now(UTC)
