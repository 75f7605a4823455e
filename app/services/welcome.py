"""Welcome threads: in each space, a pinned thread from the site team saying what the space is
for, how to start, and the rules in one line. The words are in content/welcome/<space>.md.

The site team is one account, "The CommonGround team", that nobody can sign in to (its recovery
phrase is never shown to anyone) and no member can take the name of (app.names reserves it).
"""

from dataclasses import dataclass, field
from datetime import UTC, datetime

from sqlalchemy import select

from app import credentials
from app.extensions import db
from app.models import Member, Thread
from app.names import name_key, name_skeleton
from app.services import audit, discussions

TEAM_NAME = "The CommonGround team"


@dataclass
class Made:
    added: list[str] = field(default_factory=list)  # space slugs
    already: list[str] = field(default_factory=list)
    no_words: list[str] = field(default_factory=list)


def team_account() -> Member:
    """The site team's account, made the first time it is needed."""
    team = db.session.scalar(select(Member).where(Member.name_key == name_key(TEAM_NAME)))
    if team is None:
        unusable = credentials.hash_secret(credentials.new_phrase())
        team = Member(
            name=TEAM_NAME,
            name_key=name_key(TEAM_NAME),
            name_skeleton=name_skeleton(TEAM_NAME),
            phrase_hash=unusable,
            role="admin",
        )
        db.session.add(team)
        db.session.commit()
    return team


def add_welcome_threads(pages) -> Made:
    """For each space with words in pages (a content Library), start and pin its welcome thread,
    unless the team has already started one with that title there. Safe to run again."""
    made = Made()
    team = team_account()
    for space in discussions.spaces():
        page = pages.get(space.slug)
        if page is None:
            made.no_words.append(space.slug)
            continue
        exists = db.session.scalar(
            select(Thread.id).where(
                Thread.space_id == space.id, Thread.author_id == team.id, Thread.title == page.title
            )
        )
        if exists is not None:
            made.already.append(space.slug)
            continue
        thread = discussions.start_thread(
            team, space, title=page.title, body=page.body_markdown.strip()
        )
        thread.pinned_at = datetime.now(UTC)
        audit.record(team, "pin", thread=thread)
        db.session.commit()
        made.added.append(space.slug)
    return made
