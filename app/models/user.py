"""Members: the people who have entered. A made-up name and slow hashes, nothing else about them."""

from datetime import UTC, datetime

from flask_login import UserMixin

from app.extensions import db
from app.timefmt import aware

ROLES = ("member", "moderator", "admin")
CONTENT_NOTE_CHOICES = ("collapsed", "expanded", "hidden")


def _one_of(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


def _now() -> datetime:
    return datetime.now(UTC)


class Member(UserMixin, db.Model):
    __tablename__ = "members"
    __table_args__ = (
        db.CheckConstraint(_one_of("role", ROLES), name="role"),
        db.CheckConstraint(_one_of("content_notes", CONTENT_NOTE_CHOICES), name="content_notes"),
    )

    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(30), nullable=False)
    # The name folded for comparison (app.names.name_key): unique, so look-alikes can't coexist.
    name_key = db.Column(db.String(30), nullable=False, unique=True)
    # What the name looks like (app.names.name_skeleton): unique, so no name can pass for
    # another in letters from another alphabet.
    name_skeleton = db.Column(db.String(255), nullable=False, index=True, unique=True)
    phrase_hash = db.Column(db.String(255), nullable=False)
    password_hash = db.Column(db.String(255), nullable=True)
    # Part of the session id: raising it ends every session and remember cookie of this member.
    session_version = db.Column(db.Integer, nullable=False, default=0, server_default="0")
    role = db.Column(db.String(20), nullable=False, default="member", server_default="member")
    created_at = db.Column(db.DateTime(timezone=True), nullable=False, default=_now)

    # Privacy preferences
    discreet_titles = db.Column(
        db.Boolean, nullable=False, default=False, server_default=db.false()
    )
    content_notes = db.Column(
        db.String(10), nullable=False, default="collapsed", server_default="collapsed"
    )
    # Talk hidden from themselves until then ("take a break"); learn pages stay.
    break_until = db.Column(db.DateTime(timezone=True))

    # Safety. A suspended member can read but not take part, until then or for good.
    suspended_until = db.Column(db.DateTime(timezone=True))
    suspended_for_good = db.Column(
        db.Boolean, nullable=False, default=False, server_default=db.false()
    )
    # Moderation decisions about them they have not read yet: shown on their next page.
    unseen_decisions = db.Column(db.Integer, nullable=False, default=0, server_default="0")
    # Messages from the site they have not opened yet: a notice on their next page.
    unread_messages = db.Column(db.Integer, nullable=False, default=0, server_default="0")
    # Today's keyed hash of their network (app.security.ip_hash), so moderators can see that
    # accounts shared a connection today. Never an address; erased once the day is over.
    address_hash = db.Column(db.String(32), index=True)
    address_day = db.Column(db.Date, index=True)

    def get_id(self) -> str:
        return f"{self.id}:{self.session_version}"

    @property
    def is_suspended(self) -> bool:
        return self.suspended_for_good or (
            self.suspended_until is not None and aware(self.suspended_until) > _now()
        )

    @property
    def on_break(self) -> bool:
        return self.break_until is not None and aware(self.break_until) > _now()

    @property
    def has_password(self) -> bool:
        return self.password_hash is not None
