"""Times as people say them: "2 hours ago", with the exact moment for machines."""

from datetime import UTC, datetime, timedelta

from markupsafe import Markup, escape

from app import clock

UNITS = (
    ("year", 365 * 86400),
    ("month", 30 * 86400),
    ("week", 7 * 86400),
    ("day", 86400),
    ("hour", 3600),
    ("minute", 60),
)


def aware(moment: datetime) -> datetime:
    """SQLite gives back naive datetimes; every time stored is UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def iso_utc(moment: datetime | None) -> str | None:
    """For "download my data": 2026-11-26T14:05:00+00:00."""
    return aware(moment).isoformat() if moment else None


def day(moment: datetime) -> str:
    """26 November 2026"""
    return aware(moment).strftime("%-d %B %Y")


def ago(moment: datetime, now: datetime | None = None) -> str:
    seconds = int(((now or clock.now()) - aware(moment)).total_seconds())
    for unit, size in UNITS:
        if seconds >= size:
            count = seconds // size
            return f"{count} {unit}{'' if count == 1 else 's'} ago"
    return "just now"


def time_tag(moment: datetime) -> Markup:
    """<time datetime="…" title="26 November 2026, 14:05">2 hours ago</time>"""
    moment = aware(moment)
    exact = moment.strftime("%-d %B %Y, %H:%M")
    # Put together directly rather than with Markup.format, which costs several times more: a
    # thread page shows one per post. Each part is escaped as format would.
    return Markup(  # noqa: S704 - each part is escaped
        f'<time datetime="{escape(moment.isoformat(timespec="seconds"))}" '
        f'title="{escape(exact)}">{escape(ago(moment))}</time>'
    )


def duration(length: timedelta) -> str:
    """How long, as people say it: "2 days 3 hours", "3 hours 5 minutes", "under a minute"."""
    minutes = int(length.total_seconds() // 60)
    days, hours, minutes = minutes // 1440, minutes // 60 % 24, minutes % 60
    parts = [(days, "day"), (hours, "hour")] if days else [(hours, "hour"), (minutes, "minute")]
    words = [f"{n} {unit}{'' if n == 1 else 's'}" for n, unit in parts if n]
    return " ".join(words) or "under a minute"
