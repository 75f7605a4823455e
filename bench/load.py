"""Requests per second and latency of the site under gunicorn, measured with wrk.

    .venv/bin/python -m bench.load [--members 1000] [--threads 5000] [--posts 50000]
        [--seconds 4] [--connections 1,10,50] [--workers 1,2] [--database-url URL]

Seeds a fresh database with `flask seed-bench` (a SQLite file in a temporary folder, or a new
database made on the PostgreSQL server of --database-url and dropped afterwards), enters as a
guest to get a signed-in cookie, then for each gunicorn --workers and each page runs wrk for
--seconds at each number of --connections (1, 10, 50) on 127.0.0.1. Prints a Markdown table:
p50/p95/p99 latency in ms (on loopback, this is server time), requests/second, bytes per response
(compressed body and headers), and the SQL queries that page makes (counted in-process, as
bench/render.py does). The last row POSTs replies through the reply form, with a CSRF token.
"""

import argparse
import json
import math
import secrets
import shutil
import subprocess
import tempfile
from contextlib import ExitStack
from pathlib import Path

from sqlalchemy import func, select

from app import create_app
from app.config import TestConfig
from app.extensions import db
from app.models import Post, Thread
from app.models.user import Member
from app.sample_data import BIG_THREAD_REPLIES
from app.services.reading import POSTS_PER_PAGE, THREADS_PER_PAGE
from bench.common import query_count, signed_in_client, statements_seen
from bench.servers import flask, gunicorn, migrate, server_environment, temporary_postgres
from bench.visitor import Visitor, csrf_token

DEEP_PAGE = 1000
WRK = shutil.which("wrk") or "wrk"
REPORT = """
done = function(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format(
    '{"requests": %d, "seconds": %f, "bytes": %d, "p50": %f, "p95": %f, "p99": %f, ' ..
    '"timeouts": %d, "refused": %d, "status": %d}\\n', summary.requests,
    summary.duration / 1e6, summary.bytes, latency:percentile(50) / 1000,
    latency:percentile(95) / 1000, latency:percentile(99) / 1000, errors.timeout,
    errors.connect + errors.read + errors.write, errors.status))
end
"""
# Each request a new reply (the same text twice within minutes counts as one post).
REPLY = """
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
local counter = 0
local made = 0
setup = function(thread) made = made + 1; thread:set("name", made) end
request = function()
  counter = counter + 1
  return wrk.format(nil, nil, nil, "%s" .. name .. "-" .. counter)
end
"""
TEXT = (
    "Some days the pacing works and I get the shopping done before the pain starts. "
    "Other days I rest and try again tomorrow. Thank you for asking, it helps to say it. "
)


def seed(env: dict, members: int, threads: int, posts: int) -> None:
    migrate(env)
    flask(
        env,
        "seed-bench",
        "--members",
        str(members),
        "--threads",
        str(threads),
        "--posts",
        str(posts),
        quiet=False,
    )


def pages(app) -> dict[str, str]:
    """The pages to measure, found in the seeded data."""
    with app.app_context():
        big = db.session.scalar(
            select(Thread)
            .limit(1)
            .order_by(  # the 2,000-reply thread
                func.abs(Thread.reply_count - BIG_THREAD_REPLIES), Thread.id
            )
        )
        twenty = db.session.scalar(
            select(Thread.id)  # 20 posts, or the nearest on a tiny site
            .order_by(func.abs(Thread.reply_count - 19), Thread.id)
            .limit(1)
        )
        threads = db.session.scalar(select(func.count(Thread.id)))
        big_id, big_pages = big.id, math.ceil((big.reply_count + 1) / POSTS_PER_PAGE)
    # All spaces' threads in one list, so the deep page exists at the default size too.
    deep = min(DEEP_PAGE, math.ceil(threads / THREADS_PER_PAGE))
    return {
        "home": "/",
        "space list, page 1": "/talk/all",
        f"space list, page {deep:,}": f"/talk/all?page={deep}",
        "thread, 20 posts": f"/talk/threads/{twenty}",
        f"thread, {big.reply_count:,} replies, first page": f"/talk/threads/{big_id}",
        f"thread, {big.reply_count:,} replies, last page": (
            f"/talk/threads/{big_id}?page={big_pages}"
        ),
        "learn page": "/learn/worry-and-thinking-patterns",
        "search": "/search?q=tired+sleep",
    }


def queries(app, paths: dict[str, str], session_id: str, reply_to: int) -> dict[str, int]:
    """SQL statements per request for each page, and for posting a reply, counted in-process."""
    client = signed_in_client(app, session_id)
    counts = {}
    with statements_seen(app) as statements:
        for label, path in paths.items():
            client.get(path)
            statements.clear()
            assert client.get(path).status_code == 200, path
            counts[label] = query_count(statements)
        statements.clear()
        client.post(f"/talk/posts/{reply_to}/reply", data={"body": TEXT + "(counted)"})
        counts["POST a reply"] = query_count(statements)
    return counts


def wrk(url: str, connections: int, seconds: int, cookie: str, script: str) -> dict:
    with tempfile.NamedTemporaryFile("w", suffix=".lua") as lua:
        lua.write(script)
        lua.flush()
        result = subprocess.run(  # noqa: S603 - wrk with our own arguments
            [
                WRK,
                "-t",
                str(min(connections, 2)),
                "-c",
                str(connections),
                "-d",
                f"{seconds}s",
                "--timeout",
                "10s",
                "-H",
                f"Cookie: {cookie}",
                "-H",
                "Accept-Encoding: gzip",
                "-s",
                lua.name,
                url,
            ],
            capture_output=True,
            text=True,
            check=True,
        )
    return json.loads(result.stdout.strip().splitlines()[-1])


def run(args, url: str, folder: Path) -> None:
    env = server_environment(folder / "instance", url, secrets.token_hex(32))
    seed(env, args.members, args.threads, args.posts)
    app = create_app(TestConfig(url))
    paths = pages(app)
    with app.app_context():
        reply_to = db.session.scalar(
            select(Post.id).where(Post.parent_id.is_(None)).order_by(Post.id.desc()).limit(1)
        )
    print(
        f"\n{app.config['SQLALCHEMY_DATABASE_URI'].split(':')[0]}: {args.members:,} members, "
        f"{args.threads:,} threads, {args.posts:,} posts; wrk {args.seconds} s per row\n"
    )
    print("| workers | page | conns | p50 ms | p95 ms | p99 ms | req/s | bytes | queries |")
    print("|---|---|---|---|---|---|---|---|---|")
    counted = None
    for workers in args.workers:
        with gunicorn(env, workers=workers, log=folder / "server.log") as base:
            person = Visitor(base)
            assert person.enter() == 200
            cookie = "; ".join(f"{c.name}={c.value}" for c in person.cookies)
            if counted is None:
                with app.app_context():
                    member = db.session.scalar(select(Member).order_by(Member.id.desc()))
                    session_id = member.get_id()
                counted = queries(app, paths, session_id, reply_to)
            token = csrf_token(person.get(f"/talk/posts/{reply_to}/reply")[1])
            body = f"csrf_token={token}&body={TEXT.replace(' ', '+')}w{workers}-"
            rows = [(label, base + path, REPORT) for label, path in paths.items()]
            rows.append(
                (
                    "POST a reply",
                    f"{base}/talk/posts/{reply_to}/reply",
                    REPLY.replace("%s", body) + REPORT,
                )
            )
            for label, url_, script in rows:
                for connections in args.connections:
                    r = wrk(url_, connections, args.seconds, cookie, script)
                    flag = "".join(
                        f" ({r[k]} {k})" for k in ("timeouts", "refused", "status") if r[k]
                    )
                    print(
                        f"| {workers} | {label}{flag} | {connections} | {r['p50']:.1f} | "
                        f"{r['p95']:.1f} | {r['p99']:.1f} | {r['requests'] / r['seconds']:.0f}"
                        f" | {r['bytes'] // max(r['requests'], 1):,} | {counted[label]} |",
                        flush=True,
                    )
    log = (folder / "server.log").read_text()
    print(
        f"\nServer log: {log.count('Traceback')} errors, "
        f"{log.count('database is locked')} 'database is locked'."
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--members", type=int, default=1000)
    parser.add_argument("--threads", type=int, default=5000)
    parser.add_argument("--posts", type=int, default=50_000)
    parser.add_argument("--seconds", type=int, default=4)
    parser.add_argument(
        "--connections", type=lambda s: [int(n) for n in s.split(",")], default=[1, 10, 50]
    )
    parser.add_argument("--workers", type=lambda s: [int(n) for n in s.split(",")], default=[1, 2])
    parser.add_argument("--database-url", help="a PostgreSQL server; a new database is made on it")
    args = parser.parse_args()
    if not Path(WRK).is_absolute():
        raise SystemExit("bench.load needs wrk (Debian: apt-get install wrk)")
    with tempfile.TemporaryDirectory() as folder, ExitStack() as stack:
        url = (
            stack.enter_context(temporary_postgres(args.database_url, prefix="bench_load"))
            if args.database_url
            else f"sqlite:///{folder}/bench.db"
        )
        run(args, url, Path(folder))


if __name__ == "__main__":
    main()
