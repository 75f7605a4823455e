"""Looking after yourself: muting members and threads, taking a break, and the one visibility
rule every Talk page (and search) uses."""

import json
import re
from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from app.extensions import db
from app.models import Post
from app.services import discussions, muting, reading
from app.services.visibility import visible_post_condition
from tests.functional.helpers import html_of, thread_posts


@pytest.fixture
def me(make_member, sign_in):
    member = make_member(name="Quiet Heron 24")
    sign_in(member)
    return member


def test_muting_a_member_hides_their_posts_and_threads_everywhere(
    client, me, make_member, make_thread
):
    loud = make_member(name="Loud Voice 5")
    theirs = make_thread(author=loud, title="Their thread")
    mine = make_thread(author=me, title="My thread")
    discussions.reply(loud, mine, body="Their reply to me")
    discussions.reply(make_member(), mine, body="A kind reply")
    post = thread_posts(theirs)[0]
    assert "Loud Voice 5" in html_of(client.get(f"/talk/posts/{post.id}/report"))
    response = client.post(f"/account/mute/posts/{post.id}", data={"next": "/talk/all"})
    assert response.headers["Location"] == "/talk/all"
    assert "You will no longer see posts by Loud Voice 5" in html_of(client.get("/talk/all"))
    assert "Their thread" not in html_of(client.get("/talk/all"))
    thread_html = html_of(client.get(f"/talk/threads/{mine.id}"))
    assert "Their reply to me" not in thread_html and "A kind reply" in thread_html
    assert "Their reply to me" not in html_of(client.get("/talk/replies"))
    assert client.get(f"/talk/threads/{theirs.id}").status_code == 404
    assert "Loud Voice 5" in html_of(client.get("/account/muted"))
    client.post(f"/account/unmute/members/{loud.id}")
    assert "Their thread" in html_of(client.get("/talk/all"))


def test_muted_member_is_not_told_and_sees_everything_as_before(
    client, me, make_member, make_thread, browser_for
):
    loud = make_member(name="Loud Voice 5")
    mine = make_thread(author=me, title="My thread")
    theirs = discussions.reply(loud, mine, body="Hello from Loud")
    pages = [f"/talk/threads/{mine.id}", "/account", "/account/decisions", "/talk/replies"]

    def seen_by_loud():
        browser = browser_for(loud)
        return [
            re.sub(r'name="csrf_token" value="[^"]*"', "", html_of(browser.get(page)))
            for page in pages
        ]

    before = seen_by_loud()
    client.post(f"/account/mute/posts/{theirs.id}")
    assert seen_by_loud() == before


def test_cannot_mute_yourself(client, me, make_thread):
    own = thread_posts(make_thread(author=me))[0]
    assert client.post(f"/account/mute/posts/{own.id}").status_code == 403
    assert client.post("/account/mute/posts/99999").status_code == 404


def test_mute_by_member_id_gives_no_name_away(client, me, make_member):
    """Only people whose posts one has seen can be muted (by a post), so ids say nothing."""
    stranger = make_member(name="Private Person 7")
    for address in (
        f"/account/mute/members/{stranger.id}",
        f"/account/unmute/members/{stranger.id}",
    ):
        response = client.post(address, follow_redirects=True)
        assert response.status_code == 404, address
        assert "Private Person 7" not in html_of(response)
    assert "Private Person 7" not in html_of(client.get("/account/muted"))


def test_muting_a_thread_hides_it_and_offers_the_way_back(client, me, make_member, make_thread):
    thread = make_thread(title="Sad news thread")
    discussions.set_following(me, thread, True)
    discussions.reply(make_member(), thread, body="A new reply")
    client.post(f"/account/mute/threads/{thread.id}")
    assert "Sad news thread" not in html_of(client.get("/talk/all"))
    assert "A new reply" not in html_of(client.get("/talk/replies"))
    html = html_of(client.get(f"/talk/threads/{thread.id}"))
    assert "You muted this thread" in html and "A new reply" not in html
    assert "Unmute this thread" in html
    client.post(f"/account/mute/threads/{thread.id}", data={"muted": "no"})
    assert "A new reply" in html_of(client.get(f"/talk/threads/{thread.id}"))


def test_visible_post_condition_is_the_one_rule_for_any_query(
    me, make_member, make_thread, make_moderator
):
    """Search (and anything else listing posts) filters with this one condition."""
    muted, hidden_author = make_member(), make_member()
    thread = make_thread(title="Open", author=make_member())
    discussions.reply(make_member(), thread, body="shown")
    hidden = discussions.reply(hidden_author, thread, body="hidden")
    held = discussions.reply(make_member(), thread, body="held")
    discussions.reply(muted, thread, body="by muted")
    own_hidden = discussions.reply(me, thread, body="own hidden")
    muted_thread = make_thread(title="Muted thread")
    now = datetime.now(UTC)
    hidden.hidden_at = own_hidden.hidden_at = now
    held.held_at = now
    db.session.commit()
    muting.set_member_muted(me, muted, True)
    muting.set_thread_muted(me, muted_thread, True)

    def bodies(member):
        return {
            p.body for p in db.session.scalars(select(Post).where(visible_post_condition(member)))
        }

    assert bodies(me) == {"Does anyone else feel this?", "shown", "own hidden"}
    moderator = make_moderator()
    assert {"hidden", "held", "by muted", "own hidden"} <= bodies(moderator)
    assert bodies(make_member()) >= {"shown", "by muted"}
    assert "hidden" not in bodies(make_member())


def test_hidden_opening_post_hides_the_whole_thread(me, client, make_member, make_thread):
    thread = make_thread(title="Spam thread", replies=2)
    opening = thread_posts(thread)[0]
    opening.hidden_at = datetime.now(UTC)
    db.session.commit()
    assert client.get(f"/talk/threads/{thread.id}").status_code == 404
    assert "Spam thread" not in html_of(client.get("/talk/all"))
    assert db.session.scalars(select(Post).where(visible_post_condition(me))).all() == []


def test_download_my_data_includes_mutes(client, me, make_member, make_thread):
    other, thread = make_member(name="Someone Else 4"), make_thread(title="Noisy")
    client.post(f"/account/mute/posts/{thread_posts(make_thread(author=other))[0].id}")
    client.post(f"/account/mute/threads/{thread.id}")
    data = json.loads(client.get("/account/download").get_data(as_text=True))
    assert [m["name"] for m in data["muted"]["members"]] == ["Someone Else 4"]
    assert data["muted"]["threads"] == [{"thread_id": thread.id, "thread": "Noisy"}]


# Taking a break ----------------------------------------------------------------------------


def test_break_hides_talk_but_not_learn_and_can_end_early(client, me, make_thread):
    make_thread(title="Busy thread")
    response = client.post("/account/break", data={"days": "7"})
    assert "Your break has started" in html_of(client.get(response.headers["Location"]))
    for path in ("/talk", "/talk/all", "/talk/replies", "/talk/introductions/new"):
        html = html_of(client.get(path))
        assert "You are taking a break from Talk" in html and "Busy thread" not in html, path
    assert client.get("/learn/sleep").status_code == 200
    assert 'class="badge"' not in html_of(client.get("/learn"))
    ended = client.post("/account/break/end")
    assert ended.headers["Location"] == "/talk"
    assert "Your break has ended" in html_of(client.get("/talk"))


def test_break_hides_talk_posts_from_search_and_refuses_writing_with_403(client, me, make_thread):
    thread = make_thread(title="Mornings are the hardest")
    assert "Mornings are the hardest" in html_of(client.get("/search?q=mornings"))
    client.post("/account/break", data={"days": "7"})
    assert "Mornings are the hardest" not in html_of(client.get("/search?q=mornings"))
    assert "Conversations" not in html_of(client.get("/search?q=mornings"))
    post = thread_posts(thread)[0]
    for address, data in (
        (f"/talk/posts/{post.id}/reply", {"body": "Hello"}),
        (f"/talk/posts/{post.id}/react/helped", {}),
        (f"/talk/threads/{thread.id}/follow", {"follow": "yes"}),
        ("/talk/introductions/new", {"title": "New", "body": "Words"}),
    ):
        response = client.post(address, data=data)
        assert response.status_code == 403, address
        assert "You are taking a break from Talk" in html_of(response)
    assert len(thread_posts(thread)) == 1 and thread_posts(thread)[0].helped_count == 0


@pytest.mark.parametrize("days", ["", "3", "lots"])
def test_break_with_bad_length_explains(client, me, days):
    html = html_of(client.post("/account/break", data={"days": days}))
    assert "There is a problem" in html and "Choose how long your break should be" in html
    db.session.expire_all()
    assert me.break_until is None


def test_opening_post_decides_for_every_post_of_its_thread_in_lists(
    me, make_member, make_thread, make_moderator
):
    """Replies in a thread whose opening post a member may not see are not listed either:
    held (shown to its author and moderators) and started by a muted member."""
    starter, loud = make_member(), make_member()
    held_thread = make_thread(title="Held start", author=starter, replies=1)
    loud_thread = make_thread(title="Loud start", author=loud, replies=1)
    own_thread = make_thread(title="My held start", author=me, replies=1)
    for thread in (held_thread, own_thread):
        thread_posts(thread)[0].held_at = datetime.now(UTC)
        db.session.commit()
    muting.set_member_muted(me, loud, True)

    def threads(member):
        return {
            p.thread_id
            for p in db.session.scalars(select(Post).where(visible_post_condition(member)))
        }

    def listed(member):
        return {t.id for t, _ in reading.thread_list(member).items}

    assert threads(me) == listed(me) == {own_thread.id}
    assert threads(starter) == listed(starter) == {held_thread.id, loud_thread.id}
    everything = {held_thread.id, loud_thread.id, own_thread.id}
    assert threads(make_moderator()) == listed(make_moderator()) == everything
