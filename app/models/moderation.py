"""Safety: reports, the moderation queue, the log of every moderation action, and mutes."""

from datetime import UTC, datetime

from sqlalchemy import text

from app.extensions import db

OPEN = text("closed_at IS NULL")


def _now() -> datetime:
    return datetime.now(UTC)


class Report(db.Model):
    """A member's report that a post breaks a rule (or that they are worried about its author)."""

    __tablename__ = "reports"
    __table_args__ = (
        # One open report per member per post; after a decision they may report it again.
        db.Index("ux_reports_open", "post_id", "reporter_id", unique=True,
                 sqlite_where=text("resolved_at IS NULL"),
                 postgresql_where=text("resolved_at IS NULL")),
        # The few reports still holding a connection's hash, for erasing them once the day ends.
        db.Index("ix_reports_address_kept", "created_at",
                 sqlite_where=text("address_hash IS NOT NULL"),
                 postgresql_where=text("address_hash IS NOT NULL")),
    )

    id = db.Column(db.Integer, primary_key=True)
    post_id = db.Column(
        db.Integer, db.ForeignKey("posts.id", ondelete="CASCADE"), nullable=False, index=True
    )
    reporter_id = db.Column(
        db.Integer, db.ForeignKey("members.id", ondelete="SET NULL"), index=True
    )
    reason = db.Column(db.String(20), nullable=False)  # a rule key, "worried" or "other"
    note = db.Column(db.Text)
    created_at = db.Column(db.DateTime(timezone=True), nullable=False, default=_now)
    resolved_at = db.Column(db.DateTime(timezone=True))
    outcome = db.Column(db.String(10))  # "upheld" or "dismissed"
    # The reporter's keyed hash of their network that day (app.security.ip_hash), so reports
    # from one connection count once towards hiding; erased once settled or the day is over.
    address_hash = db.Column(db.String(32))

    post = db.relationship("Post")
    reporter = db.relationship("Member")


class QueueItem(db.Model):
    """Something waiting for a moderator: one open item per post, whatever brought it there.

    An item is about a post (held, possible risk, reported, or its author asks for a review of
    a decision about it) or, for a review of a warning or suspension, about a member only.
    """

    __tablename__ = "queue_items"
    __table_args__ = (
        # The queue's order: possible risk first, then oldest first.
        db.Index("ix_queue_items_open", "priority", "opened_at", "id",
                 sqlite_where=OPEN, postgresql_where=OPEN),
        db.Index("ux_queue_items_open_post", "post_id", unique=True,
                 sqlite_where=OPEN, postgresql_where=OPEN),
    )

    RISK, USUAL = 0, 1

    id = db.Column(db.Integer, primary_key=True)
    post_id = db.Column(db.Integer, db.ForeignKey("posts.id", ondelete="CASCADE"))
    member_id = db.Column(  # the post's author, or the member asking for a review
        db.Integer, db.ForeignKey("members.id", ondelete="SET NULL"), index=True
    )
    priority = db.Column(db.Integer, nullable=False, default=USUAL, server_default="1")
    risk_phrases = db.Column(db.String(300))  # phrases found, or the worried report's reason
    held = db.Column(db.Boolean, nullable=False, default=False, server_default=db.false())
    reported = db.Column(db.Boolean, nullable=False, default=False, server_default=db.false())
    review_of_id = db.Column(
        db.Integer, db.ForeignKey("moderation_log.id", ondelete="SET NULL")
    )
    review_note = db.Column(db.Text)
    opened_at = db.Column(db.DateTime(timezone=True), nullable=False, default=_now)
    closed_at = db.Column(db.DateTime(timezone=True))

    post = db.relationship("Post")
    member = db.relationship("Member")
    review_of = db.relationship("ModerationAction")

    @property
    def possible_risk(self) -> bool:
        return self.priority == self.RISK


class ModerationAction(db.Model):
    """One entry in the moderation log. Entries are only ever added, never changed or removed;
    deleting a member unlinks them (shown as "a former member") and keeps the entry."""

    __tablename__ = "moderation_log"
    __table_args__ = (db.Index("ix_moderation_log_target", "target_member_id", "id"),)

    id = db.Column(db.Integer, primary_key=True)
    created_at = db.Column(db.DateTime(timezone=True), nullable=False, default=_now)
    actor_id = db.Column(db.Integer, db.ForeignKey("members.id", ondelete="SET NULL"))
    action = db.Column(db.String(20), nullable=False)
    target_member_id = db.Column(db.Integer, db.ForeignKey("members.id", ondelete="SET NULL"))
    post_id = db.Column(db.Integer, db.ForeignKey("posts.id", ondelete="SET NULL"))
    thread_id = db.Column(db.Integer, db.ForeignKey("threads.id", ondelete="SET NULL"))
    rule = db.Column(db.String(20))
    reason = db.Column(db.Text)  # the moderator's words; shown to the member it is about
    detail = db.Column(db.String(300))  # facts, e.g. "until 10 December 2026"

    actor = db.relationship("Member", foreign_keys=[actor_id])
    target_member = db.relationship("Member", foreign_keys=[target_member_id])
    post = db.relationship("Post")
    thread = db.relationship("Thread")


class MemberMute(db.Model):
    """One member no longer sees another's posts. The muted member is not told."""

    __tablename__ = "member_mutes"

    member_id = db.Column(
        db.Integer, db.ForeignKey("members.id", ondelete="CASCADE"), primary_key=True
    )
    muted_id = db.Column(
        db.Integer, db.ForeignKey("members.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    created_at = db.Column(db.DateTime(timezone=True), nullable=False, default=_now)

    muted = db.relationship("Member", foreign_keys=[muted_id])
