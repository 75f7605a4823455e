"""Which accounts shared a connection today, for moderators, without keeping any address.

Each member keeps only today's keyed hash of their network (app.security.ip_hash), noted when
they enter, post or report. A hash from an earlier day is erased the next time any is noted:
the daily key changes, so it could not be compared with today's anyway.
"""

from datetime import UTC, datetime

from sqlalchemy import func, select, update
from sqlalchemy.orm import aliased

from app.extensions import db
from app.models import Member


def _today():
    return datetime.now(UTC).date()


def note(member: Member, address_hash: str | None) -> None:
    """Remember the member's hash for today, in the caller's transaction."""
    if not address_hash:
        return
    today = _today()
    db.session.execute(
        update(Member)
        .where(Member.address_day < today)
        .values(address_hash=None, address_day=None)
        .execution_options(synchronize_session=False)
    )
    member.address_hash, member.address_day = address_hash, today


def shared_today(member_id):
    """A scalar subquery: how many other accounts used the same connection today as member_id
    (a column or a value)."""
    me, other = aliased(Member), aliased(Member)
    today = _today()
    return (
        select(func.count(other.id))
        .where(
            me.id == member_id,
            me.address_day == today,
            other.address_hash == me.address_hash,
            other.address_day == today,
            other.id != me.id,
        )
        .scalar_subquery()
    )
