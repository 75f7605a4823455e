"""Talk pages cost the same number of queries however much there is, and lists use indexes."""

from contextlib import contextmanager
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import event, insert, text

from app.extensions import db
from app.models import Post, Thread
from app.models.discussion import PATH_DIGITS
from app.services import discussions, reading


@contextmanager
def counted_queries():
    statements = []

    def record(conn, cursor, statement, *args):
        if (
            not statement.lstrip()
            .upper()
            .startswith(("BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE"))
        ):
            statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", record)
    try:
        yield statements
    finally:
        event.remove(db.engine, "before_cursor_execute", record)


def add_replies(thread, authors, count):
    """Bulk-add `count` replies spread over the authors, nested up to three deep."""
    opening = db.session.scalar(db.select(Post).where(Post.thread_id == thread.id))
    start = datetime.now(UTC)
    parents = [opening]
    for n in range(count):
        parent = parents[n % len(parents)]
        post = Post(
            thread_id=thread.id,
            author_id=authors[n % len(authors)].id,
            parent_id=parent.id,
            reply_to_id=parent.id,
            depth=parent.depth + 1,
            body=f"Reply {n}",
            body_html=f"<p>Reply {n}</p>",
            created_at=start + timedelta(seconds=n),
        )
        db.session.add(post)
        db.session.flush()
        post.path = parent.path + str(post.id).zfill(PATH_DIGITS) + "/"
        if post.depth < 3:
            parents.append(post)
    thread.reply_count = count
    db.session.commit()


@pytest.fixture
def reader(make_member, sign_in):
    member = make_member()
    sign_in(member)
    return member


def test_thread_page_queries_do_not_grow_with_posts(client, reader, make_member, make_thread):
    authors = [make_member() for _ in range(5)]
    small, large = make_thread(), make_thread()
    add_replies(small, authors, 4)
    add_replies(large, authors, 199)
    for post in db.session.scalars(db.select(Post).limit(20)):
        discussions.toggle_reaction(reader, post, "helped")
    counts = []
    for thread in (small.id, large.id):
        db.session.expire_all()  # as in production, each request loads what it shows afresh
        with counted_queries() as statements:
            assert client.get(f"/talk/threads/{thread}").status_code == 200
        counts.append(len(statements))
    assert counts[0] == counts[1] <= 8, counts


@pytest.mark.parametrize(
    "path", ["/talk/introductions", "/talk/all?tag=diabetes", "/talk", "/talk/replies", "/garden"]
)
def test_list_pages_queries_do_not_grow_with_threads(client, reader, make_thread, path):
    counts = []
    for batch in (2, 30):
        for _ in range(batch):
            thread = make_thread(author=reader, tags=["diabetes"])
            discussions.reply(reader, thread, body="Me again")
            client.post("/garden/save", data={"kind": "thread", "target": thread.id})
        db.session.expire_all()  # as in production, each request loads what it shows afresh
        with counted_queries() as statements:
            assert client.get(path).status_code == 200
        counts.append(len(statements))
    assert counts[0] == counts[1] <= 8, counts


def test_space_list_with_10000_threads_reads_by_index(app, make_member):
    if db.engine.dialect.name != "sqlite":
        pytest.skip(
            "the query plan is checked on SQLite; PostgreSQL's planner prefers scans "
            "on small tables"
        )
    author = make_member()
    space_id = discussions.space_by_slug("introductions").id
    start = datetime.now(UTC)
    db.session.execute(
        insert(Thread),
        [
            {
                "space_id": space_id,
                "author_id": author.id,
                "title": f"Thread {n}",
                "created_at": start,
                "last_activity_at": start - timedelta(minutes=n),
            }
            for n in range(10_000)
        ],
    )
    db.session.commit()
    plan = " ".join(
        str(row[-1])
        for row in db.session.execute(
            text(
                "EXPLAIN QUERY PLAN SELECT id FROM threads WHERE space_id = :space "
                "ORDER BY last_activity_at DESC, id DESC LIMIT 20 OFFSET 9980"
            ),
            {"space": space_id},
        )
    )
    assert "ix_threads_space_activity" in plan and "TEMP B-TREE" not in plan, plan


def test_space_list_deep_page_same_threads_in_order(app, make_member):
    """Pages are found from the index first, then loaded: the same threads, newest first."""
    author = make_member()
    space = discussions.space_by_slug("introductions")
    start = datetime.now(UTC)
    db.session.execute(
        insert(Thread),
        [
            {
                "space_id": space.id,
                "author_id": author.id,
                "title": f"Thread {n}",
                "created_at": start,
                "last_activity_at": start - timedelta(minutes=n // 2),
            }
            for n in range(45)
        ],
    )
    # Every thread opens with a post: a thread is listed only when its opening post is visible.
    db.session.execute(
        insert(Post),
        [
            {
                "thread_id": thread_id,
                "author_id": author.id,
                "depth": 0,
                "path": "",
                "body": "Hello",
                "body_html": "<p>Hello</p>",
                "created_at": start,
            }
            for thread_id in db.session.scalars(db.select(Thread.id))
        ],
    )
    db.session.commit()
    newest_first = [
        t.title
        for t in db.session.scalars(
            db.select(Thread).order_by(Thread.last_activity_at.desc(), Thread.id.desc())
        ).unique()
    ]

    pages = [reading.thread_list(author, space=space, page=n) for n in (1, 2, 3)]

    assert [p.count for p in pages] == [3, 3, 3]
    listed = [thread.title for page in pages for thread, _unread in page.items]
    assert listed == newest_first


def test_thread_pages_by_key_each_visible_post_once_in_order(app, make_member, make_thread):
    """Pages start at the first post of each page of what this member sees: held posts by
    others shift the pages for them, not for the author, and ?page= past the end is the last."""
    reader, writer = make_member(), make_member()
    thread = make_thread()
    add_replies(thread, [make_member(), writer], 2 * reading.POSTS_PER_PAGE + 9)
    every = list(
        db.session.scalars(db.select(Post).where(Post.thread_id == thread.id).order_by(Post.path))
    )
    for post in every[3::7]:
        if post.author_id == writer.id:
            post.held_at = datetime.now(UTC)
    db.session.commit()

    def read(member, number):
        view = reading.thread_view(member, thread, page=number)

        def walk(nodes):
            return [id_ for node in nodes for id_ in [node.post.id, *walk(node.children)]]

        return walk(view.page.items), view.page.count

    for member in (reader, writer):
        seen = [p.id for p in every if p.held_at is None or p.author_id == member.id]
        pages = -(-len(seen) // reading.POSTS_PER_PAGE)
        shown = [read(member, n) for n in range(1, pages + 1)]
        assert [count for _ids, count in shown] == [pages] * pages
        assert [id_ for ids, _count in shown for id_ in ids] == seen
        assert read(member, pages + 5) == shown[-1]
    assert len(read(writer, 1)[0]) == reading.POSTS_PER_PAGE
