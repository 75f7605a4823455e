"""Small readers for responses and the database, shared by the functional tests."""

import re

from sqlalchemy import select

from app.extensions import db
from app.models import Post
from app.models.user import Member


def html_of(response) -> str:
    return response.get_data(as_text=True)


def title_of(response) -> str:
    return re.search(r"<title>(.*?)</title>", html_of(response)).group(1)


def phrase_shown(response) -> str | None:
    found = re.search(r'<p class="phrase" id="recovery-phrase">(.*?)</p>', html_of(response))
    return found.group(1) if found else None


def newest_member() -> Member:
    db.session.expire_all()
    return db.session.execute(db.select(Member).order_by(Member.id.desc())).scalars().first()


def session_cookie(client) -> str | None:
    cookie = client.get_cookie("session")
    return cookie.value if cookie else None


def is_signed_in(client) -> bool:
    return client.get("/account").status_code == 200


def thread_posts(thread) -> list[Post]:
    """Every post in the thread, in reading order, as the database holds it now."""
    db.session.expire_all()
    return list(
        db.session.scalars(select(Post).where(Post.thread_id == thread.id).order_by(Post.path))
    )
