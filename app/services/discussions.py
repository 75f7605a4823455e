"""Talk's writes: starting threads, replying, editing, removing, reacting and following.

Reading Talk is in app.services.reading, and what it adds to "download my data" in
app.services.talk_export. Who may see which posts and threads is decided in
app.services.visibility.

Every write happens here and ends in one commit. Counters are changed in SQL (n = n + 1), so
concurrent writers never overwrite each other's counts.
"""

from datetime import datetime, timedelta

from sqlalchemy import select, text, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import IntegrityError

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
from app.services import addresses, screening
from app.services.errors import FieldError, NotFound, PermissionDenied, found
from app.spaces import CONDITION_TAGS

TITLE_MAX = 150
BODY_MAX = 5000
CONTENT_NOTE_MAX = 60
REACTIONS = {"helped": Post.helped_count, "me_too": Post.me_too_count}
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


# --- finding spaces and threads ------------------------------------------------------------


def spaces() -> list[Space]:
    return list(db.session.scalars(select(Space).order_by(Space.position, Space.name)))


def space_by_slug(slug: str) -> Space:
    return found(db.session.scalar(select(Space).where(Space.slug == slug)), slug)


def get_thread(thread_id: int) -> Thread:
    return found(db.session.get(Thread, thread_id), thread_id)


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
