"""Search time with many posts, on SQLite or PostgreSQL, measured in-process.

    .venv/bin/python -m bench.search [--posts 100000] [--requests 50] [--database-url URL]

Seeds --posts posts (in threads of 20) written from a small vocabulary of everyday words, signs
a member in, then times --requests searches for each query through the WSGI app and prints
p50/p95 in milliseconds and the number of conversation results. With --database-url (a
PostgreSQL URL) that database's tables are dropped and rebuilt.
"""

import argparse
import random
import statistics
import tempfile
import time
from datetime import UTC, datetime, timedelta

from sqlalchemy import insert, select, text, update

from app.extensions import db
from app.models import Post, Thread
from app.models.discussion import PATH_DIGITS
from app.services import accounts, discussions, search
from bench.common import fresh_app, percentile, signed_in_client

COMMON = (  # noqa: SIM905 - a sentence of words reads better than a list
    "tired pain sleep breathless walk nurse insulin tea garden family worry morning night "
    "doctor tablets heart lungs knees back rest pacing energy low mood friend sister dog rain "
    "sun hospital appointment diabetes arthritis steps bus shopping cooking reading music"
).split()
QUERIES = ["insulin tired", "breathless morning", "sleep", "pain pacing garden",
           "hospital appointment worry", "xylophone"]
POSTS_PER_THREAD = 20


def vocabulary(rng: random.Random, size: int = 5000) -> tuple[list[str], list[float]]:
    """Everyday words plus made-up ones, weighted like real text: a few words are everywhere,
    most are rare (Zipf's law)."""
    syllables = ["ba", "ko", "ri", "sen", "tal", "mo", "lin", "der", "pa", "vu", "ste", "gor"]
    made_up = {"".join(rng.choice(syllables) for _ in range(rng.randint(2, 4)))
               for _ in range(size)}
    words = COMMON + sorted(made_up - set(COMMON))
    return words, [1 / rank for rank in range(1, len(words) + 1)]


def sentence(rng: random.Random, words: list[str], weights: list[float]) -> str:
    return " ".join(rng.choices(words, weights, k=rng.randint(20, 60))).capitalize() + "."


def seed(posts: int) -> str:
    rng = random.Random(7)  # noqa: S311 - sample text, not secrets
    words, weights = vocabulary(rng)
    member = accounts.enter_as_guest()[0]
    space = discussions.space_by_slug("living-with-my-condition")
    start = datetime.now(UTC) - timedelta(days=365)
    threads = posts // POSTS_PER_THREAD
    db.session.execute(insert(Thread), [
        {"space_id": space.id, "author_id": member.id, "title": sentence(rng, words, weights)[:80],
         "created_at": start, "last_activity_at": start + timedelta(minutes=n)}
        for n in range(threads)
    ])
    thread_ids = list(db.session.scalars(select(Thread.id).order_by(Thread.id)))
    rows = []
    for n in range(posts):
        body = sentence(rng, words, weights)
        rows.append({"thread_id": thread_ids[n // POSTS_PER_THREAD], "author_id": member.id,
                     "depth": 0 if n % POSTS_PER_THREAD == 0 else 1, "path": "",
                     "body": body, "body_html": f"<p>{body}</p>",
                     "created_at": start + timedelta(minutes=n)})
        if len(rows) == 5000:
            db.session.execute(insert(Post), rows)
            rows = []
    if rows:
        db.session.execute(insert(Post), rows)
    # Replies hang off each thread's first post; paths as the service would write them.
    first = select(Post.thread_id, db.func.min(Post.id).label("id")).group_by(Post.thread_id)
    for thread_id, opening_id in db.session.execute(first).all():
        db.session.execute(update(Post).where(Post.thread_id == thread_id, Post.id != opening_id)
                           .values(parent_id=opening_id, reply_to_id=opening_id))
    db.session.execute(update(Post).values(path=db.func.printf(f"%0{PATH_DIGITS}d/", Post.id))
                       if db.engine.dialect.name == "sqlite" else
                       update(Post).values(path=db.func.lpad(db.cast(Post.id, db.String),
                                                             PATH_DIGITS, "0") + "/"))
    db.session.commit()
    return member.get_id()


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
            if db.engine.dialect.name == "postgresql":
                db.session.execute(text("ANALYZE"))
                db.session.commit()
            print(f"{db.engine.dialect.name}: {args.posts:,} posts seeded in "
                  f"{time.perf_counter() - started:.0f} s; {args.requests} searches each")
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
            print(f"{query:30} {statistics.median(samples):7.1f} "
                  f"{percentile(samples, 0.95):7.1f}")


if __name__ == "__main__":
    main()
