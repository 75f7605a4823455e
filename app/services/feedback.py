"""Anonymous "Was this page helpful?" counts."""

from sqlalchemy.dialects import postgresql, sqlite

from app.extensions import db
from app.models import PageFeedback

_INSERT = {"postgresql": postgresql.insert, "sqlite": sqlite.insert}


def record(slug: str, helpful: bool) -> None:
    """Add one answer in a single upsert, so answers arriving together are all counted."""
    column = PageFeedback.helpful if helpful else PageFeedback.not_helpful
    insert = _INSERT[db.engine.dialect.name]
    statement = insert(PageFeedback).values(
        slug=slug, helpful=int(helpful), not_helpful=int(not helpful)
    )
    db.session.execute(
        statement.on_conflict_do_update(
            index_elements=[PageFeedback.slug], set_={column.key: column + 1}
        )
    )
    db.session.commit()


def counts() -> dict[str, tuple[int, int]]:
    return {row.slug: (row.helpful, row.not_helpful) for row in db.session.query(PageFeedback)}
