"""Made-up members, threads and posts in bulk, for measuring the site at the size of a big
community (`flask seed-bench`). Rows are written with Core inserts in batches, with ids chosen
here so each post's place in its thread (parent, depth, path) is set as the services set it.
"""

import html
import random
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from itertools import accumulate

from sqlalchemy import func, insert, select, text

from app.extensions import db
from app.models import Post, Space, Thread, ThreadTag
from app.models.discussion import MAX_DEPTH
from app.models.user import Member
from app.names import name_skeleton
from app.spaces import CONDITION_TAGS

COMMON = (  # noqa: SIM905 - a sentence of words reads better than a list
    "tired pain sleep breathless walk nurse insulin tea garden family worry morning night "
    "doctor tablets heart lungs knees back rest pacing energy low mood friend sister dog rain "
    "sun hospital appointment diabetes arthritis steps bus shopping cooking reading music"
).split()
BATCH = 5000
BIG_THREAD_REPLIES = 2000  # one thread this long, to measure its first and last page
# Sample members never sign in with a phrase; benchmarks sign them in by session.
NO_PHRASE = "scrypt:4096:8:1$sample$0"


def vocabulary(rng: random.Random, size: int = 5000) -> tuple[list[str], list[float]]:
    """Everyday words plus made-up ones, weighted like real text: a few words are everywhere,
    most are rare (Zipf's law). Returns the words and their cumulative weights."""
    syllables = ["ba", "ko", "ri", "sen", "tal", "mo", "lin", "der", "pa", "vu", "ste", "gor"]
    made_up = {
        "".join(rng.choice(syllables) for _ in range(rng.randint(2, 4))) for _ in range(size)
    }
    words = COMMON + sorted(made_up - set(COMMON))
    return words, list(accumulate(1 / rank for rank in range(1, len(words) + 1)))


def sentence(
    rng: random.Random,
    words: list[str],
    cumulative: list[float],
    shortest: int = 6,
    longest: int = 25,
) -> str:
    chosen = rng.choices(words, cum_weights=cumulative, k=rng.randint(shortest, longest))
    return " ".join(chosen).capitalize() + "."


@dataclass
class Writer:
    """Text of realistic lengths: most posts a few sentences, some several paragraphs."""

    rng: random.Random

    def __post_init__(self):
        self.words, self.cumulative = vocabulary(self.rng)

    def title(self) -> str:
        return sentence(self.rng, self.words, self.cumulative, 3, 10)[:-1][:120]

    def body(self) -> tuple[str, str]:
        paragraphs = [
            " ".join(
                sentence(self.rng, self.words, self.cumulative)
                for _ in range(self.rng.randint(1, 4))
            )
            for _ in range(1 if self.rng.random() < 0.7 else self.rng.randint(2, 4))
        ]
        return ("\n\n".join(paragraphs), "".join(f"<p>{html.escape(p)}</p>\n" for p in paragraphs))


def _next_id(model) -> int:
    return (db.session.scalar(select(func.max(model.id))) or 0) + 1


def _insert(model_or_table, rows: list[dict]) -> None:
    for start in range(0, len(rows), BATCH):
        db.session.execute(insert(model_or_table), rows[start : start + BATCH])


def _thread_sizes(rng: random.Random, threads: int, posts: int) -> list[int]:
    """Posts per thread: one long thread, the rest skewed (most short, a few long); posts in
    all, never fewer than one a thread."""
    sizes = [1] * threads
    big = max(0, min(BIG_THREAD_REPLIES, posts // 2 - 1, posts - threads))
    sizes[0] += big
    spare = posts - threads - big
    weights = list(accumulate(rng.paretovariate(1.5) for _ in range(threads - 1)))
    if spare > 0 and threads > 1:
        for index in rng.choices(range(1, threads), cum_weights=weights, k=spare):
            sizes[index] += 1
    return sizes


def _sequences_follow_ids() -> None:
    """PostgreSQL hands out ids from sequences, which explicit ids leave behind."""
    if db.engine.dialect.name == "postgresql":
        for table in ("members", "threads", "posts"):
            setval = (
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "  # noqa: S608
                f"(SELECT max(id) FROM {table}))"
            )  # table names from the list above
            db.session.execute(text(setval))


def seed(
    members: int, threads: int, posts: int, seed_: int = 7, spaces: list[str] | None = None
) -> dict:
    """Add members, threads and posts (posts ≥ threads: each thread has its opening post).

    Threads go to the spaces in turn, or only to the spaces whose slugs are given."""
    rng = random.Random(seed_)  # noqa: S311 - sample text, not secrets
    writer = Writer(rng)
    threads = max(1, min(threads, posts))
    now = datetime.now(UTC)
    start = now - timedelta(days=365)
    step = (now - start) / max(posts, 1)

    first_member = _next_id(Member)
    _insert(
        Member,
        [
            {
                "id": first_member + n,
                "name": f"Sample member {n}",
                "name_key": f"sample member {n}",
                "name_skeleton": name_skeleton(f"Sample member {n}"),
                "phrase_hash": NO_PHRASE,
                "created_at": start,
            }
            for n in range(members)
        ],
    )
    member_ids = range(first_member, first_member + members)
    in_spaces = select(Space.id).order_by(Space.position)
    if spaces is not None:
        in_spaces = in_spaces.where(Space.slug.in_(spaces))
    space_ids = list(db.session.scalars(in_spaces))
    if not space_ids:
        raise ValueError(f"no spaces called {spaces}")

    sizes = _thread_sizes(rng, threads, posts)
    first_thread, post_id = _next_id(Thread), _next_id(Post)
    thread_rows, tag_rows, post_rows = [], [], []
    tags = list(CONDITION_TAGS)
    # Threads are written one after another in time; their replies spread over what follows.
    for n, size in enumerate(sizes):
        thread_id = first_thread + n
        opened = start + step * (n * posts // threads)
        placed = []  # (id, depth, path, parent) of this thread's posts so far
        moment = opened
        for k in range(size):
            body, body_html = writer.body()
            if k == 0:
                parent = None
            elif rng.random() < 0.5:
                parent = placed[0]
            else:
                parent = rng.choice(placed)
            to = parent
            if parent is not None and parent[1] >= MAX_DEPTH:
                parent = parent[3]  # as the service does: beside the post, under its parent
            depth = parent[1] + 1 if parent else 0
            path = (parent[2] if parent else "") + Post.path_segment(post_id)
            if k:
                moment += timedelta(minutes=rng.randint(1, 30))
            post_rows.append(
                {
                    "id": post_id,
                    "thread_id": thread_id,
                    "author_id": rng.choice(member_ids),
                    "parent_id": parent[0] if parent else None,
                    "reply_to_id": to[0] if to else None,
                    "depth": depth,
                    "path": path,
                    "body": body,
                    "body_html": body_html,
                    "created_at": moment,
                }
            )
            placed.append((post_id, depth, path, parent))
            post_id += 1
        thread_rows.append(
            {
                "id": thread_id,
                "space_id": space_ids[n % len(space_ids)],
                "author_id": post_rows[-size]["author_id"],
                "title": writer.title(),
                "created_at": opened,
                "last_activity_at": moment,
                "reply_count": size - 1,
            }
        )
        if n % 3 == 0:
            tag_rows.append({"thread_id": thread_id, "tag": tags[n % len(tags)]})
        if len(post_rows) >= BATCH * 4:
            _flush(thread_rows, tag_rows, post_rows)
    _flush(thread_rows, tag_rows, post_rows)
    _sequences_follow_ids()
    db.session.commit()
    if db.engine.dialect.name == "postgresql":
        # Plan as a running site would: without statistics (autovacuum analyses later, or never
        # where it is off) PostgreSQL scans every post for the header's unread count.
        db.session.execute(text("ANALYZE"))
        db.session.commit()
    return {
        "first_member": first_member,
        "first_thread": first_thread,
        "big_thread": first_thread,
        "big_thread_posts": sizes[0],
    }


def _flush(thread_rows: list, tag_rows: list, post_rows: list) -> None:
    _insert(Thread, thread_rows)
    _insert(ThreadTag, tag_rows)
    _insert(Post, post_rows)
    for rows in (thread_rows, tag_rows, post_rows):
        rows.clear()
