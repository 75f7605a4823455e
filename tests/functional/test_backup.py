"""`flask backup PATH`: a copy of the SQLite database that holds every post."""

import sqlite3

from sqlalchemy import select

from app.extensions import db
from app.models import Post


def test_backup_sqlite_copy_holds_every_post(app, make_thread, tmp_path):
    if db.engine.dialect.name != "sqlite":
        result = app.test_cli_runner().invoke(args=["backup", str(tmp_path / "copy.db")])
        assert result.exit_code == 1
        assert "pg_dump" in result.output
        assert not (tmp_path / "copy.db").exists()
        return
    make_thread(replies=3)
    make_thread(title="Sleep and pain", replies=2)
    posts = {(post.id, post.body) for post in db.session.scalars(select(Post))}
    target = tmp_path / "backups" / "copy.db"

    result = app.test_cli_runner().invoke(args=["backup", str(target)])

    assert result.exit_code == 0, result.output
    copy = sqlite3.connect(target)
    try:
        assert set(copy.execute("SELECT id, body FROM posts")) == posts
        assert copy.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        # Search works in the copy too: its full-text index came with it.
        matches = "SELECT count(*) FROM posts_fts WHERE posts_fts MATCH 'sleep'"
        assert copy.execute(matches).fetchone()[0] >= 1
    finally:
        copy.close()


def test_backup_existing_file_refused(app, tmp_path):
    target = tmp_path / "copy.db"
    target.write_text("keep me")
    result = app.test_cli_runner().invoke(args=["backup", str(target)])
    assert result.exit_code == 1
    assert target.read_text() == "keep me"
