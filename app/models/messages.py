"""Messages between the people who use the site and the people who run it.

Messages to the team ("Tell us") come from anyone. A visitor's message keeps nothing about who
sent it: no address, browser details or cookie, only what they wrote. A member's is linked to
them, so it can be answered in the site, is in their download and goes with their account.

Messages to a member are shown in My account under "Messages from the site": an answer from
the team now, and messages from other senders (e.g. the moderators) later.
"""

from datetime import UTC, datetime

from app.extensions import db

# What a message to the team is about: key and the words a writer chooses from.
TELL_US_TOPICS = {
    "broken": "Something does not work",
    "idea": "An idea",
    "accessibility": "Accessibility",
    "worried": "Something about the site worried me",
}
MESSAGE_SENDERS = ("site", "moderators")


def _one_of(column: str, values) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


def _now() -> datetime:
    return datetime.now(UTC)


class TellUsMessage(db.Model):
    """A message to the team from the Tell us page. Only admins ever see it."""

    __tablename__ = "tell_us_messages"
    __table_args__ = (
        db.CheckConstraint(_one_of("topic", TELL_US_TOPICS), name="topic"),
        db.Index("ix_tell_us_messages_topic", "topic", "id"),
    )

    id = db.Column(db.Integer, primary_key=True)
    topic = db.Column(db.String(20), nullable=False)
    body = db.Column(db.Text, nullable=False)
    # The member who wrote it, or none for a visitor. Goes with the member's account.
    member_id = db.Column(
        db.Integer, db.ForeignKey("members.id", ondelete="CASCADE"), index=True
    )
    wants_answer = db.Column(db.Boolean, nullable=False, default=False, server_default=db.false())
    created_at = db.Column(db.DateTime(timezone=True), nullable=False, default=_now, index=True)
    read_at = db.Column(db.DateTime(timezone=True))  # when an admin marked it read
    # An admin's tag: the site changed because of this message.
    changed = db.Column(db.Boolean, nullable=False, default=False, server_default=db.false())

    member = db.relationship("Member")
    answers = db.relationship("MemberMessage", back_populates="about",
                              order_by="MemberMessage.id", passive_deletes=True)


class MemberMessage(db.Model):
    """A message to one member, shown in their "Messages from the site"."""

    __tablename__ = "member_messages"
    __table_args__ = (
        db.CheckConstraint(_one_of("sender", MESSAGE_SENDERS), name="sender"),
        db.Index("ix_member_messages_member", "member_id", "id"),
    )

    id = db.Column(db.Integer, primary_key=True)
    member_id = db.Column(
        db.Integer, db.ForeignKey("members.id", ondelete="CASCADE"), nullable=False
    )
    sender = db.Column(db.String(20), nullable=False, default="site", server_default="site")
    # Who wrote it, for the team's own records; the member sees only the sender.
    author_id = db.Column(db.Integer, db.ForeignKey("members.id", ondelete="SET NULL"))
    body = db.Column(db.Text, nullable=False)
    # The member's message to the team that this answers, if any.
    about_id = db.Column(
        db.Integer, db.ForeignKey("tell_us_messages.id", ondelete="SET NULL"), index=True
    )
    created_at = db.Column(db.DateTime(timezone=True), nullable=False, default=_now)

    member = db.relationship("Member", foreign_keys=[member_id])
    author = db.relationship("Member", foreign_keys=[author_id])
    about = db.relationship("TellUsMessage", back_populates="answers")


class ChangeNote(db.Model):
    """One entry on the public "You said, we did" page, written by an admin in the site."""

    __tablename__ = "change_notes"

    id = db.Column(db.Integer, primary_key=True)
    said = db.Column(db.Text, nullable=False)  # what people told the team, in the team's words
    did = db.Column(db.Text, nullable=False)  # what changed
    author_id = db.Column(db.Integer, db.ForeignKey("members.id", ondelete="SET NULL"))
    created_at = db.Column(db.DateTime(timezone=True), nullable=False, default=_now, index=True)
