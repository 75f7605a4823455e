"""Members: the people who have entered. A made-up name and slow hashes, nothing else about them."""

from datetime import date, datetime

from flask_login import UserMixin
from sqlalchemy import Boolean, CheckConstraint, Date, DateTime, Integer, String, false
from sqlalchemy.orm import Mapped, mapped_column

from app import clock
from app.extensions import Model
from app.timefmt import aware

ROLES = ("member", "moderator", "admin")
CONTENT_NOTE_CHOICES = ("collapsed", "expanded", "hidden")


def _one_of(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


class Member(UserMixin, Model):  # type: ignore[misc]  # flask_login has no types
    __tablename__ = "members"
    __table_args__ = (
        CheckConstraint(_one_of("role", ROLES), name="role"),
        CheckConstraint(_one_of("content_notes", CONTENT_NOTE_CHOICES), name="content_notes"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(30), nullable=False)
    # The name folded for comparison (app.names.name_key): unique, so look-alikes can't coexist.
    name_key: Mapped[str] = mapped_column(String(30), nullable=False, unique=True)
    # What the name looks like (app.names.name_skeleton): unique, so no name can pass for
    # another in letters from another alphabet.
    name_skeleton: Mapped[str] = mapped_column(String(255), nullable=False, index=True, unique=True)
    phrase_hash: Mapped[str] = mapped_column(String(255), nullable=False)
    password_hash: Mapped[str | None] = mapped_column(String(255), nullable=True)
    # Part of the session id: raising it ends every session and remember cookie of this member.
    session_version: Mapped[int] = mapped_column(
        Integer, nullable=False, default=0, server_default="0"
    )
    role: Mapped[str] = mapped_column(
        String(20), nullable=False, default="member", server_default="member"
    )
    created_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), nullable=False, default=clock.now
    )

    # Privacy preferences
    discreet_titles: Mapped[bool] = mapped_column(
        Boolean, nullable=False, default=False, server_default=false()
    )
    content_notes: Mapped[str] = mapped_column(
        String(10), nullable=False, default="collapsed", server_default="collapsed"
    )
    # Talk hidden from themselves until then ("take a break"); learn pages stay.
    break_until: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    # Safety. A suspended member can read but not take part, until then or for good.
    suspended_until: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    suspended_for_good: Mapped[bool] = mapped_column(
        Boolean, nullable=False, default=False, server_default=false()
    )
    # Moderation decisions about them they have not read yet: shown on their next page.
    unseen_decisions: Mapped[int] = mapped_column(
        Integer, nullable=False, default=0, server_default="0"
    )
    # Messages from the site they have not opened yet: a notice on their next page.
    unread_messages: Mapped[int] = mapped_column(
        Integer, nullable=False, default=0, server_default="0"
    )
    # A moderator who also answers escalated risk (`flask add-safety-lead`).
    safety_lead: Mapped[bool] = mapped_column(
        Boolean, nullable=False, default=False, server_default=false()
    )
    # Today's keyed hash of their network (app.security.ip_hash), so moderators can see that
    # accounts shared a connection today. Never an address; erased once the day is over.
    address_hash: Mapped[str | None] = mapped_column(String(32), index=True)
    address_day: Mapped[date | None] = mapped_column(Date, index=True)

    def get_id(self) -> str:
        return f"{self.id}:{self.session_version}"

    @property
    def is_suspended(self) -> bool:
        return self.suspended_for_good or (
            self.suspended_until is not None and aware(self.suspended_until) > clock.now()
        )

    @property
    def on_break(self) -> bool:
        return self.break_until is not None and aware(self.break_until) > clock.now()

    @property
    def has_password(self) -> bool:
        return self.password_hash is not None
