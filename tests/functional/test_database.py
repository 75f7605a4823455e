import threading

import pytest
from sqlalchemy import text

from app.extensions import db


@pytest.fixture
def sqlite_app(app):
    if db.engine.dialect.name != "sqlite":
        pytest.skip("SQLite connection settings apply to SQLite only")
    return app


def test_sqlite_connection_uses_wal_timeout_foreign_keys_and_normal_sync(sqlite_app):
    pragma = {
        name: db.session.execute(text(f"PRAGMA {name}")).scalar()
        for name in ("journal_mode", "busy_timeout", "foreign_keys", "synchronous", "secure_delete")
    }
    assert pragma == {
        "journal_mode": "wal",
        "busy_timeout": 15000,
        "foreign_keys": 1,
        "synchronous": 1,
        "secure_delete": 1,
    }


def _begin_statements(app, method):
    seen = []

    def record(conn, cursor, statement, *args):
        if statement.startswith("BEGIN"):
            seen.append(statement)

    from sqlalchemy import event

    event.listen(db.engine, "before_cursor_execute", record)
    try:
        with app.test_request_context("/", method=method):
            db.session.execute(text("SELECT 1"))
            db.session.rollback()
    finally:
        event.remove(db.engine, "before_cursor_execute", record)
    return seen


def test_sqlite_write_requests_begin_immediate(sqlite_app):
    assert _begin_statements(sqlite_app, "POST") == ["BEGIN IMMEDIATE"]


def test_sqlite_read_requests_begin_deferred(sqlite_app):
    assert _begin_statements(sqlite_app, "GET") == ["BEGIN"]


def test_concurrent_read_then_write_updates_lose_nothing(app):
    """Four threads each read a counter and write it back +1, fifty times: none may be lost."""
    db.session.execute(
        text("CREATE TABLE IF NOT EXISTS test_counter (id INTEGER PRIMARY KEY, n INTEGER)")
    )
    db.session.execute(text("DELETE FROM test_counter"))
    db.session.execute(text("INSERT INTO test_counter (id, n) VALUES (1, 0)"))
    db.session.commit()
    # PostgreSQL's way to read a row for writing; SQLite's is BEGIN IMMEDIATE, the subject here.
    select = "SELECT n FROM test_counter WHERE id = 1"
    if db.engine.dialect.name == "postgresql":
        select += " FOR UPDATE"
    engine = db.engine
    errors = []

    def work():
        try:
            for _ in range(50):
                with engine.connect() as conn, conn.begin():
                    n = conn.execute(text(select)).scalar()
                    conn.execute(text("UPDATE test_counter SET n = :n WHERE id = 1"), {"n": n + 1})
        except Exception as error:  # reported below; a thread cannot fail the test itself
            errors.append(error)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    try:
        assert errors == []
        assert db.session.execute(text("SELECT n FROM test_counter")).scalar() == 200
    finally:
        db.session.rollback()
        db.session.execute(text("DROP TABLE test_counter"))
        db.session.commit()


def test_sqlite_thread_page_holds_write_lock_only_to_mark_read(
    sqlite_app, client, make_thread, sign_in, make_member
):
    """Reading a thread writes how far the member has read, in a transaction of its own: the
    page's reads begin deferred, so other requests' writes never wait for them."""
    from sqlalchemy import event

    thread_id = make_thread(replies=3).id
    sign_in(make_member())
    db.session.commit()  # the test's own transaction ends here, as each request's does
    statements = []

    def record(conn, cursor, statement, *args):
        statements.append(" ".join(statement.split())[:40])

    event.listen(db.engine, "before_cursor_execute", record)
    try:
        assert client.get(f"/talk/threads/{thread_id}").status_code == 200
    finally:
        event.remove(db.engine, "before_cursor_execute", record)
    assert statements[0] == "BEGIN"
    write = statements.index("BEGIN IMMEDIATE")
    assert statements[write + 1].startswith("INSERT INTO thread_members")
    assert statements[write + 2 : write + 3] in ([], ["BEGIN"])
