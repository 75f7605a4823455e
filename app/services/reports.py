"""Members reporting posts, and posts hidden when enough members report them.

A report names the rule the post breaks (or says the reporter is worried about its author) with
an optional note. The author is never told who reported it. Every report reaches the moderation
queue, but only reports that carry weight count towards hiding a post before a moderator looks:
from established members (ESTABLISHED_MEMBER_DAYS old, with ESTABLISHED_MEMBER_POSTS posts
others can see), each connection counted once. So throwaway guests, or several accounts on one
connection, cannot hide a post; REPORTS_TO_HIDE such reports hide it until a moderator looks.

To tell connections apart a report keeps the reporter's keyed hash of their network for that day
(app.security.ip_hash), never an address. It is erased when the report is settled, when its
reporter is deleted, and once the day is over (the next time anyone reports): the day's key
changes, so it could not be compared with later reports anyway.
"""

from datetime import UTC, datetime, time, timedelta

from flask import current_app
from sqlalchemy import String, cast, func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import joinedload

from app import clock, permissions
from app.conduct import OTHER, REPORT_REASONS, WORRIED, reason_label
from app.extensions import db
from app.models import Member, Post, Report
from app.services import addresses, audit, queue
from app.services.errors import FieldError, PermissionDenied
from app.timefmt import iso_utc

NOTE_MAX = 1000
ALREADY_REPORTED = (
    "You have already reported this post. A moderator will look at it: you do "
    "not need to report it again"
)
WORRIED_FLAG = "a member is worried about them"


def tidy_note(note: str | None, field: str = "note", limit: int = NOTE_MAX) -> str:
    note = (note or "").replace("\r\n", "\n").strip()
    if len(note) > limit:
        raise FieldError(field, f"Keep this to {limit:,} characters or fewer: it has {len(note):,}")
    return note


def open_report(member, post: Post) -> Report | None:
    return db.session.scalar(
        select(Report).where(
            Report.post_id == post.id, Report.reporter_id == member.id, Report.resolved_at.is_(None)
        )
    )


def report(
    member,
    post: Post,
    *,
    reason: str | None,
    note: str | None = None,
    address_hash: str | None = None,
) -> Report:
    if not permissions.can_report(member, post):
        raise PermissionDenied
    if reason not in REPORT_REASONS:
        raise FieldError("reason", "Choose the rule this post breaks, or another reason")
    note = tidy_note(note)
    if reason == OTHER and not note:
        raise FieldError("note", "Tell us what is wrong with this post")
    if open_report(member, post) is not None:
        raise FieldError("reason", ALREADY_REPORTED)
    _forget_earlier_days()
    made = Report(
        post_id=post.id,
        reporter_id=member.id,
        reason=reason,
        note=note or None,
        created_at=clock.now(),
        address_hash=address_hash,
    )
    try:
        with db.session.begin_nested():
            db.session.add(made)
    except IntegrityError:  # the same report sent twice at once
        raise FieldError("reason", ALREADY_REPORTED) from None
    queue.flag(post, reported=True, risk=(WORRIED_FLAG,) if reason == WORRIED else ())
    addresses.note(member, address_hash)
    _hide_if_reported_enough(post)
    db.session.commit()
    return made


def _forget_earlier_days() -> None:
    began = datetime.combine(clock.now().date(), time.min, tzinfo=UTC)
    db.session.execute(
        update(Report)
        .where(Report.address_hash.is_not(None), Report.created_at < began)
        .values(address_hash=None)
        .execution_options(synchronize_session=False)
    )


def established_condition():
    """A condition on Member: their reports carry weight (see the module's docstring)."""
    config = current_app.config
    shown = (
        select(func.count(Post.id))
        .where(
            Post.author_id == Member.id,
            Post.removed_at.is_(None),
            Post.hidden_at.is_(None),
            Post.held_at.is_(None),
        )
        .scalar_subquery()
    )
    old_enough = clock.now() - timedelta(days=config["ESTABLISHED_MEMBER_DAYS"])
    return (Member.created_at <= old_enough) & (shown >= config["ESTABLISHED_MEMBER_POSTS"])


def _hide_if_reported_enough(post: Post) -> None:
    needed = current_app.config["REPORTS_TO_HIDE"]
    if needed <= 0 or post.hidden:
        return
    # One per connection; a report whose day is over (its hash erased) stands for its reporter.
    source = func.coalesce(Report.address_hash, cast(Report.reporter_id, String))
    weighty = db.session.scalar(
        select(func.count(func.distinct(source)))
        .join(Member, Member.id == Report.reporter_id)
        .where(
            Report.post_id == post.id,
            Report.resolved_at.is_(None),
            Report.reason != WORRIED,
            established_condition(),
        )
    )
    if weighty >= needed:
        post.hidden_at = clock.now()
        post.hidden_rule = None
        audit.record(
            None,
            "auto-hide",
            member=post.author,
            post=post,
            detail=f"{weighty} established members reported it",
        )


def for_post(post: Post) -> list[Report]:
    """The post's open reports, oldest first, with who sent them (for moderators only)."""
    return list(
        db.session.scalars(
            select(Report)
            .where(Report.post_id == post.id, Report.resolved_at.is_(None))
            .options(joinedload(Report.reporter))
            .order_by(Report.id)
        )
    )


# What a reporter hears back: whether a moderator acted, never who or what was done to whom.
OUTCOME_WORDS = {
    None: "Waiting for a moderator to look.",
    "upheld": "A moderator looked and took action.",
    "dismissed": "A moderator looked and decided no action was needed.",
}


def made_by(member, limit: int = 50) -> list[Report]:
    """The member's own reports, newest first, each with its post's thread (for its title)."""
    if not permissions.is_member(member):
        raise PermissionDenied
    return list(
        db.session.scalars(
            select(Report)
            .where(Report.reporter_id == member.id)
            .options(
                joinedload(Report.post).joinedload(Post.thread).lazyload("*"),
                joinedload(Report.post).lazyload(Post.author),
            )
            .order_by(Report.id.desc())
            .limit(limit)
        ).unique()
    )


def export(member) -> list[dict]:
    """The reports the member made, for "download my data"."""
    made = db.session.scalars(
        select(Report).where(Report.reporter_id == member.id).order_by(Report.id)
    )
    return [
        {
            "post_id": r.post_id,
            "reason": reason_label(r.reason) or r.reason,
            "note": r.note,
            "made": iso_utc(r.created_at),
            "outcome": r.outcome or "waiting for a moderator",
        }
        for r in made
    ]


def forget(member) -> None:
    """Before a member is deleted: their report notes are their words, so they go, with the
    hash of their connection; the reports stay, unlinked, so a post's moderation still adds up.
    The caller commits."""
    db.session.execute(
        update(Report)
        .where(Report.reporter_id == member.id)
        .values(note=None, address_hash=None)
        .execution_options(synchronize_session=False)
    )
