"""Deleted words leave every database file: the main file, the WAL, and the full-text index."""

from pathlib import Path

import pytest

from app.extensions import db
from tests.functional.helpers import thread_posts


@pytest.fixture
def sqlite_files(app):
    if db.engine.dialect.name != "sqlite":
        pytest.skip("the database files are SQLite's; PostgreSQL relies on VACUUM (README)")
    main = Path(db.engine.url.database)

    def read() -> bytes:
        return b"".join(
            path.read_bytes()
            for path in (
                main,
                main.with_name(main.name + "-wal"),
                main.with_name(main.name + "-shm"),
            )
            if path.exists()
        ).lower()

    return read


def test_delete_everything_leaves_no_word_in_the_database_files(
    client, make_member, make_thread, sign_in, sqlite_files
):
    member = make_member()
    make_thread(
        author=member,
        title="About zwoxqeltrab",
        body="My sister calls it zwoxqeltrab and I hide it from my husband.",
    )
    other = make_thread()
    sign_in(member)
    client.post(
        f"/talk/posts/{thread_posts(other)[0].id}/reply",
        data={"body": "Plimvorquat days are the hardest for me."},
    )
    assert b"zwoxqeltrab" in sqlite_files() and b"plimvorquat" in sqlite_files()
    response = client.post("/account/delete", data={"posts": "delete"})
    assert response.status_code == 303
    files = sqlite_files()
    assert b"zwoxqeltrab" not in files
    assert b"plimvorquat" not in files


def test_removing_a_post_leaves_no_word_in_the_database_files(
    client, make_member, make_thread, sign_in, sqlite_files
):
    member = make_member()
    thread = make_thread(author=member, body="Only quentrobalix knows how tired I am.")
    sign_in(member)
    assert b"quentrobalix" in sqlite_files()
    response = client.post(f"/talk/posts/{thread_posts(thread)[0].id}/remove")
    assert response.status_code == 303
    assert b"quentrobalix" not in sqlite_files()
