"""Talk: reading threads and Replies; starting threads, replying, editing, removing, reacting and
following. Who may see which posts and threads is decided in app.services.visibility.

Every write happens here and ends in one commit. Counters are changed in SQL (n = n + 1), so
concurrent writers never overwrite each other's counts.
"""

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from functools import cache

from sqlalchemy import Integer, and_, bindparam, case, func, or_, select, text, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import aliased, joinedload, lazyload, load_only, selectinload
from sqlalchemy.orm.attributes import set_committed_value

from app import clock, permissions, search_schema
from app.content import SLUG
from app.database import checkpoint, writing
from app.extensions import db
from app.models import (
    Post,
    Reaction,
    Space,
    Thread,
    ThreadMember,
    ThreadTag,
)
from app.models.discussion import MAX_DEPTH
from app.names import has_invisible_characters
from app.rendering import render_markdown
from app.services import addresses, screening, visibility
from app.services.errors import FieldError, NotFound, PermissionDenied, found
from app.services.paging import Page, page_number
from app.spaces import CONDITION_TAGS

TITLE_MAX = 150
BODY_MAX = 5000
CONTENT_NOTE_MAX = 60
REACTIONS = {"helped": Post.helped_count, "me_too": Post.me_too_count}
THREADS_PER_PAGE = 20
POSTS_PER_PAGE = 50
REPLIES_SHOWN = 50
# The same text sent twice this soon (a double click, a resent form) is the same post.
DOUBLE_SUBMIT_WINDOW = timedelta(minutes=5)
_INSERT = {"postgresql": postgresql.insert, "sqlite": sqlite.insert}


# --- checks on what people type -------------------------------------------------------------


def clean_title(title: str | None) -> str:
    title = " ".join((title or "").split())
    if not title:
        raise FieldError("title", "Enter a title for your thread")
    if len(title) > TITLE_MAX:
        raise FieldError("title", f"Title must be {TITLE_MAX} characters or fewer")
    if has_invisible_characters(title):
        raise FieldError(
            "title",
            "Title must not include hidden characters, such as ones that "
            "change the direction of text. Please type it again",
        )
    return title


def _body(body: str | None) -> str:
    body = (body or "").replace("\r\n", "\n").strip()
    if not body:
        raise FieldError("body", "Enter your message")
    if len(body) > BODY_MAX:
        raise FieldError(
            "body", f"Your message must be {BODY_MAX:,} characters or fewer: it has {len(body):,}"
        )
    return body


def clean_content_note(note: str | None) -> str | None:
    note = " ".join((note or "").split())
    if len(note) > CONTENT_NOTE_MAX:
        raise FieldError(
            "content_note", f"Content note must be {CONTENT_NOTE_MAX} characters or fewer"
        )
    if has_invisible_characters(note):
        raise FieldError(
            "content_note",
            "Content note must not include hidden characters, such "
            "as ones that change the direction of text. Please type "
            "it again",
        )
    return note or None


def clean_tags(tags) -> list[str]:
    tags = list(dict.fromkeys(tags or []))
    if any(tag not in CONDITION_TAGS for tag in tags):
        raise FieldError("tags", "Choose conditions from the list")
    return tags


def preview(body: str | None) -> str:
    """The post as it will look, for the Preview button."""
    return render_markdown(_body(body))


# --- reading -------------------------------------------------------------------------------


def spaces() -> list[Space]:
    return list(db.session.scalars(select(Space).order_by(Space.position, Space.name)))


def space_by_slug(slug: str) -> Space:
    return found(db.session.scalar(select(Space).where(Space.slug == slug)), slug)


def get_thread(thread_id: int) -> Thread:
    return found(db.session.get(Thread, thread_id), thread_id)


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
    total = db.session.scalar(select(func.count()).select_from(wanted.subquery()))
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
        (thread, last_read is None or _aware(thread.last_activity_at) > _aware(last_read))
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


def _aware(moment: datetime) -> datetime:
    """SQLite hands back naive datetimes; all times here are UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


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
            tuple(row)
            for row in db.session.execute(
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
        following=mark_read(member, thread),
    )


def _nest(posts: list[Post]) -> list[Node]:
    nodes = {post.id: Node(post) for post in posts}
    top = []
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


# --- writing -------------------------------------------------------------------------------

# Addresses under /talk/ that a space's slug may not take.
RESERVED_SLUGS = {"all", "replies", "threads", "posts", "new"}


def set_space(
    slug: str,
    *,
    name: str | None = None,
    description: str | None = None,
    position: int | None = None,
) -> Space:
    """Add a discussion space, or change one: for the `flask set-space` command."""
    slug = (slug or "").strip().lower()
    if not SLUG.fullmatch(slug) or slug in RESERVED_SLUGS:
        raise FieldError(
            "slug",
            "use lower-case letters, digits and single hyphens, and none of "
            + ", ".join(sorted(RESERVED_SLUGS)),
        )
    space = db.session.scalar(select(Space).where(Space.slug == slug))
    if space is None:
        if not (name and description):
            raise FieldError("name", "a new space needs both --name and --description")
        space = Space(slug=slug, position=len(spaces()))
        db.session.add(space)
    for field_name, value, limit in (("name", name, 80), ("description", description, 200)):
        if value is not None:
            value = " ".join(value.split())
            if not value or len(value) > limit:
                raise FieldError(field_name, f"must be 1 to {limit} characters")
            setattr(space, field_name, value)
    if position is not None:
        space.position = position
    db.session.commit()
    return space


def set_place(
    member,
    thread_id: int,
    *,
    following: bool | None = None,
    muted: bool | None = None,
    read: bool = False,
):
    """Upsert the member's place in a thread: following or muting it, and/or read up to now.
    In the caller's transaction."""
    values = {"member_id": member.id, "thread_id": thread_id}
    changes = {}
    if following is not None:
        changes["following"] = following
    if muted is not None:
        changes["muted"] = muted
    if read:
        changes["last_read_at"] = clock.now()
    insert = _INSERT[db.engine.dialect.name]
    db.session.execute(
        insert(ThreadMember)
        .values(**values, **{"following": False, "muted": False, **changes})
        .on_conflict_do_update(index_elements=["member_id", "thread_id"], set_=changes)
    )


def start_thread(
    member,
    space: Space,
    *,
    title,
    body,
    tags=(),
    content_note=None,
    address_hash: str | None = None,
) -> Thread:
    """Start a thread; its opening post is screened (app.services.screening), and the result is
    on thread.screening. address_hash: today's keyed hash of the author's network."""
    if not permissions.can_start_thread(member):
        raise PermissionDenied
    title, body = clean_title(title), _body(body)
    tags, note = clean_tags(tags), clean_content_note(content_note)
    since = clock.now() - DOUBLE_SUBMIT_WINDOW
    same = db.session.scalar(
        select(Thread).where(
            Thread.author_id == member.id,
            Thread.title == title,
            Thread.space_id == space.id,
            Thread.created_at > since,
        )
    )
    if same is not None:
        return same
    now = clock.now()
    held = screening.must_hold(member)
    thread = Thread(
        space=space,
        author_id=member.id,
        title=title,
        created_at=now,
        last_activity_at=now,
        tags=[ThreadTag(tag=tag) for tag in tags],
    )
    db.session.add(thread)
    db.session.flush()
    opening = Post(
        thread_id=thread.id,
        author_id=member.id,
        depth=0,
        body=body,
        body_html=render_markdown(body),
        content_note=note,
        created_at=now,
        held_at=now if held else None,
    )
    db.session.add(opening)
    db.session.flush()
    opening.path = Post.path_segment(opening.id)
    thread.screening = screening.screen(opening, f"{title}\n{body}")
    set_place(member, thread.id, following=True, read=True)
    addresses.note(member, address_hash)
    db.session.commit()
    return thread


def reply(
    member,
    thread: Thread,
    *,
    body,
    content_note=None,
    to: Post | None = None,
    address_hash: str | None = None,
) -> Post:
    """Add a reply to `to` (the opening post when None); deeper than MAX_DEPTH goes beside it.

    The reply is screened like an opening post (result on post.screening); a held reply counts
    in the thread only once a moderator approves it.
    """
    if not permissions.can_take_part(member):
        raise PermissionDenied
    body, note = _body(body), clean_content_note(content_note)
    if not permissions.can_reply(member, thread):
        raise FieldError(
            "body",
            "This thread has been locked, so it takes no new replies. "
            "Your message is still below if you want to keep a copy",
        )
    if to is None:
        to = db.session.scalar(
            select(Post).where(Post.thread_id == thread.id, Post.parent_id.is_(None))
        )
    if to.thread_id != thread.id:
        raise NotFound(to.id)
    if not permissions.can_reply_to(member, to):
        raise FieldError(
            "body",
            "That post has been removed, so you can't reply to it. "
            "Your message is below if you want to post it in the thread",
        )
    since = clock.now() - DOUBLE_SUBMIT_WINDOW
    same = db.session.scalar(
        select(Post).where(
            Post.author_id == member.id,
            Post.reply_to_id == to.id,
            Post.body == body,
            Post.created_at > since,
        )
    )
    if same is not None:
        return same
    parent = to if to.depth < MAX_DEPTH else to.parent_or_self()
    now = clock.now()
    held = screening.must_hold(member)
    post = Post(
        thread_id=thread.id,
        author_id=member.id,
        parent_id=parent.id,
        reply_to_id=to.id,
        depth=parent.depth + 1,
        body=body,
        body_html=render_markdown(body),
        content_note=note,
        created_at=now,
        held_at=now if held else None,
    )
    db.session.add(post)
    db.session.flush()
    post.path = parent.path + Post.path_segment(post.id)
    screening.screen(post, body)
    if not post.held:  # held as a first post, or for possible risk out of hours
        count_in_thread(post, now)
    set_place(member, thread.id, following=True, read=True)
    addresses.note(member, address_hash)
    db.session.commit()
    return post


def count_in_thread(post: Post, now: datetime) -> None:
    """The post now shows to everyone: count it and bring the thread to the top of its lists."""
    values = {"last_activity_at": now}
    if not post.is_opening:
        values["reply_count"] = Thread.reply_count + 1
    db.session.execute(update(Thread).where(Thread.id == post.thread_id).values(values))


def edit_post(member, post: Post, *, body, content_note=None) -> None:
    """Change a post's words; new words that may mean risk put it in the queue, as when written.

    While the member would still be held (screening.must_hold), an approved post they change
    waits for a moderator again, and leaves its thread's count until it is approved.
    """
    if not permissions.can_edit(member, post):
        raise PermissionDenied
    post.body = _body(body)
    post.body_html = render_markdown(post.body)
    post.content_note = clean_content_note(content_note)
    post.edited_at = clock.now()
    held_again = not post.held and screening.must_hold(member, editing=post)
    if held_again:
        post.held_at = post.edited_at
        if not post.is_opening:
            db.session.execute(
                update(Thread)
                .where(Thread.id == post.thread_id)
                .values(reply_count=Thread.reply_count - 1)
            )
    screening.screen(post, post.body, edited=True, held_again=held_again)
    db.session.commit()


def remove_post(member, post: Post) -> None:
    """The author takes their words back; the post keeps its place so replies still make sense."""
    if not permissions.can_delete(member, post):
        raise PermissionDenied
    _remove_words(post)
    commit_removal()


def commit_removal() -> None:
    """Commit a change that removed someone's words, leaving no copy in any database file.

    On SQLite: secure_delete (app.database) zeroes the freed space, the search index merges
    away the removed terms, and a checkpoint empties the WAL. PostgreSQL: see the README.
    """
    if db.engine.dialect.name == "sqlite":
        db.session.execute(text(search_schema.SQLITE_FORGET_REMOVED))
    db.session.commit()
    checkpoint(db.engine)


def _remove_words(post: Post) -> None:
    post.body = post.body_html = ""
    post.content_note = None
    post.removed_at = clock.now()


def forget_member(member, *, keep_posts: bool) -> None:
    """Before a member is deleted: take back their reactions from the counts and, unless they
    chose to leave their posts, remove their words. The caller deletes the member and commits."""
    for kind, counter in REACTIONS.items():
        theirs = select(Reaction.post_id).where(
            Reaction.member_id == member.id, Reaction.kind == kind
        )
        db.session.execute(update(Post).where(Post.id.in_(theirs)).values({counter: counter - 1}))
    if keep_posts:
        return
    for post in db.session.scalars(select(Post).where(Post.author_id == member.id)):
        if post.removed_at is None:
            _remove_words(post)
        if post.is_opening:
            post.thread.title = "A conversation started by a former member"


WITHHELD_THREAD = "A thread that is not shown at the moment"


def _utc(moment: datetime | None) -> str | None:
    return _aware(moment).isoformat() if moment else None


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
            "written": _utc(post.created_at),
            "edited": _utc(post.edited_at),
            "removed": _utc(post.removed_at),
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
        {"post_id": r.post_id, "reaction": r.kind, "given": _utc(r.created_at)} for r in reactions
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


# The parts of "download my data" that come from Talk (see accounts.EXPORT_SECTIONS).
EXPORT_SECTIONS = [
    ("posts", _export_posts),
    ("reactions", _export_reactions),
    ("following", _export_following),
]


def toggle_reaction(member, post: Post, kind: str) -> bool:
    """Add the reaction if the member hasn't given it, else take it back. True when added."""
    if kind not in REACTIONS:
        raise NotFound(kind)
    if not permissions.can_react(member, post):
        raise PermissionDenied
    counter = REACTIONS[kind]
    key = {"post_id": post.id, "member_id": member.id, "kind": kind}
    existing = db.session.get(Reaction, (post.id, member.id, kind))
    if existing is not None:
        db.session.delete(existing)
        change = -1
    else:
        try:
            with db.session.begin_nested():
                db.session.add(Reaction(**key))
        except IntegrityError:  # the same click arrived twice at once: it is already counted
            db.session.rollback()
            return True
        change = 1
    db.session.execute(update(Post).where(Post.id == post.id).values({counter: counter + change}))
    db.session.commit()
    return change == 1


def set_following(member, thread: Thread, following: bool) -> None:
    if not permissions.is_member(member):
        raise PermissionDenied
    set_place(member, thread.id, following=following)
    db.session.commit()


def mark_read(member, thread: Thread) -> bool:
    """Remember that the member has seen the thread as it is now; return whether they follow it.

    The page's reads end first and the upsert runs in a transaction of its own
    (app.database.writing), so on SQLite the write lock is held for this one statement rather
    than the whole page. The page's objects are already loaded, so the commits leave them as they
    are rather than expiring them (which would reload each one).
    """
    insert = _INSERT[db.engine.dialect.name]
    session = db.session()
    session.expire_on_commit = False
    try:
        session.commit()
        with writing():
            following = session.execute(
                insert(ThreadMember)
                .values(
                    member_id=member.id,
                    thread_id=thread.id,
                    following=False,
                    last_read_at=clock.now(),
                )
                .on_conflict_do_update(
                    index_elements=["member_id", "thread_id"], set_={"last_read_at": clock.now()}
                )
                .returning(ThreadMember.following)
            ).scalar()
            session.commit()
    finally:
        session.expire_on_commit = True
    return bool(following)
