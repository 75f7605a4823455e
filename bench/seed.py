"""Bulk data for measuring pages at scale: a moderation queue of any length.

Used by bench/render.py and by the query-count tests. Rows are added in bulk, without the slow
phrase hashing of real entry.
"""

from datetime import UTC, datetime, timedelta

from sqlalchemy import func, insert, select

from app.extensions import db
from app.models import Member, ModerationAction, Post, QueueItem, Report, Space, Thread
from app.names import name_key, name_skeleton
from app.security import ip_hash


def _members(prefix: str, count: int, **fields) -> list[Member]:
    start = db.session.scalar(select(func.count(Member.id)))
    names = [f"{prefix} {start + n}" for n in range(count)]
    made = [
        Member(
            name=name,
            name_key=name_key(name),
            name_skeleton=name_skeleton(name),
            phrase_hash="seeded",
            **fields,
        )
        for name in names
    ]
    db.session.add_all(made)
    db.session.flush()
    return made


def seed_queue(count: int, authors: int = 50) -> None:
    """count open queue items, each on its own thread: every 10th a possible risk, every 5th a
    held first post, every 3rd with reports from two members; authors with a history of
    decisions, some sharing today's connection."""
    now = datetime.now(UTC)
    writers = _members("Seeded Author", authors, address_day=now.date())
    for n, writer in enumerate(writers):
        writer.address_hash = ip_hash(f"198.51.100.{n % 10}")
    reporters = _members("Seeded Reporter", 2)
    moderator = _members("Seeded Keeper", 1, role="moderator")[0]
    space_id = db.session.scalar(select(Space.id).order_by(Space.position))
    threads = [
        Thread(
            space_id=space_id,
            author_id=writers[n % authors].id,
            title=f"Seeded thread {n}",
            created_at=now,
            last_activity_at=now,
        )
        for n in range(count)
    ]
    db.session.add_all(threads)
    db.session.flush()
    posts = [
        Post(
            thread_id=t.id,
            author_id=t.author_id,
            depth=0,
            created_at=now,
            body=f"Post number {n}. " + "Some words about a long day. " * 12,
            body_html=f"<p>Post number {n}.</p>",
            held_at=now if n % 5 == 0 else None,
        )
        for n, t in enumerate(threads)
    ]
    db.session.add_all(posts)
    db.session.flush()
    for post in posts:
        post.path = Post.path_segment(post.id)
    db.session.execute(
        insert(QueueItem),
        [
            {
                "post_id": post.id,
                "member_id": post.author_id,
                "priority": QueueItem.RISK if n % 10 == 0 else QueueItem.USUAL,
                "risk_phrases": "want to die" if n % 10 == 0 else None,
                "held": n % 5 == 0,
                "reported": n % 3 == 0,
                "opened_at": now - timedelta(minutes=count - n),
            }
            for n, post in enumerate(posts)
        ],
    )
    db.session.execute(
        insert(Report),
        [
            {"post_id": post.id, "reporter_id": reporter.id, "reason": "kind", "created_at": now}
            for n, post in enumerate(posts)
            if n % 3 == 0
            for reporter in reporters
        ],
    )
    db.session.execute(
        insert(ModerationAction),
        [
            {
                "actor_id": moderator.id,
                "action": action,
                "target_member_id": writer.id,
                "created_at": now,
            }
            for writer in writers
            for action in ("warn", "hide")
        ],
    )
    db.session.commit()
