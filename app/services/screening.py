"""What happens to a post as it is written.

A new member's first posts (HOLD_FIRST_POSTS, 0 for none) wait for a moderator before others see
them. Phrases from content/safety/risk-phrases.txt put the post at the top of the moderation
queue marked "possible risk", and its author is offered help straight away. Within moderation
hours it stays visible; outside them it waits for a moderator too (app.moderation_hours says
why).
"""

from collections.abc import Iterable
from dataclasses import dataclass

from flask import current_app
from sqlalchemy import func, select

from app import clock, moderation_hours, permissions
from app.extensions import db
from app.models import Member, Post
from app.services import queue


@dataclass(frozen=True)
class Screening:
    held: bool = False  # a new member's post, waiting for approval
    risk: tuple[str, ...] = ()
    edited: bool = False
    held_for_risk: bool = False  # may mean risk, written outside moderation hours
    post_id: int | None = None
    content_note: str | None = None

    @property
    def waits(self) -> bool:
        return self.held or self.held_for_risk

    @property
    def note_suggestion(self) -> str | None:
        """A content note to offer the writer of possible risk who gave none (never required)."""
        if not self.risk or self.content_note:
            return None
        return suggest_content_note(self.risk)


# Content notes offered for what risk phrases were found, first match first; else the last.
NOTE_FOR_PHRASES = (
    (("harm",), "Self-harm"),
    (
        (
            "suicid",
            "kill",
            "end my life",
            "ending my life",
            "end it all",
            "ending it all",
            "my own life",
            "take my life",
            "overdos",
            "tablets",
        ),
        "Thoughts of suicide",
    ),
)
OTHER_NOTE = "Feeling very low"


def suggest_content_note(phrases: Iterable[str]) -> str:
    for words, note in NOTE_FOR_PHRASES:
        if any(word in phrase for phrase in phrases for word in words):
            return note
    return OTHER_NOTE


def must_hold(member: Member, *, editing: Post | None = None) -> bool:
    """Whether the member's next post waits: they have fewer approved posts than the setting.

    editing: a post of theirs being changed. Its approval was for the words it had, so it is not
    counted: an edit waits whenever the member would still be held without it.
    """
    needed = current_app.config["HOLD_FIRST_POSTS"]
    if needed <= 0 or permissions.can_moderate(member):
        return False
    approved = select(func.count(Post.id)).where(
        Post.author_id == member.id, Post.held_at.is_(None)
    )
    if editing is not None:
        approved = approved.where(Post.id != editing.id)
    return bool(db.session.scalar(approved) < needed)


def screen(post: Post, text: str, *, edited: bool = False, held_again: bool = False) -> Screening:
    """Queue the just-written (or edited) post if it is held or may mean risk, in the caller's
    transaction. An edit is looked at for risk, and is held only when it put an approved post
    back on hold (held_again); one still waiting is already in the queue. Outside moderation
    hours a new post that may mean risk waits for a moderator too."""
    risk = tuple(current_app.extensions["risk_phrases"].find(text))
    # Only a new post waits for risk: an edit is of words others may have read already.
    for_risk = (
        bool(risk)
        and not edited
        and not post.held
        and not permissions.can_moderate(post.author)
        and not moderation_hours.open_now()
    )
    if for_risk:
        post.held_at, post.held_for_risk = clock.now(), True
    found = Screening(
        held=(post.held and not edited and not for_risk) or held_again,
        risk=risk,
        edited=edited,
        held_for_risk=for_risk,
        post_id=post.id,
        content_note=post.content_note,
    )
    if found.held or found.risk:
        queue.flag(post, held=found.held, risk=found.risk)
    post.screening = found
    return found


@dataclass(frozen=True)
class Preview:
    """What to tell a writer on Preview, before anything is sent."""

    note_offer: str | None = None  # a content note to suggest
    would_wait: bool = False  # sent now, it would wait for a moderator (out of hours)


def on_preview(member: Member, text: str, content_note: str | None) -> Preview:
    risk = current_app.extensions["risk_phrases"].find(text)
    if not risk:
        return Preview()
    note = None if content_note and content_note.strip() else suggest_content_note(risk)
    waits = not permissions.can_moderate(member) and not moderation_hours.open_now()
    return Preview(note, waits)
