"""Messages to one member, shown under My account as "Messages from the site".

A message has a sender (MESSAGE_SENDERS): "site" for an answer from the people who run the site.
The member's count of unread messages puts a notice on their next page, without asking the
database anything when there are none.
"""

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from app.extensions import db
from app.models import Member, MemberMessage
from app.models.messages import MESSAGE_SENDERS
from app.timefmt import iso_utc

SHOWN = 50
SENDER_NAMES = {"site": "The people who run the site", "moderators": "The moderators"}


def add(member: Member, body: str, *, sender: str, author=None, about=None) -> MemberMessage:
    """A message for the member, in the caller's transaction."""
    if sender not in MESSAGE_SENDERS:
        raise ValueError(sender)
    message = MemberMessage(
        member_id=member.id,
        body=body,
        sender=sender,
        author_id=author.id if author else None,
        about=about,
    )
    db.session.add(message)
    member.unread_messages = Member.unread_messages + 1
    return message


def for_member(member, limit: int | None = SHOWN) -> list[MemberMessage]:
    """The member's messages, newest first."""
    return list(
        db.session.scalars(
            select(MemberMessage)
            .where(MemberMessage.member_id == member.id)
            .options(joinedload(MemberMessage.about).lazyload("*"))
            .order_by(MemberMessage.id.desc())
            .limit(limit)
        )
    )


def mark_read(member) -> None:
    if member.unread_messages:
        member.unread_messages = 0
        db.session.commit()


def export(member) -> list[dict]:
    return [
        {"from": SENDER_NAMES[m.sender], "text": m.body, "sent": iso_utc(m.created_at)}
        for m in reversed(for_member(member, limit=None))
    ]
