"""Messages to a member (app.models.messages): sending, the unread notice, and their list.

Sending is in the caller's transaction; the member's unread count is changed in SQL, so
messages sent at once are all counted.
"""

from datetime import UTC, datetime

from sqlalchemy import select, update

from app import permissions
from app.extensions import db
from app.models import Member, MemberMessage, Post
from app.rendering import render_markdown
from app.timefmt import iso_utc

SHOWN = 50
SENDER_NAMES = {"moderators": "The moderators", "site": "The CommonGround team"}


def send(member: Member, body: str, *, sender: str = "moderators",
         post: Post | None = None) -> MemberMessage:
    message = MemberMessage(member_id=member.id, sender=sender, body=body,
                            body_html=render_markdown(body),
                            post_id=post.id if post is not None else None)
    db.session.add(message)
    db.session.execute(update(Member).where(Member.id == member.id)
                       .values(unread_messages=Member.unread_messages + 1))
    return message


def _theirs(member):
    return select(MemberMessage).where(MemberMessage.member_id == member.id)


def for_member(member, limit: int | None = SHOWN) -> list[MemberMessage]:
    """Newest first."""
    return list(db.session.scalars(
        _theirs(member).order_by(MemberMessage.id.desc()).limit(limit)))


def unread(member) -> list[MemberMessage]:
    """Messages the member has not opened (nothing asked of the database when there are none)."""
    if not permissions.is_member(member) or not member.unread_messages:
        return []
    return list(db.session.scalars(
        _theirs(member).where(MemberMessage.read_at.is_(None))
        .order_by(MemberMessage.id.desc()).limit(3)))


def mark_read(member) -> None:
    if not member.unread_messages:
        return
    db.session.execute(update(MemberMessage)
                       .where(MemberMessage.member_id == member.id,
                              MemberMessage.read_at.is_(None))
                       .values(read_at=datetime.now(UTC)))
    member.unread_messages = 0
    db.session.commit()


def export(member) -> list[dict]:
    """For "download my data"."""
    return [{"from": SENDER_NAMES[m.sender], "message": m.body, "post_id": m.post_id,
             "sent": iso_utc(m.created_at), "read": iso_utc(m.read_at)}
            for m in reversed(for_member(member, limit=None))]
