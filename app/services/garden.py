"""My Garden: threads, posts and learn pages a member keeps to come back to."""

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import joinedload, selectinload

from app import permissions
from app.extensions import db
from app.models import Post, SavedItem, Thread
from app.services import visibility
from app.services.errors import NotFound, PermissionDenied
from app.timefmt import iso_utc

KINDS = ("thread", "post", "learn")


@dataclass
class Saved:
    item: SavedItem
    title: str
    url_args: dict  # endpoint and values for url_for
    detail: str = ""


def save(member, kind: str, target: str, learn_pages) -> None:
    """Keep something; saving it twice keeps it once."""
    if not permissions.can_save(member):
        raise PermissionDenied
    if kind not in KINDS or not _exists(member, kind, target, learn_pages):
        raise NotFound(f"{kind}:{target}")
    try:
        with db.session.begin_nested():
            db.session.add(SavedItem(member_id=member.id, kind=kind, target=target))
    except IntegrityError:
        db.session.rollback()
        return
    db.session.commit()


def _exists(member, kind: str, target: str, learn_pages) -> bool:
    if kind == "learn":
        return learn_pages.get(target) is not None
    if not target.isdigit():
        return False
    if kind == "thread":
        found = select(Thread.id).where(
            Thread.id == int(target), visibility.thread_access_condition(member)
        )
    else:
        found = select(Post.id).where(
            Post.id == int(target), visibility.post_access_condition(member)
        )
    return db.session.scalar(found) is not None


def remove(member, item_id: int) -> None:
    item = db.session.get(SavedItem, item_id)
    if item is None or item.member_id != member.id:
        raise NotFound(item_id)
    db.session.delete(item)
    db.session.commit()


def items(member, learn_pages) -> list[Saved]:
    """Everything the member keeps, newest first, in three queries whatever its size. A thread
    or post withheld since it was saved is left out, while it stays withheld."""
    saved = list(
        db.session.scalars(
            select(SavedItem)
            .where(SavedItem.member_id == member.id)
            .order_by(SavedItem.created_at.desc(), SavedItem.id.desc())
        )
    )
    ids = {kind: [int(s.target) for s in saved if s.kind == kind] for kind in ("thread", "post")}
    threads = {
        t.id: t
        for t in db.session.scalars(
            select(Thread)
            .where(Thread.id.in_(ids["thread"]), visibility.thread_access_condition(member))
            .options(selectinload(Thread.tags))
        )
    }
    posts = {
        p.id: p
        for p in db.session.scalars(
            select(Post)
            .where(Post.id.in_(ids["post"]), visibility.post_access_condition(member))
            .options(joinedload(Post.thread))
        ).unique()
    }
    found = []
    for item in saved:
        if item.kind == "learn" and (page := learn_pages.get(item.target)):
            found.append(
                Saved(
                    item,
                    page.title,
                    {"endpoint": "learn.article", "slug": page.slug},
                    "A page from Learn",
                )
            )
        elif item.kind == "thread" and (thread := threads.get(int(item.target))):
            found.append(
                Saved(
                    item,
                    thread.title,
                    {"endpoint": "discussions.thread", "thread_id": thread.id},
                    "A thread",
                )
            )
        elif item.kind == "post" and (post := posts.get(int(item.target))):
            author = post.author.name if post.author else "a former member"
            found.append(
                Saved(
                    item,
                    f"A post by {author}",
                    {
                        "endpoint": "discussions.thread",
                        "thread_id": post.thread_id,
                        "_anchor": f"post-{post.id}",
                    },
                    f"In “{post.thread.title}”",
                )
            )
    return found


def export(member) -> list[dict]:
    """The "my_garden" part of "download my data" (see accounts.EXPORT_SECTIONS)."""
    saved = db.session.scalars(
        select(SavedItem).where(SavedItem.member_id == member.id).order_by(SavedItem.created_at)
    )
    return [{"kind": s.kind, "target": s.target, "saved": iso_utc(s.created_at)} for s in saved]
