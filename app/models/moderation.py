"""Safety: reports, the moderation queue, the log of every moderation action, and mutes."""

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import Boolean, DateTime, ForeignKey, Index, Integer, String, Text, false, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app import clock
from app.extensions import Model

if TYPE_CHECKING:
    from app.models.discussion import Post, Thread
    from app.models.user import Member

OPEN = text("closed_at IS NULL")
RISK_UNREVIEWED = text("priority = 0 AND risk_reviewed_at IS NULL")
# How a moderator closes a possible risk, as the log and the safety lead's queue say it.
RISK_OUTCOMES = {
    "no-concern": "No concern now",
    "checked-in": "Check-in sent",
    "escalated": "Escalated to the safety lead",
    "emergency": "Emergency services contacted",
}


class Report(Model):
    """A member's report that a post breaks a rule (or that they are worried about its author)."""

    __tablename__ = "reports"
    __table_args__ = (
        # One open report per member per post; after a decision they may report it again.
        Index(
            "ux_reports_open",
            "post_id",
            "reporter_id",
            unique=True,
            sqlite_where=text("resolved_at IS NULL"),
            postgresql_where=text("resolved_at IS NULL"),
        ),
        # The few reports still holding a connection's hash, for erasing them once the day ends.
        Index(
            "ix_reports_address_kept",
            "created_at",
            sqlite_where=text("address_hash IS NOT NULL"),
            postgresql_where=text("address_hash IS NOT NULL"),
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    post_id: Mapped[int] = mapped_column(
        Integer, ForeignKey("posts.id", ondelete="CASCADE"), nullable=False, index=True
    )
    reporter_id: Mapped[int | None] = mapped_column(
        Integer, ForeignKey("members.id", ondelete="SET NULL"), index=True
    )
    # a rule key, "worried" or "other"
    reason: Mapped[str] = mapped_column(String(20), nullable=False)
    note: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), nullable=False, default=clock.now
    )
    resolved_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    outcome: Mapped[str | None] = mapped_column(String(10))  # "upheld" or "dismissed"
    # The reporter's keyed hash of their network that day (app.security.ip_hash), so reports
    # from one connection count once towards hiding; erased once settled or the day is over.
    address_hash: Mapped[str | None] = mapped_column(String(32))

    post: Mapped["Post"] = relationship("Post")
    reporter: Mapped["Member | None"] = relationship("Member")


class QueueItem(Model):
    """Something waiting for a moderator: one open item per post, whatever brought it there.

    An item is about a post (held, possible risk, reported, or its author asks for a review of
    a decision about it) or, for a review of a warning or suspension, about a member only.
    """

    __tablename__ = "queue_items"
    __table_args__ = (
        # The queue's order: possible risk first, then oldest first.
        Index(
            "ix_queue_items_open",
            "priority",
            "opened_at",
            "id",
            sqlite_where=OPEN,
            postgresql_where=OPEN,
        ),
        Index(
            "ux_queue_items_open_post",
            "post_id",
            unique=True,
            sqlite_where=OPEN,
            postgresql_where=OPEN,
        ),
        # Possible risk stays in the queue until a moderator marks it reviewed.
        Index(
            "ix_queue_items_risk_unreviewed",
            "opened_at",
            "id",
            sqlite_where=RISK_UNREVIEWED,
            postgresql_where=RISK_UNREVIEWED,
        ),
    )

    RISK, USUAL = 0, 1

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    post_id: Mapped[int | None] = mapped_column(Integer, ForeignKey("posts.id", ondelete="CASCADE"))
    # the post's author, or the member asking for a review
    member_id: Mapped[int | None] = mapped_column(
        Integer, ForeignKey("members.id", ondelete="SET NULL"), index=True
    )
    priority: Mapped[int] = mapped_column(
        Integer, nullable=False, default=USUAL, server_default="1"
    )
    # phrases found, or the worried report's reason
    risk_phrases: Mapped[str | None] = mapped_column(String(300))
    held: Mapped[bool] = mapped_column(
        Boolean, nullable=False, default=False, server_default=false()
    )
    reported: Mapped[bool] = mapped_column(
        Boolean, nullable=False, default=False, server_default=false()
    )
    review_of_id: Mapped[int | None] = mapped_column(
        Integer, ForeignKey("moderation_log.id", ondelete="SET NULL")
    )
    review_note: Mapped[str | None] = mapped_column(Text)
    opened_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), nullable=False, default=clock.now
    )
    closed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # When a moderator first acted on it, for the queue's "time to a first look".
    first_looked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    risk_reviewed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    risk_outcome: Mapped[str | None] = mapped_column(String(20))  # a key of RISK_OUTCOMES
    # Who reviewed it, and each step, are in the moderation log.
    risk_note: Mapped[str | None] = mapped_column(Text)
    escalated_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    escalation_note: Mapped[str | None] = mapped_column(Text)

    post: Mapped["Post | None"] = relationship("Post")
    member: Mapped["Member | None"] = relationship("Member")
    review_of: Mapped["ModerationAction | None"] = relationship("ModerationAction")

    @property
    def possible_risk(self) -> bool:
        return self.priority == self.RISK

    @property
    def risk_open(self) -> bool:
        """A possible risk nobody has marked reviewed yet."""
        return self.possible_risk and self.risk_reviewed_at is None

    @property
    def escalation_open(self) -> bool:
        return self.escalated_at is not None and self.risk_reviewed_at is None


class ModerationAction(Model):
    """One entry in the moderation log. Entries are only ever added, never changed or removed;
    deleting a member unlinks them (shown as "a former member") and keeps the entry."""

    __tablename__ = "moderation_log"
    __table_args__ = (Index("ix_moderation_log_target", "target_member_id", "id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    created_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), nullable=False, default=clock.now
    )
    actor_id: Mapped[int | None] = mapped_column(
        Integer, ForeignKey("members.id", ondelete="SET NULL")
    )
    action: Mapped[str] = mapped_column(String(20), nullable=False)
    target_member_id: Mapped[int | None] = mapped_column(
        Integer, ForeignKey("members.id", ondelete="SET NULL")
    )
    post_id: Mapped[int | None] = mapped_column(
        Integer, ForeignKey("posts.id", ondelete="SET NULL")
    )
    thread_id: Mapped[int | None] = mapped_column(
        Integer, ForeignKey("threads.id", ondelete="SET NULL")
    )
    rule: Mapped[str | None] = mapped_column(String(20))
    # the moderator's words; shown to the member it is about
    reason: Mapped[str | None] = mapped_column(Text)
    # facts, e.g. "until 10 December 2026"
    detail: Mapped[str | None] = mapped_column(String(300))

    actor: Mapped["Member | None"] = relationship("Member", foreign_keys=[actor_id])
    target_member: Mapped["Member | None"] = relationship("Member", foreign_keys=[target_member_id])
    post: Mapped["Post | None"] = relationship("Post")
    thread: Mapped["Thread | None"] = relationship("Thread")


class MemberMute(Model):
    """One member no longer sees another's posts. The muted member is not told."""

    __tablename__ = "member_mutes"

    member_id: Mapped[int] = mapped_column(
        Integer, ForeignKey("members.id", ondelete="CASCADE"), primary_key=True
    )
    muted_id: Mapped[int] = mapped_column(
        Integer, ForeignKey("members.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    created_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), nullable=False, default=clock.now
    )

    muted: Mapped["Member"] = relationship("Member", foreign_keys=[muted_id])


class MemberNote(Model):
    """A moderator's private note about a member. Moderators see it; the member sees it in their
    own download, so notes are written to be read by the person they are about."""

    __tablename__ = "member_notes"
    __table_args__ = (Index("ix_member_notes_member", "member_id", "id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    member_id: Mapped[int] = mapped_column(
        Integer, ForeignKey("members.id", ondelete="CASCADE"), nullable=False
    )
    author_id: Mapped[int | None] = mapped_column(
        Integer, ForeignKey("members.id", ondelete="SET NULL")
    )
    body: Mapped[str] = mapped_column(Text, nullable=False)
    created_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), nullable=False, default=clock.now
    )

    author: Mapped["Member | None"] = relationship("Member", foreign_keys=[author_id])
