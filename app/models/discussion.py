"""Discussions: spaces, threads, posts, reactions, and each member's place in a thread."""

from datetime import UTC, datetime

from app.extensions import db

MAX_DEPTH = 3  # replies nest at most this deep; deeper replies attach at this depth
PATH_DIGITS = 10


def _now() -> datetime:
    return datetime.now(UTC)


class Space(db.Model):
    __tablename__ = "spaces"

    id = db.Column(db.Integer, primary_key=True)
    slug = db.Column(db.String(60), nullable=False, unique=True)
    name = db.Column(db.String(80), nullable=False)
    description = db.Column(db.String(200), nullable=False)
    position = db.Column(db.Integer, nullable=False, default=0)


class Thread(db.Model):
    __tablename__ = "threads"
    __table_args__ = (
        db.Index("ix_threads_space_activity", "space_id", "last_activity_at", "id"),
        db.Index("ix_threads_activity", "last_activity_at", "id"),
    )

    id = db.Column(db.Integer, primary_key=True)
    space_id = db.Column(db.Integer, db.ForeignKey("spaces.id"), nullable=False)
    author_id = db.Column(db.Integer, db.ForeignKey("members.id", ondelete="SET NULL"))
    title = db.Column(db.String(150), nullable=False)
    created_at = db.Column(db.DateTime(timezone=True), nullable=False, default=_now)
    last_activity_at = db.Column(db.DateTime(timezone=True), nullable=False, default=_now)
    reply_count = db.Column(db.Integer, nullable=False, default=0, server_default="0")
    locked = db.Column(db.Boolean, nullable=False, default=False, server_default=db.false())

    # What screening found in the opening post when it was just written; not stored.
    screening = None

    space = db.relationship("Space", lazy="joined", innerjoin="unnested")
    author = db.relationship("Member", lazy="joined")
    tags = db.relationship(
        "ThreadTag", lazy="joined", cascade="all, delete-orphan", order_by="ThreadTag.tag"
    )

    @property
    def tag_names(self) -> list[str]:
        return [t.tag for t in self.tags]


class ThreadTag(db.Model):
    __tablename__ = "thread_tags"

    thread_id = db.Column(
        db.Integer, db.ForeignKey("threads.id", ondelete="CASCADE"), primary_key=True
    )
    tag = db.Column(db.String(30), primary_key=True, index=True)


class Post(db.Model):
    """The opening post of a thread (no parent) or a reply.

    `path` holds the ids from the opening post down to this one, zero-padded, so sorting by it
    gives the thread in reading order and a page of it is one indexed range.
    """

    __tablename__ = "posts"
    __table_args__ = (
        db.Index("ix_posts_thread_path", "thread_id", "path"),
        db.Index("ix_posts_thread_created", "thread_id", "created_at"),
        # Finds a thread's opening post, which decides whether the thread can be seen.
        db.Index("ix_posts_thread_parent", "thread_id", "parent_id"),
        # The few hidden or held posts, so "threads whose opening post is withheld" is read
        # without visiting every opening post (app.services.visibility.hidden_threads).
        db.Index("ix_posts_withheld", "parent_id", "thread_id", "author_id",
                 sqlite_where=db.text("hidden_at IS NOT NULL OR held_at IS NOT NULL"),
                 postgresql_where=db.text("hidden_at IS NOT NULL OR held_at IS NOT NULL")),
    )

    id = db.Column(db.Integer, primary_key=True)
    thread_id = db.Column(db.Integer, db.ForeignKey("threads.id"), nullable=False)
    author_id = db.Column(
        db.Integer, db.ForeignKey("members.id", ondelete="SET NULL"), index=True
    )
    # parent_id places the post in the tree; reply_to_id is the post its author answered, which
    # differs only when a reply to a post at the deepest level attaches beside it.
    parent_id = db.Column(db.Integer, db.ForeignKey("posts.id"), index=True)
    reply_to_id = db.Column(db.Integer, db.ForeignKey("posts.id"))
    depth = db.Column(db.Integer, nullable=False, default=0)
    path = db.Column(db.String(60), nullable=False, default="")

    @staticmethod
    def path_segment(post_id: int) -> str:
        return str(post_id).zfill(PATH_DIGITS) + "/"
    body = db.Column(db.Text, nullable=False)
    body_html = db.Column(db.Text, nullable=False)
    content_note = db.Column(db.String(60))
    created_at = db.Column(db.DateTime(timezone=True), nullable=False, default=_now)
    edited_at = db.Column(db.DateTime(timezone=True))
    removed_at = db.Column(db.DateTime(timezone=True))  # by its author
    hidden_at = db.Column(db.DateTime(timezone=True))  # by a moderator, or by reports
    hidden_rule = db.Column(db.String(20))  # the rule a moderator hid it under (app.conduct)
    held_at = db.Column(db.DateTime(timezone=True))  # a new member's post, waiting for approval
    helped_count = db.Column(db.Integer, nullable=False, default=0, server_default="0")
    me_too_count = db.Column(db.Integer, nullable=False, default=0, server_default="0")

    # What screening found when the post was just written (app.services.screening); not stored.
    screening = None

    # Every post has a thread, so an inner join; "unnested" keeps it flat when chained from an
    # outer join (SQLite builds a nested join whole: every thread, or every post).
    thread = db.relationship("Thread", innerjoin="unnested")
    author = db.relationship("Member", lazy="joined", foreign_keys=[author_id])
    reply_to = db.relationship("Post", remote_side=[id], foreign_keys=[reply_to_id])
    parent = db.relationship("Post", remote_side=[id], foreign_keys=[parent_id])

    @property
    def removed(self) -> bool:
        return self.removed_at is not None

    @property
    def hidden(self) -> bool:
        return self.hidden_at is not None

    @property
    def held(self) -> bool:
        return self.held_at is not None

    @property
    def is_opening(self) -> bool:
        return self.parent_id is None

    @property
    def author_name(self) -> str:
        """Who wrote it, as pages show it: the member's name, or "A former member"."""
        return self.author.name if self.author else "A former member"

    def parent_or_self(self) -> "Post":
        return self.parent if self.parent_id else self


class Reaction(db.Model):
    __tablename__ = "reactions"

    post_id = db.Column(
        db.Integer, db.ForeignKey("posts.id", ondelete="CASCADE"), primary_key=True
    )
    member_id = db.Column(
        db.Integer, db.ForeignKey("members.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    kind = db.Column(db.String(10), primary_key=True)
    created_at = db.Column(db.DateTime(timezone=True), nullable=False, default=_now)


class ThreadMember(db.Model):
    """A member's place in a thread: whether they follow or muted it, how far they have read."""

    __tablename__ = "thread_members"

    member_id = db.Column(
        db.Integer, db.ForeignKey("members.id", ondelete="CASCADE"), primary_key=True
    )
    thread_id = db.Column(
        db.Integer, db.ForeignKey("threads.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    following = db.Column(db.Boolean, nullable=False, default=False, server_default=db.false())
    muted = db.Column(db.Boolean, nullable=False, default=False, server_default=db.false())
    last_read_at = db.Column(db.DateTime(timezone=True))


class SavedItem(db.Model):
    """Something a member keeps in My Garden: a thread, a post or a learn page."""

    __tablename__ = "saved_items"
    __table_args__ = (db.UniqueConstraint("member_id", "kind", "target"),)

    id = db.Column(db.Integer, primary_key=True)
    member_id = db.Column(
        db.Integer, db.ForeignKey("members.id", ondelete="CASCADE"), nullable=False, index=True
    )
    kind = db.Column(db.String(10), nullable=False)
    target = db.Column(db.String(100), nullable=False)
    created_at = db.Column(db.DateTime(timezone=True), nullable=False, default=_now)
