"""The public "You said, we did" page: what changed because of what people told the team.

The page's introduction is content/pages/you-said-we-did.md; its entries are written by admins
in the site (no shell or release needed, and every host shows them at once).
"""

from sqlalchemy import select

from app import permissions
from app.extensions import db
from app.models import ChangeNote
from app.services.errors import NotFound, PermissionDenied
from app.services.tell_us import tidy

TEXT_MAX = 1000


def all_notes() -> list[ChangeNote]:
    """Every entry, newest first."""
    return list(db.session.scalars(select(ChangeNote).order_by(ChangeNote.id.desc())))


def add(admin, *, said: str | None, did: str | None) -> ChangeNote:
    if not permissions.can_write_you_said_we_did(admin):
        raise PermissionDenied
    said = tidy(said, "said", "Write what people told you", TEXT_MAX)
    did = tidy(did, "did", "Write what you changed", TEXT_MAX)
    note = ChangeNote(said=said, did=did, author_id=admin.id)
    db.session.add(note)
    db.session.commit()
    return note


def remove(admin, note_id: int) -> None:
    if not permissions.can_write_you_said_we_did(admin):
        raise PermissionDenied
    note = db.session.get(ChangeNote, note_id)
    if note is None:
        raise NotFound(note_id)
    db.session.delete(note)
    db.session.commit()
