"""What happens to a post as it is written.

A new member's first posts (HOLD_FIRST_POSTS, 0 for none) wait for a moderator before others see
them. Phrases from content/safety/risk-phrases.txt put the post at the top of the moderation
queue marked "possible risk"; it stays visible, and its author is offered help straight away.
"""

from dataclasses import dataclass

from flask import current_app
from sqlalchemy import func, select

from app import permissions
from app.extensions import db
from app.models import Post
from app.services import queue


@dataclass(frozen=True)
class Screening:
    held: bool = False
    risk: tuple[str, ...] = ()
    edited: bool = False


def must_hold(member, *, editing: Post | None = None) -> bool:
    """Whether the member's next post waits: they have fewer approved posts than the setting.

    editing: a post of theirs being changed. Its approval was for the words it had, so it is not
    counted: an edit waits whenever the member would still be held without it.
    """
    needed = current_app.config["HOLD_FIRST_POSTS"]
    if needed <= 0 or permissions.can_moderate(member):
        return False
    approved = select(func.count(Post.id)).where(Post.author_id == member.id,
                                                  Post.held_at.is_(None))
    if editing is not None:
        approved = approved.where(Post.id != editing.id)
    return db.session.scalar(approved) < needed


def screen(post: Post, text: str, *, edited: bool = False, held_again: bool = False) -> Screening:
    """Queue the just-written (or edited) post if it is held or may mean risk, in the caller's
    transaction. An edit is looked at for risk, and is held only when it put an approved post
    back on hold (held_again); one still waiting is already in the queue."""
    risk = current_app.extensions["risk_phrases"].find(text)
    found = Screening(held=(post.held and not edited) or held_again, risk=tuple(risk),
                      edited=edited)
    if found.held or found.risk:
        queue.flag(post, held=found.held, risk=found.risk)
    post.screening = found
    return found
