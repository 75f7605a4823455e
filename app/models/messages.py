"""Messages to a member: private words from the moderators (a check-in) or from the site.

A message is never a decision: it cites no rule, counts as no sanction and has no review. The
member sees unread ones as a calm notice on their next page and all of them under My account.
"""

from datetime import UTC, datetime

from app.extensions import db

SENDERS = ("moderators", "site")


def _now() -> datetime:
    return datetime.now(UTC)


class MemberMessage(db.Model):
    __tablename__ = "member_messages"
    __table_args__ = (
        db.CheckConstraint(f"sender IN ({', '.join(repr(s) for s in SENDERS)})", name="sender"),
        db.Index("ix_member_messages_member", "member_id", "id"),
    )

    id = db.Column(db.Integer, primary_key=True)
    member_id = db.Column(
        db.Integer, db.ForeignKey("members.id", ondelete="CASCADE"), nullable=False
    )
    sender = db.Column(db.String(20), nullable=False)
    body = db.Column(db.Text, nullable=False)
    body_html = db.Column(db.Text, nullable=False)
    created_at = db.Column(db.DateTime(timezone=True), nullable=False, default=_now)
    read_at = db.Column(db.DateTime(timezone=True))
    # The post it is about, if any (a check-in after a post that may mean risk).
    post_id = db.Column(db.Integer, db.ForeignKey("posts.id", ondelete="SET NULL"))

    post = db.relationship("Post")
