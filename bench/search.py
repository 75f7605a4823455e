"""Search time with many posts, on SQLite or PostgreSQL, measured in-process.

    .venv/bin/python -m bench.search [--posts 100000] [--requests 50] [--database-url URL]

Seeds --posts posts (threads of 20 on average) from a vocabulary of everyday words, signs
a member in, then times --requests searches for each query through the WSGI app and prints
p50/p95 in milliseconds and the number of conversation results. With --database-url (a
PostgreSQL URL) that database's tables are dropped and rebuilt.
"""

import argparse
import statistics
import tempfile
import time

from app import sample_data
from app.extensions import db
from app.services import search
from bench.common import fresh_app, percentile, signed_in_client

QUERIES = [
    "insulin tired",
    "breathless morning",
    "sleep",
    "pain pacing garden",
    "hospital appointment worry",
    "xylophone",
]
POSTS_PER_THREAD = 20


def seed(posts: int) -> str:
    """Sample posts (app.sample_data) in threads of 20 on average; a member's session id."""
    made = sample_data.seed(members=100, threads=max(1, posts // POSTS_PER_THREAD), posts=posts)
    return f"{made['first_member']}:0"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=50)
    parser.add_argument("--database-url", help="a PostgreSQL URL; its tables are replaced")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        app = fresh_app(folder, args.database_url)
        with app.app_context():
            started = time.perf_counter()
            session_id = seed(args.posts)
            db.session.commit()  # end the session's transaction: indexing writes on its own
            search.index_learn_pages(app.extensions["learn_pages"].all())
            print(
                f"{db.engine.dialect.name}: {args.posts:,} posts seeded in "
                f"{time.perf_counter() - started:.0f} s; {args.requests} searches each"
            )
        client = signed_in_client(app, session_id)
        print(f"{'query':30} {'p50 ms':>7} {'p95 ms':>7}")
        for query in QUERIES:
            samples = []
            for n in range(args.requests + 3):
                begun = time.perf_counter()
                response = client.get("/search", query_string={"q": query})
                if n >= 3:  # the first few warm caches up
                    samples.append((time.perf_counter() - begun) * 1000)
            assert response.status_code == 200
            print(f"{query:30} {statistics.median(samples):7.1f} {percentile(samples, 0.95):7.1f}")


if __name__ == "__main__":
    main()
