"""Moderation decisions as the member they are about sees them, and asking for a review.

Members see what was decided about their posts and account, under which rule and why, but never
who reported them or which moderator it was. Asking for a review puts the decision back in the
moderation queue with the member's words.
"""

from sqlalchemy import and_, case, select, update
from sqlalchemy.orm import joinedload

from app import clock, permissions
from app.conduct import reason_label
from app.extensions import db
from app.models import ModerationAction, QueueItem
from app.services import audit, queue
from app.services.errors import FieldError, PermissionDenied, found
from app.services.reports import tidy_note
from app.timefmt import iso_utc

SHOWN = 50
# What each decision means for the member, in their words.
WORDING = {
    "approve": "A moderator approved your post. Everyone can see it now.",
    "hide": "A moderator hid your post. Only you and the moderators can see it.",
    "auto-hide": "Your post is hidden because several members reported it. A moderator will "
    "look at it and decide whether it comes back.",
    "restore": "A moderator restored your post. Everyone can see it again.",
    "lock": "A moderator locked your thread, so it takes no new replies.",
    "unlock": "A moderator unlocked your thread, so it takes replies again.",
    "edit-thread": "A moderator changed the title or conditions of your thread.",
    "move-thread": "A moderator moved your thread to another space.",
    "remind": "A moderator sent you a reminder about the code of conduct.",
    "warn": "A moderator sent you a warning.",
    "suspend": "A moderator suspended your account. You can still read, but you cannot post, "
    "reply, react or report.",
    "unsuspend": "A moderator ended your suspension. You can take part again.",
    "keep-decision": "A moderator looked again at a decision, as you asked, and kept it.",
    "withdraw": "A moderator looked again at a decision, as you asked, and withdrew it.",
    "content-note": "A moderator set the content note on your post, so that readers can choose "
    "whether to open it. This is not a sanction: your words are as you wrote "
    "them.",
}


def _theirs(member):
    return (
        select(ModerationAction)
        .where(
            ModerationAction.target_member_id == member.id,
            ModerationAction.action.in_(audit.TOLD_TO_MEMBER),
        )
        .options(joinedload(ModerationAction.thread).lazyload("*"))
    )


def for_member(member, limit: int = SHOWN) -> list[ModerationAction]:
    """The latest decisions about the member, newest first."""
    return list(
        db.session.scalars(
            _theirs(member).order_by(ModerationAction.id.desc()).limit(limit)
        ).unique()
    )


def unseen(member) -> list[ModerationAction]:
    """Decisions the member has not read yet (none asked of the database when there are none)."""
    if not permissions.is_member(member) or not member.unseen_decisions:
        return []
    return for_member(member, limit=min(member.unseen_decisions, 5))


def mark_seen(member) -> None:
    if member.unseen_decisions:
        member.unseen_decisions = 0
        db.session.commit()


def latest(member, action: str) -> ModerationAction | None:
    return db.session.scalar(
        _theirs(member)
        .where(ModerationAction.action == action)
        .order_by(ModerationAction.id.desc())
        .limit(1)
    )


def get(member, decision_id: int) -> ModerationAction:
    return found(
        db.session.scalar(_theirs(member).where(ModerationAction.id == decision_id)), decision_id
    )


def open_review(decision: ModerationAction) -> QueueItem | None:
    return db.session.scalar(
        select(QueueItem).where(
            QueueItem.review_of_id == decision.id, QueueItem.closed_at.is_(None)
        )
    )


def request_review(member, decision: ModerationAction, note: str | None) -> QueueItem:
    if not permissions.can_ask_for_review(member, decision):
        raise PermissionDenied
    note = tidy_note(note)
    if not note:
        raise FieldError("note", "Tell the moderators why the decision should change")
    if open_review(decision) is not None:
        raise FieldError(
            "note",
            "You have already asked for a review of this decision. A "
            "moderator will answer on your decisions page",
        )
    if decision.post is not None:
        item = queue.flag(decision.post, review_of=decision, review_note=note)
    else:
        item = queue.ask_about_member(member, decision, note)
    db.session.commit()
    return item


def export(member) -> list[dict]:
    """Every decision about the member, for "download my data"."""
    return [
        {
            "decision": WORDING[entry.action],
            "rule": reason_label(entry.rule) or None,
            "reason": entry.reason,
            "detail": entry.detail,
            "post_id": entry.post_id,
            "made": iso_utc(entry.created_at),
        }
        for entry in reversed(for_member(member, limit=None))
    ]


def export_reviews(member) -> list[dict]:
    """The reviews the member asked for, with their words."""
    items = db.session.scalars(
        select(QueueItem)
        .join(ModerationAction, QueueItem.review_of_id == ModerationAction.id)
        .where(ModerationAction.target_member_id == member.id, QueueItem.review_note.is_not(None))
        .order_by(QueueItem.id)
    )
    return [
        {
            "decision_id": item.review_of_id,
            "note": item.review_note,
            "asked": iso_utc(item.opened_at),
            "answered": iso_utc(item.closed_at),
        }
        for item in items
    ]


def forget(member) -> None:
    """Before a member is deleted: their words asking for reviews go, and reviews of decisions
    about them alone are closed. The caller commits."""
    about_them = select(ModerationAction.id).where(ModerationAction.target_member_id == member.id)
    db.session.execute(
        update(QueueItem)
        .where(QueueItem.review_of_id.in_(about_them))
        .values(
            review_note=None,
            review_of_id=None,
            closed_at=case(
                (and_(QueueItem.post_id.is_(None), QueueItem.closed_at.is_(None)), clock.now()),
                else_=QueueItem.closed_at,
            ),
        )
        .execution_options(synchronize_session=False)
    )
