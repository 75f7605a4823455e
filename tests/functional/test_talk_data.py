"""What happens to what a member wrote when they download their data or leave."""

import json

import pytest
from sqlalchemy import select

from app.extensions import db
from app.models import Post
from app.services import discussions
from tests.functional.helpers import html_of, thread_posts


@pytest.fixture
def writer(make_member, sign_in, make_thread):
    """A signed-in member with a thread of their own, two replies elsewhere and a reaction."""
    writer = make_member()
    sign_in(writer)
    own = make_thread(author=writer, title="My own words", body="Private thoughts here")
    other = make_thread(title="Someone else's thread")
    discussions.reply(writer, other, body="First reply of mine")
    discussions.reply(writer, other, body="Second reply of mine")
    discussions.toggle_reaction(writer, thread_posts(other)[0], "helped")
    writer.threads = (own, other)
    return writer


def test_download_my_data_contains_every_post_with_its_text(client, writer):
    response = client.get("/account/download")
    data = json.loads(response.get_data(as_text=True))
    written = db.session.scalars(select(Post).where(Post.author_id == writer.id)).all()
    assert len(data["posts"]) == len(written) == 3
    assert {p["text"] for p in data["posts"]} == {
        "Private thoughts here",
        "First reply of mine",
        "Second reply of mine",
    }
    assert data["reactions"] == [
        {
            "post_id": thread_posts(writer.threads[1])[0].id,
            "reaction": "helped",
            "given": data["reactions"][0]["given"],
        }
    ]
    assert {t["thread"] for t in data["following"]} == {"My own words", "Someone else's thread"}


def test_leaving_and_deleting_everything_removes_words_but_keeps_others(
    client, writer, make_member
):
    own, other = writer.threads
    answer = discussions.reply(make_member(), own, body="A reply from someone else")
    client.post("/account/delete", data={"posts": "delete"})
    everything = " ".join(
        str(v)
        for t in db.metadata.sorted_tables
        for row in db.session.execute(select(t))
        for v in row
    )
    for words in ("Private thoughts here", "First reply of mine", "My own words", writer.name):
        assert words not in everything
    remaining = thread_posts(own)
    assert remaining[0].removed and remaining[0].author_id is None
    assert remaining[1].id == answer.id and remaining[1].body == "A reply from someone else"
    assert thread_posts(other)[0].helped_count == 0


def test_leaving_and_keeping_posts_shows_them_under_a_former_member(
    client, writer, make_member, sign_in
):
    own, _ = writer.threads
    client.post("/account/delete", data={"posts": "keep"})
    sign_in(make_member())
    html = html_of(client.get(f"/talk/threads/{own.id}"))
    assert "Private thoughts here" in html
    assert "<strong>A former member</strong> started this thread" in html
    assert writer.name not in html
