"""Messages between the people who use the site and the people who run it.

Messages to the team ("Tell us") come from anyone. A visitor's message keeps nothing about who
sent it: no address, browser details or cookie, only what they wrote. A member's is linked to
them, so it can be answered in the site, is in their download and goes with their account.

Messages to a member are shown in My account under "Messages from the site": an answer from
the team now, and messages from other senders (e.g. the moderators) later.
"""

from collections.abc import Iterable
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    false,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app import clock
from app.extensions import Model

if TYPE_CHECKING:
    from app.models.user import Member

# What a message to the team is about: key and the words a writer chooses from.
TELL_US_TOPICS = {
    "broken": "Something does not work",
    "idea": "An idea",
    "accessibility": "Accessibility",
    "worried": "Something about the site worried me",
}
MESSAGE_SENDERS = ("site", "moderators")


def _one_of(column: str, values: Iterable[str]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


class TellUsMessage(Model):
    """A message to the team from the Tell us page. Only admins ever see it."""

    __tablename__ = "tell_us_messages"
    __table_args__ = (
        CheckConstraint(_one_of("topic", TELL_US_TOPICS), name="topic"),
        Index("ix_tell_us_messages_topic", "topic", "id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    topic: Mapped[str] = mapped_column(String(20), nullable=False)
    body: Mapped[str] = mapped_column(Text, nullable=False)
    # The member who wrote it, or none for a visitor. Goes with the member's account.
    member_id: Mapped[int | None] = mapped_column(
        Integer, ForeignKey("members.id", ondelete="CASCADE"), index=True
    )
    wants_answer: Mapped[bool] = mapped_column(
        Boolean, nullable=False, default=False, server_default=false()
    )
    created_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), nullable=False, default=clock.now, index=True
    )
    # When an admin marked it read.
    read_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # An admin's tag: the site changed because of this message.
    changed: Mapped[bool] = mapped_column(
        Boolean, nullable=False, default=False, server_default=false()
    )

    member: Mapped["Member | None"] = relationship("Member")
    answers: Mapped[list["MemberMessage"]] = relationship(
        "MemberMessage", back_populates="about", order_by="MemberMessage.id", passive_deletes=True
    )


class MemberMessage(Model):
    """A message to one member, shown in their "Messages from the site"."""

    __tablename__ = "member_messages"
    __table_args__ = (
        CheckConstraint(_one_of("sender", MESSAGE_SENDERS), name="sender"),
        Index("ix_member_messages_member", "member_id", "id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    member_id: Mapped[int] = mapped_column(
        Integer, ForeignKey("members.id", ondelete="CASCADE"), nullable=False
    )
    sender: Mapped[str] = mapped_column(
        String(20), nullable=False, default="site", server_default="site"
    )
    # Who wrote it, for the team's own records; the member sees only the sender.
    author_id: Mapped[int | None] = mapped_column(
        Integer, ForeignKey("members.id", ondelete="SET NULL")
    )
    body: Mapped[str] = mapped_column(Text, nullable=False)
    # The member's message to the team that this answers, if any.
    about_id: Mapped[int | None] = mapped_column(
        Integer, ForeignKey("tell_us_messages.id", ondelete="SET NULL"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), nullable=False, default=clock.now
    )

    member: Mapped["Member"] = relationship("Member", foreign_keys=[member_id])
    author: Mapped["Member | None"] = relationship("Member", foreign_keys=[author_id])
    about: Mapped[TellUsMessage | None] = relationship("TellUsMessage", back_populates="answers")


class ChangeNote(Model):
    """One entry on the public "You said, we did" page, written by an admin in the site."""

    __tablename__ = "change_notes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # What people told the team, in the team's words; and what changed.
    said: Mapped[str] = mapped_column(Text, nullable=False)
    did: Mapped[str] = mapped_column(Text, nullable=False)
    author_id: Mapped[int | None] = mapped_column(
        Integer, ForeignKey("members.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), nullable=False, default=clock.now, index=True
    )
