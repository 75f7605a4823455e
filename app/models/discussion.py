"""Discussions: spaces, threads, posts, reactions, and each member's place in a thread."""

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import (
    Boolean,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    false,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app import clock
from app.extensions import Model

if TYPE_CHECKING:
    from app.models.user import Member
    from app.services.screening import Screening

MAX_DEPTH = 3  # replies nest at most this deep; deeper replies attach at this depth
PATH_DIGITS = 10


class Space(Model):
    __tablename__ = "spaces"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    slug: Mapped[str] = mapped_column(String(60), nullable=False, unique=True)
    name: Mapped[str] = mapped_column(String(80), nullable=False)
    description: Mapped[str] = mapped_column(String(200), nullable=False)
    position: Mapped[int] = mapped_column(Integer, nullable=False, default=0)


class Thread(Model):
    __tablename__ = "threads"
    __table_args__ = (
        Index("ix_threads_space_activity", "space_id", "last_activity_at", "id"),
        Index("ix_threads_activity", "last_activity_at", "id"),
    )
    __allow_unmapped__ = True  # for screening, below

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    space_id: Mapped[int] = mapped_column(Integer, ForeignKey("spaces.id"), nullable=False)
    author_id: Mapped[int | None] = mapped_column(
        Integer, ForeignKey("members.id", ondelete="SET NULL")
    )
    title: Mapped[str] = mapped_column(String(150), nullable=False)
    created_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), nullable=False, default=clock.now
    )
    last_activity_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), nullable=False, default=clock.now
    )
    reply_count: Mapped[int] = mapped_column(Integer, nullable=False, default=0, server_default="0")
    locked: Mapped[bool] = mapped_column(
        Boolean, nullable=False, default=False, server_default=false()
    )
    # Pinned threads head their space.
    pinned_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    # What screening found in the opening post when it was just written; not stored.
    screening: "Screening | None" = None

    space: Mapped["Space"] = relationship("Space", lazy="joined", innerjoin="unnested")  # type: ignore[arg-type]
    author: Mapped["Member | None"] = relationship("Member", lazy="joined")
    tags: Mapped[list["ThreadTag"]] = relationship(
        "ThreadTag", lazy="joined", cascade="all, delete-orphan", order_by="ThreadTag.tag"
    )

    @property
    def tag_names(self) -> list[str]:
        return [t.tag for t in self.tags]


class ThreadTag(Model):
    __tablename__ = "thread_tags"

    thread_id: Mapped[int] = mapped_column(
        Integer, ForeignKey("threads.id", ondelete="CASCADE"), primary_key=True
    )
    tag: Mapped[str] = mapped_column(String(30), primary_key=True, index=True)


class Post(Model):
    """The opening post of a thread (no parent) or a reply.

    `path` holds the ids from the opening post down to this one, zero-padded, so sorting by it
    gives the thread in reading order and a page of it is one indexed range.
    """

    __tablename__ = "posts"
    __table_args__ = (
        Index("ix_posts_thread_path", "thread_id", "path"),
        Index("ix_posts_thread_created", "thread_id", "created_at"),
        # Finds a thread's opening post, which decides whether the thread can be seen.
        Index("ix_posts_thread_parent", "thread_id", "parent_id"),
        # The few hidden or held posts, so "threads whose opening post is withheld" is read
        # without visiting every opening post (app.services.visibility.hidden_threads).
        Index(
            "ix_posts_withheld",
            "parent_id",
            "thread_id",
            "author_id",
            sqlite_where=text("hidden_at IS NOT NULL OR held_at IS NOT NULL"),
            postgresql_where=text("hidden_at IS NOT NULL OR held_at IS NOT NULL"),
        ),
    )
    __allow_unmapped__ = True  # for screening, below

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    thread_id: Mapped[int] = mapped_column(Integer, ForeignKey("threads.id"), nullable=False)
    author_id: Mapped[int | None] = mapped_column(
        Integer, ForeignKey("members.id", ondelete="SET NULL"), index=True
    )
    # parent_id places the post in the tree; reply_to_id is the post its author answered, which
    # differs only when a reply to a post at the deepest level attaches beside it.
    parent_id: Mapped[int | None] = mapped_column(Integer, ForeignKey("posts.id"), index=True)
    reply_to_id: Mapped[int | None] = mapped_column(Integer, ForeignKey("posts.id"))
    depth: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    path: Mapped[str] = mapped_column(String(60), nullable=False, default="")

    @staticmethod
    def path_segment(post_id: int) -> str:
        return str(post_id).zfill(PATH_DIGITS) + "/"

    body: Mapped[str] = mapped_column(Text, nullable=False)
    body_html: Mapped[str] = mapped_column(Text, nullable=False)
    content_note: Mapped[str | None] = mapped_column(String(60))
    created_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), nullable=False, default=clock.now
    )
    edited_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    removed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))  # by its author
    # by a moderator, or by reports
    hidden_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # the rule a moderator hid it under (app.conduct)
    hidden_rule: Mapped[str | None] = mapped_column(String(20))
    # a new member's post, waiting for approval
    held_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # Held instead because it may mean risk and was written outside moderation hours.
    held_for_risk: Mapped[bool] = mapped_column(
        Boolean, nullable=False, default=False, server_default=false()
    )
    helped_count: Mapped[int] = mapped_column(
        Integer, nullable=False, default=0, server_default="0"
    )
    me_too_count: Mapped[int] = mapped_column(
        Integer, nullable=False, default=0, server_default="0"
    )

    # What screening found when the post was just written (app.services.screening); not stored.
    screening: "Screening | None" = None

    # Every post has a thread, so an inner join; "unnested" keeps it flat when chained from an
    # outer join (SQLite builds a nested join whole: every thread, or every post).
    thread: Mapped["Thread"] = relationship("Thread", innerjoin="unnested")  # type: ignore[arg-type]
    author: Mapped["Member | None"] = relationship(
        "Member", lazy="joined", foreign_keys=[author_id]
    )
    reply_to: Mapped["Post | None"] = relationship(
        "Post", remote_side=[id], foreign_keys=[reply_to_id]
    )
    parent: Mapped["Post | None"] = relationship("Post", remote_side=[id], foreign_keys=[parent_id])

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
        if self.parent_id and self.parent is not None:
            return self.parent
        return self


class Reaction(Model):
    __tablename__ = "reactions"

    post_id: Mapped[int] = mapped_column(
        Integer, ForeignKey("posts.id", ondelete="CASCADE"), primary_key=True
    )
    member_id: Mapped[int] = mapped_column(
        Integer, ForeignKey("members.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    kind: Mapped[str] = mapped_column(String(10), primary_key=True)
    created_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), nullable=False, default=clock.now
    )


class ThreadMember(Model):
    """A member's place in a thread: whether they follow or muted it, how far they have read."""

    __tablename__ = "thread_members"

    member_id: Mapped[int] = mapped_column(
        Integer, ForeignKey("members.id", ondelete="CASCADE"), primary_key=True
    )
    thread_id: Mapped[int] = mapped_column(
        Integer, ForeignKey("threads.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    following: Mapped[bool] = mapped_column(
        Boolean, nullable=False, default=False, server_default=false()
    )
    muted: Mapped[bool] = mapped_column(
        Boolean, nullable=False, default=False, server_default=false()
    )
    last_read_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class SavedItem(Model):
    """Something a member keeps in My Garden: a thread, a post or a learn page."""

    __tablename__ = "saved_items"
    __table_args__ = (UniqueConstraint("member_id", "kind", "target"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    member_id: Mapped[int] = mapped_column(
        Integer, ForeignKey("members.id", ondelete="CASCADE"), nullable=False, index=True
    )
    kind: Mapped[str] = mapped_column(String(10), nullable=False)
    target: Mapped[str] = mapped_column(String(100), nullable=False)
    created_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), nullable=False, default=clock.now
    )
