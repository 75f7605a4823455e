"""Server render time, SQL queries and compressed size of the site's pages, measured in-process.

    .venv/bin/python bench/render.py [--requests 200] [PATH ...]
    .venv/bin/python bench/render.py --queue 1000     # the moderation pages, as a moderator

Builds the app on a fresh SQLite database in a temporary folder, warms each page up, then
times --requests GETs of each path through the WSGI app (no network), and prints p50/p95 in
milliseconds, the SQL queries of one request and the gzip-compressed size of the response.
With --queue N it first fills the moderation queue with N open items (bench/seed.py) and
measures the moderation pages signed in as a moderator.
"""

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

from flask_migrate import upgrade
from sqlalchemy import event

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app import create_app
from app.config import TestConfig
from app.extensions import db

DEFAULT_PATHS = [
    "/", "/help-now", "/privacy", "/code-of-conduct", "/learn", "/learn?topic=pain",
    "/learn/worry-and-thinking-patterns", "/learn/sleep/share",
]
MODERATION_PATHS = ["/moderate", "/moderate?page=25", "/moderate/log"]


def percentile(samples: list[float], fraction: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def queries_of(client, path: str) -> int:
    statements = []

    def record(conn, cursor, statement, *args):
        if not statement.lstrip().upper().startswith(("BEGIN", "COMMIT", "ROLLBACK")):
            statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", record)
    try:
        client.get(path)
    finally:
        event.remove(db.engine, "before_cursor_execute", record)
    return len(statements)


def moderator_client(app):
    """A client signed in as a new moderator."""
    from app.services import accounts, moderation

    with app.app_context():
        member, phrase = accounts.enter_as_guest()
        moderation.set_role(member.name, "moderator")
        name = member.name
    client = app.test_client()
    client.post("/return", data={"name": name, "secret": phrase})
    return client


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*")
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--queue", type=int, default=0,
                        help="fill the moderation queue with this many open items")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as folder:
        app = create_app(TestConfig(f"sqlite:///{folder}/bench.db"))
        with app.app_context():
            upgrade()
            if args.queue:
                from bench.seed import seed_queue

                seed_queue(args.queue)
        client = moderator_client(app) if args.queue else app.test_client()
        paths = args.paths or (MODERATION_PATHS if args.queue else DEFAULT_PATHS)
        print(f"{'path':44} {'p50 ms':>7} {'p95 ms':>7} {'queries':>7} {'gzip bytes':>10}")
        for path in paths:
            for _ in range(10):
                client.get(path)
            with app.app_context():
                queries = queries_of(client, path)
            samples = []
            for _ in range(args.requests):
                start = time.perf_counter()
                response = client.get(path, headers={"Accept-Encoding": "gzip"})
                samples.append((time.perf_counter() - start) * 1000)
            print(
                f"{path:44} {statistics.median(samples):7.2f} {percentile(samples, 0.95):7.2f} "
                f"{queries:7d} {len(response.data):10d}"
            )


if __name__ == "__main__":
    main()
