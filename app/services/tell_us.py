"""Messages to the team from the Tell us page, and what admins do with them: read, answer a
member, tag "changed because of this", and count them by topic and month.

A visitor's message is stored with nothing about who sent it. A member's is linked to them, so
they can be answered in "Messages from the site"; it is in their download and goes with their
account (ON DELETE CASCADE).
"""

from dataclasses import dataclass

from flask import current_app
from sqlalchemy import func, select
from sqlalchemy.orm import joinedload, selectinload

from app import clock, permissions
from app.extensions import db
from app.models import TellUsMessage
from app.models.messages import TELL_US_TOPICS
from app.services import member_messages
from app.services.errors import FieldError, NotFound, PermissionDenied
from app.services.paging import Page, page_number
from app.timefmt import iso_utc

BODY_MAX = 2000
PER_PAGE = 20
MONTHS_COUNTED = 12
NO_TOPIC = "Choose what your message is about"
NO_BODY = "Write your message"


def tidy(text: str | None, field: str, empty: str, limit: int = BODY_MAX) -> str:
    text = (text or "").replace("\r\n", "\n").strip()
    if not text:
        raise FieldError(field, empty)
    if len(text) > limit:
        raise FieldError(
            field,
            f"Your message is {len(text):,} characters. Shorten it to "
            f"{limit:,} characters or fewer",
        )
    return text


@dataclass(frozen=True)
class Sent:
    message: TellUsMessage
    risk: tuple[str, ...]


def send(member, *, topic: str | None, body: str | None, wants_answer: bool = False) -> Sent:
    """Store a message to the team. member: the signed-in member, or None for a visitor, whose
    message keeps only its topic, words and time."""
    if topic not in TELL_US_TOPICS:
        raise FieldError("topic", NO_TOPIC)
    body = tidy(body, "body", NO_BODY)
    is_member = permissions.is_member(member)
    message = TellUsMessage(
        topic=topic,
        body=body,
        member_id=member.id if is_member else None,
        wants_answer=bool(wants_answer and is_member),
    )
    db.session.add(message)
    db.session.commit()
    return Sent(message, tuple(current_app.extensions["risk_phrases"].find(body)))


def possible_risk(message: TellUsMessage) -> list[str]:
    return current_app.extensions["risk_phrases"].find(message.body)


def _check(admin) -> None:
    if not permissions.can_read_messages_to_the_team(admin):
        raise PermissionDenied


def messages_page(admin, *, topic: str | None = None, page: int = 1) -> Page:
    """Newest first, optionally of one topic."""
    _check(admin)
    if topic is not None and topic not in TELL_US_TOPICS:
        raise NotFound(topic)
    query = select(TellUsMessage)
    if topic:
        query = query.where(TellUsMessage.topic == topic)
    total = db.session.scalar(select(func.count()).select_from(query.subquery())) or 0
    number, count = page_number(page, total, PER_PAGE)
    items = db.session.scalars(
        query.options(joinedload(TellUsMessage.member), selectinload(TellUsMessage.answers))
        .order_by(TellUsMessage.id.desc())
        .limit(PER_PAGE)
        .offset((number - 1) * PER_PAGE)
    ).unique()
    return Page(list(items), number, count)


def unread_count(admin) -> int:
    _check(admin)
    return (
        db.session.scalar(
            select(func.count(TellUsMessage.id)).where(TellUsMessage.read_at.is_(None))
        )
        or 0
    )


def get(admin, message_id: int) -> TellUsMessage:
    _check(admin)
    message = db.session.get(TellUsMessage, message_id)
    if message is None:
        raise NotFound(message_id)
    return message


def mark_read(admin, message: TellUsMessage, read: bool = True) -> None:
    _check(admin)
    message.read_at = (message.read_at or clock.now()) if read else None
    db.session.commit()


def tag_changed(admin, message: TellUsMessage, changed: bool = True) -> None:
    _check(admin)
    message.changed = changed
    message.read_at = message.read_at or clock.now()
    db.session.commit()


def answer(admin, message: TellUsMessage, body: str | None):
    """Answer a member's message: it appears in their Messages from the site."""
    if not permissions.can_answer_message(admin, message):
        raise PermissionDenied
    body = tidy(body, "body", "Write your answer")
    assert message.member is not None  # can_answer_message: only a member's message
    sent = member_messages.add(message.member, body, sender="site", author=admin, about=message)
    message.read_at = message.read_at or clock.now()
    db.session.commit()
    return sent


def _month(column):
    if db.engine.dialect.name == "postgresql":
        return func.to_char(func.timezone("UTC", column), "YYYY-MM")
    return func.strftime("%Y-%m", column)


def monthly_counts(admin) -> tuple[list[str], dict[str, dict[str, int]]]:
    """The last MONTHS_COUNTED months with messages, newest first, and for each topic the
    number of messages in each of those months."""
    _check(admin)
    month = _month(TellUsMessage.created_at).label("month")
    rows = db.session.execute(
        select(month, TellUsMessage.topic, func.count(TellUsMessage.id)).group_by(
            month, TellUsMessage.topic
        )
    ).all()
    months = sorted({row[0] for row in rows}, reverse=True)[:MONTHS_COUNTED]
    counts = {topic: dict.fromkeys(months, 0) for topic in TELL_US_TOPICS}
    for row_month, topic, number in rows:
        if row_month in counts[topic]:
            counts[topic][row_month] = number
    return months, counts


def export(member) -> list[dict]:
    """The member's messages to the team, with any answers, for "download my data"."""
    messages = db.session.scalars(
        select(TellUsMessage)
        .where(TellUsMessage.member_id == member.id)
        .options(selectinload(TellUsMessage.answers))
        .order_by(TellUsMessage.id)
    )
    return [
        {
            "topic": TELL_US_TOPICS[message.topic],
            "text": message.body,
            "sent": iso_utc(message.created_at),
            "asked_for_an_answer": message.wants_answer,
            "answers": [{"text": a.body, "sent": iso_utc(a.created_at)} for a in message.answers],
        }
        for message in messages
    ]
