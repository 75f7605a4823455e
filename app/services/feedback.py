"""Anonymous "Was this page helpful?" counts: one answer per page per connection each day."""

from datetime import UTC, datetime

from sqlalchemy import delete
from sqlalchemy.dialects import postgresql, sqlite

from app.extensions import db
from app.models import PageFeedback, PageVote

_INSERT = {"postgresql": postgresql.insert, "sqlite": sqlite.insert}


def record(slug: str, helpful: bool, voter: str) -> bool:
    """Count one answer unless voter (today's hash of the connection) already answered.

    Each step is a single statement, so answers arriving together are all counted once.
    """
    insert = _INSERT[db.engine.dialect.name]
    today = datetime.now(UTC).date()
    db.session.execute(delete(PageVote).where(PageVote.day < today))
    first = db.session.execute(
        insert(PageVote)
        .values(slug=slug, voter=voter, day=today)
        .on_conflict_do_nothing()
        .returning(PageVote.slug)
    ).scalar()
    if first is not None:
        column = PageFeedback.helpful if helpful else PageFeedback.not_helpful
        statement = insert(PageFeedback).values(
            slug=slug, helpful=int(helpful), not_helpful=int(not helpful)
        )
        db.session.execute(
            statement.on_conflict_do_update(
                index_elements=[PageFeedback.slug], set_={column.key: column + 1}
            )
        )
    db.session.commit()
    return first is not None


def counts() -> dict[str, tuple[int, int]]:
    return {row.slug: (row.helpful, row.not_helpful) for row in db.session.query(PageFeedback)}
