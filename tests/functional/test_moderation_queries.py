"""Moderation and safety pages cost the same few queries however much is waiting."""

import pytest
from sqlalchemy import select

from app.extensions import db
from app.models import Thread
from app.services import discussions, reports
from bench.seed import seed_queue
from tests.functional.test_talk_queries import counted_queries


@pytest.fixture
def moderator(make_moderator, sign_in):
    member = make_moderator()
    sign_in(member)
    return member


def _queries(client, path) -> int:
    db.session.expire_all()  # as in production, each request loads what it shows afresh
    with counted_queries() as statements:
        response = client.get(path)
    assert response.status_code == 200, path
    return len(statements)


@pytest.mark.parametrize(
    "path",
    [
        "/moderate",
        "/moderate?page=3",
        "/moderate/log",
        "/moderate/posts/{post}",
        "/moderate/members/{member}",
        "/moderate/threads/{thread}",
        "/account/decisions",
    ],
)
def test_moderation_page_queries_do_not_grow_with_the_queue(client, moderator, make_member, path):
    counts = []
    for batch in (60, 1000):
        seed_queue(batch)
        thread = db.session.scalar(select(Thread).order_by(Thread.id.desc()))
        post = discussions.reply(make_member(), thread, body="A reply, reported")
        reports.report(make_member(), post, reason="kind", note="Unkind")
        counts.append(
            _queries(client, path.format(post=post.id, member=post.author_id, thread=thread.id))
        )
    assert counts[0] == counts[1] <= 8, counts
