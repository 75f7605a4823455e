"""Moderators' private notes about a member.

Other members never see them. The member they are about sees them in "download my data", since
people may see what is held about them: the moderators' guide asks for notes written with that
in mind (facts and kindness, no guesses or labels).
"""

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from app import permissions
from app.extensions import db
from app.models import MemberNote
from app.services import audit
from app.services.errors import FieldError, PermissionDenied
from app.services.reports import tidy_note
from app.timefmt import iso_utc

NOTE_MAX = 1000


def add(moderator, member, body: str | None) -> MemberNote:
    if not permissions.can_keep_notes(moderator, member):
        raise PermissionDenied
    body = tidy_note(body, "body", NOTE_MAX)
    if not body:
        raise FieldError("body", "Write the note")
    note = MemberNote(member_id=member.id, author_id=moderator.id, body=body)
    db.session.add(note)
    audit.record(moderator, "member-note", member=member)
    db.session.commit()
    return note


def about(member, limit: int = 50) -> list[MemberNote]:
    """Newest first, with who wrote each."""
    return list(
        db.session.scalars(
            select(MemberNote)
            .where(MemberNote.member_id == member.id)
            .options(joinedload(MemberNote.author))
            .order_by(MemberNote.id.desc())
            .limit(limit)
        ).unique()
    )


def export(member) -> list[dict]:
    """For the member's own download: the words and when, not which moderator wrote them."""
    return [
        {"note": note.body, "written": iso_utc(note.created_at)}
        for note in reversed(about(member, limit=None))
    ]
