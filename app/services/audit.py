"""The moderation log: every moderation action, who took it, when, on what and why.

Entries are only ever added (there is no code that changes or removes one). The member an action
is about sees it among their decisions, marked unread until they open them.
"""

from sqlalchemy import func, select, update
from sqlalchemy.orm import joinedload

from app.extensions import db
from app.models import Member, ModerationAction, Post, Thread
from app.services.paging import Page, page_number

ACTIONS = {
    "approve": "Approved a held post",
    "hide": "Hid a post",
    "auto-hide": "Hid a post after reports",
    "restore": "Restored a post",
    "dismiss": "Closed with no action",
    "lock": "Locked a thread",
    "unlock": "Unlocked a thread",
    "edit-thread": "Edited a thread",
    "move-thread": "Moved a thread",
    "remind": "Sent a reminder",
    "warn": "Sent a warning",
    "suspend": "Suspended a member",
    "unsuspend": "Ended a suspension",
    "keep-decision": "Looked again and kept a decision",
    "withdraw": "Looked again and withdrew a decision",
    "role": "Changed a member's role",
    "check-in": "Sent a check-in message",
    "content-note": "Set a content note",
    "escalate": "Escalated to the safety lead",
    "risk-reviewed": "Marked a possible risk reviewed",
    "pin": "Pinned a thread",
    "unpin": "Unpinned a thread",
    "member-note": "Added a private note",
}
# Taken by the site itself, or from the command line, rather than by a moderator on the site.
ACTORS_WITHOUT_ACCOUNT = {"auto-hide": "Automatic", "role": "Command line"}
# Actions the member they are about is told of, on their next page. A check-in reaches them as
# a message instead (app.services.messages), never as a decision.
TOLD_TO_MEMBER = frozenset(ACTIONS) - {
    "dismiss",
    "role",
    "check-in",
    "escalate",
    "risk-reviewed",
    "pin",
    "unpin",
    "member-note",
}
# What counts towards a member's history in the moderation queue, as "2 warnings".
HISTORY = {
    "hide": ("post hidden", "posts hidden"),
    "auto-hide": ("post hidden after reports", "posts hidden after reports"),
    "remind": ("reminder", "reminders"),
    "warn": ("warning", "warnings"),
    "suspend": ("suspension", "suspensions"),
}
LOG_PAGE_SIZE = 50


def record(
    actor,
    action: str,
    *,
    member: Member | None = None,
    post: Post | None = None,
    thread: Thread | None = None,
    rule: str | None = None,
    reason: str | None = None,
    detail: str | None = None,
) -> ModerationAction:
    """Add an entry, in the caller's transaction."""
    if action not in ACTIONS:
        raise ValueError(action)
    if post is not None and thread is None:
        thread = post.thread
    entry = ModerationAction(
        actor_id=actor.id if actor is not None else None,
        action=action,
        target_member_id=member.id if member is not None else None,
        post_id=post.id if post is not None else None,
        thread_id=thread.id if thread is not None else None,
        rule=rule,
        reason=reason,
        detail=detail,
    )
    db.session.add(entry)
    if member is not None and action in TOLD_TO_MEMBER and member is not actor:
        db.session.execute(
            update(Member)
            .where(Member.id == member.id)
            .values(unseen_decisions=Member.unseen_decisions + 1)
        )
    return entry


def actor_name(entry: ModerationAction) -> str:
    if entry.actor is not None:
        return entry.actor.name
    return ACTORS_WITHOUT_ACCOUNT.get(entry.action, "A former member")


def _with_names(query):
    return query.options(
        joinedload(ModerationAction.actor),
        joinedload(ModerationAction.target_member),
        joinedload(ModerationAction.thread).lazyload("*"),  # only its title is shown
    )


def log_page(page: int = 1) -> Page:
    """Newest first, LOG_PAGE_SIZE to a page."""
    total = db.session.scalar(select(func.count(ModerationAction.id)))
    number, pages = page_number(page, total, LOG_PAGE_SIZE)
    entries = list(
        db.session.scalars(
            _with_names(select(ModerationAction))
            .order_by(ModerationAction.id.desc())
            .limit(LOG_PAGE_SIZE)
            .offset((number - 1) * LOG_PAGE_SIZE)
        ).unique()
    )
    return Page(entries, number, pages)


def about_member(member_id: int, limit: int = LOG_PAGE_SIZE) -> list[ModerationAction]:
    """The latest entries about one member, newest first."""
    return list(
        db.session.scalars(
            _with_names(select(ModerationAction))
            .where(ModerationAction.target_member_id == member_id)
            .order_by(ModerationAction.id.desc())
            .limit(limit)
        ).unique()
    )


def history_words(history: dict[str, int]) -> str:
    parts = [f"{count} {HISTORY[action][count != 1]}" for action, count in history.items()]
    return ", ".join(parts) if parts else "none"


def history(member_ids) -> dict[int, dict[str, int]]:
    """For each member, how many times each kind of action in HISTORY was taken about them."""
    ids = {i for i in member_ids if i is not None}
    found: dict[int, dict[str, int]] = {i: {} for i in ids}
    if not ids:
        return found
    rows = db.session.execute(
        select(
            ModerationAction.target_member_id,
            ModerationAction.action,
            func.count(ModerationAction.id),
        )
        .where(
            ModerationAction.target_member_id.in_(ids), ModerationAction.action.in_(list(HISTORY))
        )
        .group_by(ModerationAction.target_member_id, ModerationAction.action)
    )
    for member_id, action, count in rows:
        found[member_id][action] = count
    return found
