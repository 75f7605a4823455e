"""Answering a post that may mean risk, and protecting its readers.

A moderator can send its author a check-in (a private message from "the moderators" that cites
no rule and counts as no sanction), add or change a content note, escalate it to a safety lead,
and mark the risk reviewed with an outcome. A possible risk stays in the queue until it is
marked reviewed, whatever else was decided; every step goes in the moderation log.
"""

from dataclasses import dataclass, field
from datetime import timedelta

from sqlalchemy import case, func, select
from sqlalchemy.orm import joinedload

from app import clock, permissions
from app.extensions import db
from app.models import MemberMessage, Post, QueueItem
from app.models.moderation import RISK_OUTCOMES
from app.services import audit, discussions, member_messages, queue
from app.services.errors import Conflict, FieldError, NotFound, PermissionDenied
from app.services.reports import tidy_note
from app.timefmt import aware

CHECK_IN_MAX = 2000
RISK_NOTE_MAX = 500
# The outcomes a safety lead closes an escalation with (it has been escalated already).
AFTER_ESCALATION = {k: v for k, v in RISK_OUTCOMES.items() if k != "escalated"}

DEFAULT_CHECK_IN = (
    "Hello {name}. One of the moderators read your post and wanted to check in with you.\n\n"
    "It sounds like things are really hard at the moment. You don't have to deal with this "
    "alone: the Get help now page lists people you can talk to today, some of them day and "
    "night.\n\n"
    "You are welcome here, and you can keep posting. This message is not about breaking any "
    "rule.\n\n"
    "Take care,\nThe moderators"
)


def default_check_in(member) -> str:
    return DEFAULT_CHECK_IN.format(name=member.name if member else "there")


def from_moderators(member, limit: int | None = member_messages.SHOWN) -> list[MemberMessage]:
    """The member's messages from the moderators (check-ins), newest first."""
    return list(
        db.session.scalars(
            select(MemberMessage)
            .where(MemberMessage.member_id == member.id, MemberMessage.sender == "moderators")
            .order_by(MemberMessage.id.desc())
            .limit(limit)
        )
    )


def unread_from_moderators(member) -> bool:
    """Whether an unread message is from the moderators; nothing is asked of the database
    when nothing is unread."""
    if not permissions.is_member(member) or not member.unread_messages:
        return False
    newest = db.session.scalars(
        select(MemberMessage.sender)
        .where(MemberMessage.member_id == member.id)
        .order_by(MemberMessage.id.desc())
        .limit(member.unread_messages)
    )
    return "moderators" in newest


def get_item(item_id: int) -> QueueItem:
    item = db.session.get(QueueItem, item_id)
    if item is None or item.post_id is None:
        raise NotFound(item_id)
    return item


def risk_item(post: Post) -> QueueItem | None:
    """The post's latest possible-risk item, open or closed, if any."""
    return db.session.scalar(
        select(QueueItem)
        .where(QueueItem.post_id == post.id, QueueItem.priority == QueueItem.RISK)
        .order_by(QueueItem.id.desc())
        .limit(1)
    )


def _looked(post: Post) -> None:
    """The first moderator action on the post's possible risk: for the queue's health figures."""
    item = risk_item(post)
    if item is not None and item.first_looked_at is None:
        item.first_looked_at = clock.now()


def check_in(moderator, post: Post, body: str | None) -> None:
    """Send the post's author a private check-in from the moderators."""
    member = post.author
    if not permissions.can_send_check_in(moderator, member):
        raise PermissionDenied
    body = tidy_note(body, "body", CHECK_IN_MAX)
    if not body:
        raise FieldError("body", "Write the message the member will read")
    member_messages.add(member, body, sender="moderators", author=moderator)
    audit.record(moderator, "check-in", member=member, post=post)
    _looked(post)
    db.session.commit()


def set_content_note(moderator, post: Post, *, note: str | None, reason: str | None) -> None:
    """Add, change or take away a post's content note; the author is told, kindly, and why."""
    if not permissions.can_set_content_note(moderator, post):
        raise PermissionDenied
    note = discussions.clean_content_note(note)
    if note == post.content_note:
        raise FieldError("content_note", "This is the content note the post has already")
    before, post.content_note = post.content_note, note
    if note and before:
        detail = f"Changed from “{before}” to “{note}”"
    else:
        detail = f"Added “{note}”" if note else f"Took away “{before}”"
    audit.record(
        moderator,
        "content-note",
        member=post.author,
        post=post,
        reason=tidy_note(reason) or None,
        detail=detail,
    )
    _looked(post)
    db.session.commit()


def review_risk(moderator, item: QueueItem, *, outcome: str | None, note: str | None) -> None:
    """Mark a possible risk reviewed, or, with the outcome "escalated", pass it to the safety
    lead. A post that waited only because of the hour now shows to everyone."""
    if item.risk_reviewed_at is not None:
        raise Conflict("This possible risk has already been marked reviewed.")
    if not permissions.can_review_risk(moderator, item):
        raise PermissionDenied
    allowed = AFTER_ESCALATION if item.escalated_at is not None else RISK_OUTCOMES
    if outcome not in allowed:
        raise FieldError("outcome", "Choose what you found")
    note = tidy_note(note, "note", RISK_NOTE_MAX)
    post = item.post
    now = clock.now()
    item.first_looked_at = item.first_looked_at or now
    if outcome == "escalated":
        item.escalated_at, item.escalation_note = now, note or None
        audit.record(moderator, "escalate", member=post.author, post=post, reason=note or None)
        db.session.commit()
        return
    item.risk_reviewed_at, item.risk_outcome, item.risk_note = now, outcome, note or None
    audit.record(
        moderator,
        "risk-reviewed",
        member=post.author,
        post=post,
        reason=note or None,
        detail=RISK_OUTCOMES[outcome],
    )
    if post.held_for_risk and not post.hidden and not post.removed:
        post.held_at, post.held_for_risk = None, False
        discussions.count_in_thread(post, now)
    if item.closed_at is None and not (item.held or item.reported or item.review_of_id):
        queue.close(post, upheld=False)
    db.session.commit()


# --- the safety lead's queue ----------------------------------------------------------------

RECENT_POSTS = 5
ESCALATIONS_SHOWN = 30


@dataclass
class Escalation:
    item: QueueItem
    recent_posts: list[Post] = field(default_factory=list)  # the member's latest, newest first

    @property
    def waiting(self) -> timedelta:
        return clock.now() - aware(self.item.escalated_at)


def escalations() -> list[Escalation]:
    """Escalated possible risk: open ones first, longest waiting first; then those closed, the
    latest first. Each with its member's recent posts; the same few queries however many."""
    items = list(
        db.session.scalars(
            select(QueueItem)
            .where(QueueItem.escalated_at.is_not(None))
            .options(
                joinedload(QueueItem.post).joinedload(Post.thread).lazyload("*"),
                joinedload(QueueItem.member),
            )
            .order_by(
                QueueItem.risk_reviewed_at.is_not(None),
                case((QueueItem.risk_reviewed_at.is_(None), QueueItem.escalated_at)),
                QueueItem.risk_reviewed_at.desc(),
            )
            .limit(ESCALATIONS_SHOWN)
        ).unique()
    )
    found = [Escalation(item) for item in items]
    member_ids = {item.member_id for item in items if item.member_id is not None}
    if member_ids:
        newest = (
            func.row_number()
            .over(partition_by=Post.author_id, order_by=Post.id.desc())
            .label("newest")
        )
        ranked = (
            select(Post.id, newest)
            .where(Post.author_id.in_(member_ids), Post.removed_at.is_(None))
            .subquery()
        )
        posts = db.session.scalars(
            select(Post)
            .join(ranked, ranked.c.id == Post.id)
            .where(ranked.c.newest <= RECENT_POSTS)
            .options(joinedload(Post.thread).lazyload("*"))
            .order_by(Post.id.desc())
        ).unique()
        by_member: dict[int, list[Post]] = {}
        for post in posts:
            by_member.setdefault(post.author_id, []).append(post)
        for escalation in found:
            escalation.recent_posts = by_member.get(escalation.item.member_id, [])
    return found
