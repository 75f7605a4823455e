"""The moderation queue: what is waiting for a moderator, possible risk first, then oldest first.

There is at most one open item per post, whatever brought it there: a held first post, a phrase
that may mean risk, reports, or its author asking for a review. A review of a warning or a
suspension is an item about the member alone.
"""

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from statistics import median

from sqlalchemy import and_, case, func, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import joinedload

from app import clock
from app.extensions import db
from app.models import ModerationAction, Post, QueueItem, Report
from app.services import addresses, audit
from app.services.paging import Page, page_number
from app.timefmt import aware

ITEMS_PER_PAGE = 20
EXCERPT = 280  # characters of a post shown in the queue


def open_item(post: Post) -> QueueItem | None:
    return db.session.scalar(
        select(QueueItem).where(QueueItem.post_id == post.id, QueueItem.closed_at.is_(None))
    )


def _item_for(post: Post) -> QueueItem:
    item = open_item(post)
    if item is not None:
        return item
    item = QueueItem(post_id=post.id, member_id=post.author_id, opened_at=clock.now())
    try:
        with db.session.begin_nested():
            db.session.add(item)
    except IntegrityError:  # another request opened the item a moment ago
        return open_item(post)
    return item


def flag(
    post: Post,
    *,
    held: bool = False,
    risk=(),
    reported: bool = False,
    review_of: ModerationAction | None = None,
    review_note: str | None = None,
) -> QueueItem:
    """Put the post in the queue, or add a reason to its open item. In the caller's transaction."""
    item = _item_for(post)
    item.held = item.held or held
    item.reported = item.reported or reported
    if risk:
        item.priority = QueueItem.RISK
        known = [p for p in (item.risk_phrases or "").split(", ") if p]
        item.risk_phrases = ", ".join(dict.fromkeys([*known, *risk]))[:300]
    if review_of is not None:
        item.review_of_id, item.review_note = review_of.id, review_note
    return item


def ask_about_member(member, decision: ModerationAction, note: str) -> QueueItem:
    """A review of a decision about the member that concerns no post (a warning, a suspension)."""
    item = QueueItem(
        member_id=member.id, review_of_id=decision.id, review_note=note, opened_at=clock.now()
    )
    db.session.add(item)
    return item


def close(post: Post | None = None, *, item: QueueItem | None = None, upheld: bool) -> None:
    """A moderator has decided: close the post's open item and settle its open reports."""
    now = clock.now()
    if item is not None:
        item.closed_at = now
    if post is None:
        return
    db.session.execute(
        update(QueueItem)
        .where(QueueItem.post_id == post.id, QueueItem.closed_at.is_(None))
        .values(closed_at=now)
        .execution_options(synchronize_session=False)
    )
    db.session.execute(
        update(Report)
        .where(Report.post_id == post.id, Report.resolved_at.is_(None))
        .values(resolved_at=now, outcome="upheld" if upheld else "dismissed", address_hash=None)
        .execution_options(synchronize_session=False)
    )


# --- reading -------------------------------------------------------------------------------

# What the queue shows: open items, and possible risk until someone marks it reviewed even once
# its post has been approved or hidden.
WAITING = or_(
    QueueItem.closed_at.is_(None),
    and_(QueueItem.priority == QueueItem.RISK, QueueItem.risk_reviewed_at.is_(None)),
)


@dataclass
class Counts:
    total: int = 0
    risk: int = 0
    held: int = 0
    reported: int = 0
    reviews: int = 0
    oldest: datetime | None = None  # when the item waiting longest arrived


def open_counts() -> Counts:
    def how_many(condition):
        return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)

    is_open = QueueItem.closed_at.is_(None)
    row = db.session.execute(
        select(
            func.count(QueueItem.id),
            how_many(QueueItem.priority == QueueItem.RISK),
            how_many(and_(is_open, QueueItem.held)),
            how_many(and_(is_open, QueueItem.reported)),
            how_many(and_(is_open, QueueItem.review_of_id.is_not(None))),
            func.min(QueueItem.opened_at),
        ).where(WAITING)
    ).one()
    return Counts(*row)


@dataclass
class Health:
    """How the queue keeps up with possible risk: for items opened in the last HEALTH_DAYS days,
    the median time from arriving to a moderator's first action. (The oldest item waiting is
    in Counts.)"""

    median_first_look: timedelta | None
    risk_looked_at: int  # how many the median is of
    risk_not_looked_at: int


HEALTH_DAYS = 7


def health(now: datetime | None = None) -> Health:
    now = now or clock.now()
    rows = db.session.execute(
        select(QueueItem.opened_at, QueueItem.first_looked_at).where(
            QueueItem.priority == QueueItem.RISK,
            QueueItem.opened_at >= now - timedelta(days=HEALTH_DAYS),
        )
    ).all()
    waits = [aware(looked) - aware(opened) for opened, looked in rows if looked is not None]
    return Health(median(waits) if waits else None, len(waits), len(rows) - len(waits))


@dataclass
class Entry:
    """One item as the queue shows it."""

    item: QueueItem
    shared_today: int
    posts_written: int
    reasons: dict[str, int] = field(default_factory=dict)  # report reason -> open reports
    history: dict[str, int] = field(default_factory=dict)  # action -> times, about the author

    @property
    def report_count(self) -> int:
        return sum(self.reasons.values())


def _posts_written(member_id):
    return (
        select(func.count(Post.id))
        .where(Post.author_id == member_id)
        .correlate(QueueItem)
        .scalar_subquery()
    )


def open_reasons(post_ids) -> dict[int, dict[str, int]]:
    """For each post, its open reports counted by reason."""
    found: dict[int, dict[str, int]] = {post_id: {} for post_id in post_ids}
    if not post_ids:
        return found
    rows = db.session.execute(
        select(Report.post_id, Report.reason, func.count(Report.id))
        .where(Report.post_id.in_(post_ids), Report.resolved_at.is_(None))
        .group_by(Report.post_id, Report.reason)
    )
    for post_id, reason, count in rows:
        found[post_id][reason] = count
    return found


def queue_page(page: int = 1) -> tuple[Page, Counts]:
    """A page of open items in the order to look at them, each with what a moderator needs to
    decide: the reasons, the post in its thread, and a summary of the author's history. The
    same few queries however long the queue is."""
    counts = open_counts()
    number, pages = page_number(page, counts.total, ITEMS_PER_PAGE)
    rows = (
        db.session.execute(
            select(
                QueueItem,
                addresses.shared_today(QueueItem.member_id),
                _posts_written(QueueItem.member_id),
            )
            .where(WAITING)
            .options(
                joinedload(QueueItem.post)
                .joinedload(Post.thread)
                .lazyload("*"),  # only the title is shown: not its space, author or tags
                joinedload(QueueItem.member),
                joinedload(QueueItem.review_of),
            )
            .order_by(QueueItem.priority, QueueItem.opened_at, QueueItem.id)
            .limit(ITEMS_PER_PAGE)
            .offset((number - 1) * ITEMS_PER_PAGE)
        )
        .unique()
        .all()
    )
    entries = [Entry(item, shared or 0, written or 0) for item, shared, written in rows]
    reasons = open_reasons([e.item.post_id for e in entries if e.item.post_id])
    history = audit.history(e.item.member_id for e in entries)
    for entry in entries:
        entry.reasons = reasons.get(entry.item.post_id, {})
        entry.history = history.get(entry.item.member_id, {})
    return Page(entries, number, pages), counts


def excerpt(post: Post) -> str:
    text = " ".join(post.body.split())
    return text if len(text) <= EXCERPT else text[:EXCERPT].rsplit(" ", 1)[0] + "…"
