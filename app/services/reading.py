"""Talk as members read it: thread lists, a thread's page, and Replies."""

from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cache

from sqlalchemy import Integer, and_, bindparam, case, func, or_, select
from sqlalchemy.orm import aliased, joinedload, lazyload, load_only, selectinload
from sqlalchemy.orm.attributes import set_committed_value

from app import permissions
from app.extensions import db
from app.models import Post, Reaction, Space, Thread, ThreadMember, ThreadTag
from app.services import discussions, visibility
from app.services.errors import NotFound
from app.services.paging import Page, page_number
from app.timefmt import aware

THREADS_PER_PAGE = 20
POSTS_PER_PAGE = 50
REPLIES_SHOWN = 50

# Built once: making an alias is costly, and the Replies count runs on every page.
_PLACE = aliased(ThreadMember, name="place")
_ANSWERED = aliased(Post, name="answered")
_LONG_AGO = datetime(1970, 1, 1, tzinfo=UTC)
# Stands for the thread in statements built once and kept (with visibility.VIEWER).
_THREAD = bindparam("thread_id", type_=Integer)


def thread_list(member, space: Space | None = None, tag: str | None = None, page: int = 1) -> Page:
    """Threads by latest activity, each with when this member last read it.

    The page's ids are found first from the activity index alone, then only those threads are
    loaded with their space, author and the member's place: skipping to a deep page then walks
    the index, not every earlier thread's joined rows.
    """
    wanted = select(Thread.id).where(visibility.visible_thread_condition(member))
    if space is not None:  # a space's pinned threads head it instead (pinned_threads)
        wanted = wanted.where(Thread.space_id == space.id, Thread.pinned_at.is_(None))
    if tag is not None:
        tagged = select(ThreadTag.thread_id).where(ThreadTag.tag == tag)
        wanted = wanted.where(Thread.id.in_(tagged))
    total = db.session.scalar(select(func.count()).select_from(wanted.subquery())) or 0
    number, pages = page_number(page, total, THREADS_PER_PAGE)
    newest_first = (Thread.last_activity_at.desc(), Thread.id.desc())
    on_page = (
        wanted.order_by(*newest_first)
        .limit(THREADS_PER_PAGE)
        .offset((number - 1) * THREADS_PER_PAGE)
    )
    read = aliased(ThreadMember)
    rows = db.session.execute(
        select(Thread, read.last_read_at)
        .outerjoin(read, and_(read.thread_id == Thread.id, read.member_id == member.id))
        .where(Thread.id.in_(on_page.scalar_subquery()))
        .options(selectinload(Thread.tags))
        .order_by(*newest_first)
    ).all()
    items = [
        (thread, last_read is None or aware(thread.last_activity_at) > aware(last_read))
        for thread, last_read in rows
    ]
    return Page(items, number, pages)


PINNED_SHOWN = 5


def pinned_threads(member, space: Space, tag: str | None = None) -> list[Thread]:
    """The space's pinned threads the member may see, the latest pinned first."""
    wanted = (
        select(Thread)
        .where(
            Thread.space_id == space.id,
            Thread.pinned_at.is_not(None),
            visibility.visible_thread_condition(member),
        )
        .options(selectinload(Thread.tags))
    )
    if tag is not None:
        wanted = wanted.where(
            Thread.id.in_(select(ThreadTag.thread_id).where(ThreadTag.tag == tag))
        )
    return list(
        db.session.scalars(
            wanted.order_by(Thread.pinned_at.desc(), Thread.id.desc()).limit(PINNED_SHOWN)
        ).unique()
    )


@dataclass
class Node:
    post: Post
    children: list["Node"] = field(default_factory=list)


@dataclass
class ThreadView:
    """A page of a thread as one member reads it; building it marks the thread read."""

    thread: Thread
    page: Page  # items: the top Nodes of this page
    reactions: set[tuple[int, str]]
    following: bool
    muted: bool = False


def _is_muted(member, thread: Thread) -> bool:
    return bool(
        db.session.scalar(
            select(ThreadMember.muted).where(
                ThreadMember.member_id == member.id, ThreadMember.thread_id == thread.id
            )
        )
    )


@cache
def _thread_statements(moderating: bool):
    """Counting a thread's posts and loading a page of them, built once for each kind of member
    and kept (see _unread_count_statement).

    Within one thread the opening post decides for all: once the count finds it visible, each
    post needs only the rules on itself."""
    viewer = visibility.VIEWER
    visible = and_(
        Post.thread_id == _THREAD,
        Post.thread_id.not_in(visibility.muted_threads(viewer)),
        visibility.shown(viewer, moderating),
    )
    counting = select(func.count(Post.id), func.count(case((Post.parent_id.is_(None), 1)))).where(
        visible
    )
    replied = aliased(Post)
    paging = (
        select(Post)
        .where(visible)
        .options(joinedload(Post.reply_to.of_type(replied)).joinedload(replied.author))
        .order_by(Post.path)
        .limit(bindparam("limit", type_=Integer))
        .offset(bindparam("offset", type_=Integer))
    )
    return counting, paging


def thread_view(member, thread: Thread, page: int = 1) -> ThreadView:
    """One page of a thread in reading order, nested as replies were made.

    A thread the member muted has no posts for them, only the way to unmute it; one they may not
    see (held, hidden, or started by someone they muted) is not found.
    """
    if not permissions.is_member(member):
        raise NotFound(thread.id)
    counting, paging = _thread_statements(permissions.can_moderate(member))
    params = {"viewer_id": member.id, "thread_id": thread.id}
    total, has_opening = db.session.execute(counting, params).one()
    if not has_opening:
        if not _is_muted(member, thread):
            raise NotFound(thread.id)
        return ThreadView(thread, Page([], 1, 1), set(), following=False, muted=True)
    number, pages = page_number(page, total, POSTS_PER_PAGE)
    posts = list(
        db.session.scalars(
            paging,
            params | {"limit": POSTS_PER_PAGE, "offset": (number - 1) * POSTS_PER_PAGE},
        ).unique()
    )
    for post in posts:  # the page asks each post for its thread (permissions.can_reply_to)
        set_committed_value(post, "thread", thread)
    ids = [post.id for post in posts]
    reactions = (
        {
            (post_id, kind)
            for post_id, kind in db.session.execute(
                select(Reaction.post_id, Reaction.kind).where(
                    Reaction.member_id == member.id, Reaction.post_id.in_(ids)
                )
            )
        }
        if ids
        else set()
    )
    return ThreadView(
        thread=thread,
        page=Page(_nest(posts), number, pages),
        reactions=reactions,
        following=discussions.mark_read(member, thread),
    )


def _nest(posts: list[Post]) -> list[Node]:
    nodes: dict[int | None, Node] = {post.id: Node(post) for post in posts}
    top: list[Node] = []
    for post in posts:
        parent = nodes.get(post.parent_id)
        (parent.children if parent else top).append(nodes[post.id])
    return top


def _reply_filter(member_id, moderating: bool):
    """New posts by others in threads the member follows, or answering the member's posts."""
    place, answered = _PLACE, _ANSWERED
    query = (
        select(Post)
        .join(place, and_(place.thread_id == Post.thread_id, place.member_id == member_id))
        .outerjoin(answered, Post.reply_to_id == answered.id)
        .where(
            Post.parent_id.is_not(None),
            or_(Post.author_id.is_(None), Post.author_id != member_id),
            Post.removed_at.is_(None),
            Post.hidden_at.is_(None),
            Post.held_at.is_(None),
            visibility.visible_posts(member_id, moderating),
            or_(place.following, answered.author_id == member_id),
        )
    )
    # Never read counts as read at the start of time. Said this way rather than "IS NULL OR",
    # the count reads only the posts newer than the mark, from the (thread, created) index: it
    # runs on every page, and a member may have read threads thousands of posts long.
    unread = Post.created_at > func.coalesce(place.last_read_at, _LONG_AGO)
    return query, unread


def replies_for(member) -> list[tuple[Post, bool]]:
    if not permissions.is_member(member):
        return []
    query, unread = _reply_filter(member.id, permissions.can_moderate(member))
    replied = aliased(Post)
    rows = (
        db.session.execute(
            query.add_columns(unread)
            .options(
                joinedload(Post.thread).options(load_only(Thread.title), lazyload("*")),
                joinedload(Post.reply_to.of_type(replied)).load_only(replied.author_id),
            )
            .order_by(Post.created_at.desc(), Post.id.desc())
            .limit(REPLIES_SHOWN)
        )
        .unique()
        .all()
    )
    return [(post, bool(is_new)) for post, is_new in rows]


@cache
def _unread_count_statement(moderating: bool):
    """Built once for each kind of member and kept: the count runs on every page, and building
    a statement this size costs more than running it."""
    query, unread = _reply_filter(visibility.VIEWER, moderating)
    return query.where(unread).with_only_columns(func.count(Post.id))


def unread_count(member) -> int:
    if not permissions.is_member(member):
        return 0
    return db.session.scalar(
        _unread_count_statement(permissions.can_moderate(member)), {"viewer_id": member.id}
    )
