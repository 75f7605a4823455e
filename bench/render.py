"""Server render time, SQL queries and compressed size of the site's pages, measured in-process.

    .venv/bin/python -m bench.render [--requests 200] [--database-url URL]
    .venv/bin/python -m bench.render --queue 1000     # the moderation pages, as a moderator

Builds the app on a fresh database (SQLite in a temporary folder, or the PostgreSQL database
given, whose tables are dropped and rebuilt), seeds Talk with a 20-post thread and a 200-post
thread written through the services, and 10,000 threads in one space from app.sample_data (as
`flask seed-bench` makes them: each with its opening post, one with 2,000 replies), signs a
member in, warms each page up, then times --requests GETs of each page through the WSGI app (no
network) and prints p50/p95 in milliseconds, the p50 of the CPU time the process spent (which
other work on a shared machine disturbs less than the clock), the SQL statements per request and
the gzip-compressed size. With --queue N it instead fills the moderation queue with N open items
(bench/seed.py) and measures the moderation pages as a moderator.
"""

import argparse
import statistics
import tempfile
import time

from app import sample_data
from app.extensions import db
from app.models import Post, Thread
from app.services import accounts, discussions, moderation, reading
from bench.common import fresh_app, percentile, query_count, signed_in_client, statements_seen
from bench.seed import seed_queue

MODERATION_PATHS = ["/moderate", "/moderate?page=25", "/moderate/log"]

TYPICAL = (
    "Some days I manage the checks and the food without thinking. Other days it all "
    "feels like too much. What helped me a bit was picking **one** thing to do well. "
)


def seed(members: int = 5) -> dict[str, str]:
    people = [accounts.enter_as_guest()[0] for _ in range(members)]
    space = discussions.space_by_slug("living-with-my-condition")
    paths = {}
    for size in (20, 200):
        thread = discussions.start_thread(
            people[0], space, title=f"A {size}-post thread", body=TYPICAL, tags=["diabetes"]
        )
        to = None
        for n in range(size - 1):
            to = discussions.reply(
                people[(n + 1) % members],
                thread,
                body=f"{TYPICAL} ({n})",
                to=None if n % 3 == 0 else to,
            )
        paths[f"thread, {size} posts"] = f"/talk/threads/{thread.id}"
        if size == 200:
            paths["thread, 200 posts, last page"] = f"/talk/threads/{thread.id}?page=4"
    made = sample_data.seed(
        members=50,
        threads=10_000,
        posts=10_000 + sample_data.BIG_THREAD_REPLIES,
        spaces=["introductions"],
    )
    busy = reading.thread_list(people[0], discussions.space_by_slug("introductions"))
    assert (len(busy.items), busy.count) == (20, 500), "the seeded threads must be listed"
    big, last = made["big_thread"], -(-made["big_thread_posts"] // reading.POSTS_PER_PAGE)
    paths["thread, 2,000 replies"] = f"/talk/threads/{big}"
    paths[f"thread, 2,000 replies, page {last}"] = f"/talk/threads/{big}?page={last}"
    paths["space, 10,000 threads"] = "/talk/introductions"
    paths["space, 10,000 threads, page 500"] = "/talk/introductions?page=500"
    paths["talk index"] = "/talk"
    paths["replies"] = "/talk/replies"
    paths["learn article"] = "/learn/worry-and-thinking-patterns"
    paths["share page"] = "/learn/sleep/share"
    paths["home"] = "/"
    return paths, people[0].get_id()


def measure(app, paths: dict[str, str], session_id: str, requests: int) -> None:
    client = signed_in_client(app, session_id)
    with statements_seen(app) as statements:
        _measure(client, paths, statements, requests)


def _measure(client, paths, statements, requests) -> None:
    print(f"{'page':34} {'p50 ms':>7} {'p95 ms':>7} {'cpu p50':>7} {'queries':>7} {'gzip B':>7}")
    for label, path in paths.items():
        for _ in range(5):
            client.get(path)
        samples, cpu = [], []
        for _ in range(requests):
            statements.clear()
            start, start_cpu = time.perf_counter(), time.process_time()
            response = client.get(path, headers={"Accept-Encoding": "gzip"})
            samples.append((time.perf_counter() - start) * 1000)
            cpu.append((time.process_time() - start_cpu) * 1000)
        assert response.status_code == 200, (path, response.status_code)
        queries = query_count(statements)
        print(
            f"{label:34} {statistics.median(samples):7.2f} {percentile(samples, 0.95):7.2f} "
            f"{statistics.median(cpu):7.2f} {queries:7d} {len(response.data):7d}"
        )


def seed_moderation(queue: int) -> tuple[dict[str, str], str]:
    seed_queue(queue)
    member = accounts.enter_as_guest()[0]
    moderation.set_role(member.name, "moderator")
    return {path: path for path in MODERATION_PATHS}, member.get_id()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--database-url", help="a PostgreSQL URL; its tables are replaced")
    parser.add_argument(
        "--queue",
        type=int,
        default=0,
        help="measure the moderation pages with this many open queue items",
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        app = fresh_app(folder, args.database_url)
        with app.app_context():
            if args.queue:
                paths, session_id = seed_moderation(args.queue)
            else:
                paths, session_id = seed()
            print(
                f"{db.engine.dialect.name}, {db.session.query(Post).count()} posts, "
                f"{db.session.query(Thread).count()} threads, {args.requests} requests each"
            )
        # Each measured request runs in its own app context, as in production.
        measure(app, paths, session_id, args.requests)


if __name__ == "__main__":
    main()
