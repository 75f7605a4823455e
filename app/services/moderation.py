"""What moderators do: decide about posts, look after threads, remind, warn and suspend
members, and answer requests for review. Every action is logged (app.services.audit), is told to
the member it is about, and ends in one commit.

When something has already changed (another moderator acted first, or the author removed the
post) nothing is done and Conflict says how things stand.
"""

from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import joinedload

from app import clock, permissions
from app.conduct import RULES_BY_KEY, SUSPENSIONS
from app.extensions import db
from app.models import Member, Post, QueueItem, Report, Thread, ThreadTag
from app.models.user import ROLES
from app.names import name_key
from app.services import addresses, audit, discussions, queue, reports
from app.services.errors import Conflict, FieldError, NotFound, PermissionDenied, found
from app.services.reports import tidy_note
from app.timefmt import day

CAUTIONS = {"remind": "A reminder", "warn": "A warning"}
REVIEW_OUTCOMES = {"keep": "Keep the decision", "change": "Withdraw the decision"}


def _require(moderator) -> None:
    if not permissions.can_moderate(moderator):
        raise PermissionDenied


def _require_over(moderator, member: Member) -> None:
    if not permissions.can_act_on_member(moderator, member):
        raise PermissionDenied


def _rule(rule: str | None) -> str:
    if rule not in RULES_BY_KEY:
        raise FieldError("rule", "Choose the rule that was broken")
    return rule


def _words(text: str | None, message: str, field_name: str = "reason") -> str:
    text = tidy_note(text, field_name)
    if not text:
        raise FieldError(field_name, message)
    return text


# --- reading -------------------------------------------------------------------------------


def get_post(post_id: int) -> Post:
    """A post with its thread and the post it answers, for the moderation pages."""
    return found(
        db.session.scalar(
            select(Post)
            .where(Post.id == post_id)
            .options(joinedload(Post.thread), joinedload(Post.reply_to))
        ),
        post_id,
    )


def get_member(member_id: int) -> Member:
    return found(db.session.get(Member, member_id), member_id)


def get_item(item_id: int) -> QueueItem:
    return found(db.session.get(QueueItem, item_id), item_id)


@dataclass
class Author:
    """What a moderator sees of a post's author, or of a member, to judge a case."""

    member: Member | None
    posts_written: int = 0
    shared_today: int = 0
    history: dict[str, int] = field(default_factory=dict)


def author(member: Member | None) -> Author:
    if member is None:
        return Author(None)
    written, shared = db.session.execute(
        select(
            select(func.count(Post.id)).where(Post.author_id == member.id).scalar_subquery(),
            addresses.shared_today(member.id),
        )
    ).one()
    return Author(member, written, shared or 0, audit.history([member.id])[member.id])


@dataclass
class PostCase:
    post: Post
    item: QueueItem | None
    reports: list[Report]
    author: Author


def post_case(post: Post) -> PostCase:
    return PostCase(post, queue.open_item(post), reports.for_post(post), author(post.author))


def open_reviews_about(member: Member) -> list[QueueItem]:
    """Open requests to review a warning or suspension (reviews of posts are with the post)."""
    return list(
        db.session.scalars(
            select(QueueItem)
            .where(
                QueueItem.member_id == member.id,
                QueueItem.post_id.is_(None),
                QueueItem.closed_at.is_(None),
            )
            .options(joinedload(QueueItem.review_of))
            .order_by(QueueItem.id)
        )
    )


# --- posts ---------------------------------------------------------------------------------


def _release(post: Post) -> None:
    """A held post shows to everyone from now, counted in its thread."""
    post.held_at, post.held_for_risk = None, False
    discussions.count_in_thread(post, clock.now())


def approve(moderator, post: Post) -> None:
    _require(moderator)
    if not post.held:
        raise Conflict(
            "This post is not waiting for approval. Another moderator may have "
            "dealt with it already."
        )
    if post.removed:
        raise Conflict(
            "The author removed this post while it waited, so there is nothing to "
            "approve. You can close the item with no action."
        )
    _release(post)
    audit.record(moderator, "approve", member=post.author, post=post)
    queue.close(post, upheld=False)
    db.session.commit()


def hide(moderator, post: Post, *, rule: str | None, reason: str | None) -> None:
    """Hide the post under a rule; the author sees the rule and the reason."""
    _require(moderator)
    if post.removed:
        raise Conflict("The author has removed this post, so there is nothing to hide.")
    if post.hidden and post.hidden_rule:
        raise Conflict("This post is already hidden.")
    rule = _rule(rule)
    reason = _words(reason, "Give a reason. The author will see it")
    post.hidden_at = post.hidden_at or clock.now()
    post.hidden_rule = rule
    audit.record(moderator, "hide", member=post.author, post=post, rule=rule, reason=reason)
    queue.close(post, upheld=True)
    db.session.commit()


def _unhide(post: Post) -> None:
    post.hidden_at = post.hidden_rule = None
    if post.held:
        _release(post)


def restore(moderator, post: Post) -> None:
    _require(moderator)
    if not post.hidden:
        raise Conflict("This post is not hidden.")
    _unhide(post)
    audit.record(moderator, "restore", member=post.author, post=post)
    queue.close(post, upheld=False)
    db.session.commit()


def dismiss(moderator, post: Post) -> None:
    """Close the post's item with no action: its reports are not upheld, a possible risk has been
    looked at. A post hidden only by reports comes back."""
    _require(moderator)
    if queue.open_item(post) is None:
        raise Conflict("Nothing about this post is waiting in the queue.")
    if post.held and not post.removed:
        raise Conflict("This post is waiting for approval: approve it or hide it.")
    if post.hidden and post.hidden_rule is None:
        _unhide(post)
        audit.record(moderator, "restore", member=post.author, post=post)
    else:
        audit.record(moderator, "dismiss", member=post.author, post=post)
    queue.close(post, upheld=False)
    db.session.commit()


# --- threads -------------------------------------------------------------------------------


def set_locked(moderator, thread: Thread, locked: bool) -> None:
    _require(moderator)
    if thread.locked == locked:
        raise Conflict(f"This thread is already {'locked' if locked else 'unlocked'}.")
    thread.locked = locked
    audit.record(moderator, "lock" if locked else "unlock", member=thread.author, thread=thread)
    db.session.commit()


def set_pinned(moderator, thread: Thread, pinned: bool) -> None:
    """A pinned thread heads its space, newest pin first."""
    if not permissions.can_pin(moderator):
        raise PermissionDenied
    if (thread.pinned_at is not None) == pinned:
        raise Conflict(f"This thread is already {'pinned' if pinned else 'not pinned'}.")
    thread.pinned_at = clock.now() if pinned else None
    audit.record(moderator, "pin" if pinned else "unpin", member=thread.author, thread=thread)
    db.session.commit()


def edit_thread(
    moderator, thread: Thread, *, title: str | None, tags, reason: str | None = None
) -> None:
    _require(moderator)
    title, tags = discussions.clean_title(title), discussions.clean_tags(tags)
    changed = [
        name
        for name, is_changed in (
            ("title", title != thread.title),
            ("conditions", tags != thread.tag_names),
        )
        if is_changed
    ]
    if not changed:
        raise FieldError("title", "Change the title or the conditions before saving")
    thread.title = title
    kept = [t for t in thread.tags if t.tag in tags]
    thread.tags = kept + [ThreadTag(tag=t) for t in tags if t not in {k.tag for k in kept}]
    audit.record(
        moderator,
        "edit-thread",
        member=thread.author,
        thread=thread,
        reason=tidy_note(reason) or None,
        detail="Changed the " + " and ".join(changed),
    )
    db.session.commit()


def move_thread(
    moderator, thread: Thread, *, space_slug: str | None, reason: str | None = None
) -> None:
    _require(moderator)
    try:
        space = discussions.space_by_slug(space_slug or "")
    except NotFound:
        raise FieldError("space", "Choose the space to move the thread to") from None
    if space.id == thread.space_id:
        raise FieldError("space", f"The thread is already in {space.name}")
    detail = f"From {thread.space.name} to {space.name}"
    thread.space = space
    audit.record(
        moderator,
        "move-thread",
        member=thread.author,
        thread=thread,
        reason=tidy_note(reason) or None,
        detail=detail,
    )
    db.session.commit()


# --- members -------------------------------------------------------------------------------


def caution(
    moderator, member: Member, *, level: str | None, rule: str | None, message: str | None
) -> None:
    """A reminder or a warning, with a message the member sees on their next visit."""
    _require_over(moderator, member)
    if level not in CAUTIONS:
        raise FieldError("level", "Choose a reminder or a warning")
    rule = _rule(rule)
    message = _words(message, "Write the message the member will see", "message")
    audit.record(moderator, level, member=member, rule=rule, reason=message)
    db.session.commit()


def suspend(
    moderator, member: Member, *, length: str | None, rule: str | None, reason: str | None
) -> None:
    """The member can read but not take part, until the end of the suspension; every session
    they have ends now."""
    _require_over(moderator, member)
    if length not in SUSPENSIONS:
        raise FieldError("length", "Choose how long the suspension lasts")
    rule = _rule(rule)
    reason = _words(reason, "Give a reason. The member will see it")
    _label, duration = SUSPENSIONS[length]
    if duration is None:
        member.suspended_until, member.suspended_for_good = None, True
        detail = "For good"
    else:
        member.suspended_until, member.suspended_for_good = clock.now() + duration, False
        detail = f"Until {day(member.suspended_until)}"
    member.session_version = Member.session_version + 1
    audit.record(moderator, "suspend", member=member, rule=rule, reason=reason, detail=detail)
    db.session.commit()


def _lift(member: Member) -> None:
    member.suspended_until, member.suspended_for_good = None, False


def end_suspension(moderator, member: Member, *, reason: str | None = None) -> None:
    _require_over(moderator, member)
    if not member.is_suspended:
        raise Conflict(f"{member.name} is not suspended.")
    _lift(member)
    audit.record(moderator, "unsuspend", member=member, reason=tidy_note(reason) or None)
    db.session.commit()


# --- reviews -------------------------------------------------------------------------------


def review(moderator, item: QueueItem, *, outcome: str | None, reason: str | None) -> None:
    """Answer a member's request to look again at a decision: keep it, or withdraw it (a hidden
    post comes back, a suspension ends)."""
    _require(moderator)
    decision = item.review_of
    if item.closed_at is not None or decision is None:
        raise Conflict("This request has already been answered.")
    if outcome not in REVIEW_OUTCOMES:
        raise FieldError("outcome", "Choose whether to keep or withdraw the decision")
    reason = _words(reason, "Tell the member why. They will see it")
    member, post = decision.target_member, decision.post
    if outcome == "change":
        if decision.action == "hide" and post is not None and post.hidden:
            _unhide(post)
        elif decision.action == "suspend" and member is not None and member.is_suspended:
            _lift(member)
    audit.record(
        moderator,
        "keep-decision" if outcome == "keep" else "withdraw",
        member=member,
        post=post,
        rule=decision.rule,
        reason=reason,
        detail=audit.ACTIONS[decision.action],
    )
    queue.close(item.post, item=item, upheld=outcome == "keep")
    db.session.commit()


# --- roles (from the command line) ---------------------------------------------------------


def set_safety_lead(name: str, safety_lead: bool) -> Member:
    """Make the member called name a safety lead (a moderator first, if they are a member), or
    stop them being one; logged as from the command line."""
    member = db.session.scalar(select(Member).where(Member.name_key == name_key(name or "")))
    if member is None:
        raise NotFound(name)
    if member.safety_lead == safety_lead:
        raise Conflict(f"{member.name} is {'already' if safety_lead else 'not'} a safety lead.")
    if safety_lead and member.role == "member":
        member.role = "moderator"
    member.safety_lead = safety_lead
    audit.record(
        None,
        "role",
        member=member,
        detail="Made a safety lead" if safety_lead else "No longer a safety lead",
    )
    db.session.commit()
    return member


def set_role(name: str, role: str) -> Member:
    """Make the member called name a member, moderator or admin; logged as from the command line."""
    if role not in ROLES:
        raise ValueError(role)
    member = found(
        db.session.scalar(select(Member).where(Member.name_key == name_key(name or ""))), name
    )
    if member.role == role:
        raise Conflict(f"{member.name} is already {'an' if role == 'admin' else 'a'} {role}.")
    detail = f"From {member.role} to {role}"
    member.role = role
    if role == "member":
        member.safety_lead = False
    audit.record(None, "role", member=member, detail=detail)
    db.session.commit()
    return member
