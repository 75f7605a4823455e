"""No page's query nests a join inside an outer join.

SQLite answers `LEFT JOIN (threads JOIN spaces) ON ...` by building the nested join whole, every
thread (or every post) on each request: 6 seconds for the moderation queue at 500,000 posts.
Relationships that are always there join with innerjoin="unnested", which keeps joins flat.
"""

import re

from sqlalchemy import event

from app.extensions import db
from app.services import discussions, garden, reports

NESTED_JOIN = re.compile(r"JOIN \((?!\s*SELECT)", re.IGNORECASE)


def test_pages_that_load_posts_with_their_threads_keep_joins_flat(
    app, client, make_member, make_moderator, make_thread, sign_in
):
    moderator, writer = make_moderator(), make_member()
    thread = make_thread(tags=["diabetes"], title="Tired in the mornings")
    post = discussions.reply(writer, thread, body="Mornings are hard for me too")
    reports.report(make_member(), post, reason="kind")
    garden.save(moderator, "post", str(post.id), app.extensions["learn_pages"])
    garden.save(moderator, "thread", str(thread.id), app.extensions["learn_pages"])
    sign_in(moderator)
    statements = []

    def record(conn, cursor, statement, *args):
        statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", record)
    try:
        for path in (
            "/moderate",
            f"/moderate/posts/{post.id}",
            f"/talk/threads/{thread.id}",
            f"/talk/posts/{post.id}/reply",
            "/search?q=mornings",
            "/garden",
            "/talk/replies",
            "/talk/all",
            "/account/decisions",
        ):
            db.session.expire_all()
            assert client.get(path).status_code == 200, path
        response = client.post(
            f"/talk/posts/{post.id}/reply",
            data={"body": "Same here, most days", "submit": "Post reply"},
        )
        assert response.status_code == 303
    finally:
        event.remove(db.engine, "before_cursor_execute", record)
    nested = [s for s in statements if NESTED_JOIN.search(s)]
    assert nested == [], nested[0][:600] if nested else ""
