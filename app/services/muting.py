"""Muting: a member stops seeing a thread, or another member's posts. A private preference: the
muted member is never told. What muting hides is decided in visibility.visible_post_condition.
"""

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import joinedload

from app import permissions
from app.extensions import db
from app.models import Member, MemberMute, Thread, ThreadMember
from app.services import discussions, visibility
from app.services.errors import NotFound, PermissionDenied
from app.timefmt import iso_utc


def is_muted(member, other: Member) -> bool:
    return db.session.get(MemberMute, (member.id, other.id)) is not None


def set_member_muted(member, other: Member, muted: bool) -> None:
    """Mute (or unmute) another member, whose post the caller has checked the member may see."""
    if not permissions.can_mute(member, other):
        raise PermissionDenied
    if not muted:
        db.session.execute(
            delete(MemberMute).where(
                MemberMute.member_id == member.id, MemberMute.muted_id == other.id
            )
        )
    elif not is_muted(member, other):
        try:
            with db.session.begin_nested():
                db.session.add(MemberMute(member_id=member.id, muted_id=other.id))
        except IntegrityError:  # the same click twice at once: already muted
            pass
    db.session.commit()


def unmute(member, other_id: int) -> Member:
    """Unmute someone the member muted; anyone else is not found, so no name is given away."""
    mute = db.session.get(MemberMute, (member.id, other_id))
    if mute is None:
        raise NotFound(other_id)
    other = mute.muted
    set_member_muted(member, other, False)
    return other


def set_thread_muted(member, thread: Thread, muted: bool) -> None:
    """Muting a thread also stops following it."""
    if not permissions.is_member(member):
        raise PermissionDenied
    discussions.set_place(member, thread.id, muted=muted, **({"following": False} if muted else {}))
    db.session.commit()


def muted_members(member) -> list[MemberMute]:
    return list(
        db.session.scalars(
            select(MemberMute)
            .where(MemberMute.member_id == member.id)
            .options(joinedload(MemberMute.muted))
            .order_by(MemberMute.created_at)
        )
    )


def muted_threads(member) -> list[Thread]:
    """Threads the member muted and may still see (a thread withheld since is left out)."""
    return list(
        db.session.scalars(
            select(Thread)
            .join(ThreadMember, ThreadMember.thread_id == Thread.id)
            .where(
                ThreadMember.member_id == member.id,
                ThreadMember.muted,
                visibility.thread_access_condition(member),
            )
            .order_by(Thread.title)
        ).unique()
    )


def export(member) -> dict:
    return {
        "members": [
            {"name": m.muted.name, "since": iso_utc(m.created_at)} for m in muted_members(member)
        ],
        "threads": [{"thread_id": t.id, "thread": t.title} for t in muted_threads(member)],
    }
