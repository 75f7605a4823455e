"""The parts of "download my data" that come from Talk (see accounts.EXPORT_SECTIONS)."""

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from app.extensions import db
from app.models import Post, Reaction, Thread, ThreadMember
from app.services import visibility
from app.timefmt import iso_utc

WITHHELD_THREAD = "A thread that is not shown at the moment"


def _export_posts(member) -> list[dict]:
    posts = list(
        db.session.scalars(
            select(Post)
            .where(Post.author_id == member.id)
            .options(joinedload(Post.thread))
            .order_by(Post.created_at, Post.id)
        ).unique()
    )
    # A reply stays the member's own when its thread is withheld; the thread's title does not.
    seen = set(
        db.session.scalars(
            select(Thread.id).where(
                Thread.id.in_({post.thread_id for post in posts}),
                visibility.thread_access_condition(member),
            )
        )
    )
    return [
        {
            "id": post.id,
            "thread": post.thread.title if post.thread_id in seen else WITHHELD_THREAD,
            "thread_id": post.thread_id,
            "started_thread": post.is_opening,
            "written": iso_utc(post.created_at),
            "edited": iso_utc(post.edited_at),
            "removed": iso_utc(post.removed_at),
            "content_note": post.content_note,
            "text": post.body,
        }
        for post in posts
    ]


def _export_reactions(member) -> list[dict]:
    reactions = db.session.scalars(
        select(Reaction).where(Reaction.member_id == member.id).order_by(Reaction.created_at)
    )
    return [
        {"post_id": r.post_id, "reaction": r.kind, "given": iso_utc(r.created_at)}
        for r in reactions
    ]


def _export_following(member) -> list[dict]:
    rows = db.session.execute(
        select(Thread.id, Thread.title)
        .join(ThreadMember, ThreadMember.thread_id == Thread.id)
        .where(
            ThreadMember.member_id == member.id,
            ThreadMember.following,
            visibility.thread_access_condition(member),
        )
    )
    return [{"thread_id": thread_id, "thread": title} for thread_id, title in rows]


EXPORT_SECTIONS = [
    ("posts", _export_posts),
    ("reactions", _export_reactions),
    ("following", _export_following),
]
