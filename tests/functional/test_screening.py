"""New members' first posts wait for a moderator; possible-risk posts reach moderators first and
their authors are offered help at once."""

import pytest
from sqlalchemy import select

from app.extensions import db
from app.models import ModerationAction, Post, QueueItem, Thread
from app.services import discussions, moderation, queue
from tests.functional.helpers import html_of, thread_posts

HELP = (
    "have to deal with this alone",
    'href="tel:116123"',
    'href="tel:111"',
    'href="sms:85258?&amp;body=SHOUT"',
    'href="tel:999"',
    "choose the mental health option",
    "press 2",
    'href="tel:08088088000"',
)


@pytest.fixture
def holding(app):
    app.config["HOLD_FIRST_POSTS"] = 1


@pytest.fixture
def newcomer(make_member, sign_in):
    member = make_member(name="New Robin 3")
    sign_in(member)
    return member


def test_first_post_waits_for_a_moderator_and_only_its_author_sees_it(
    holding, client, newcomer, make_member, browser_for
):
    response = client.post(
        "/talk/introductions/new", data={"title": "Hello from me", "body": "First time here."}
    )
    html = html_of(client.get(response.headers["Location"]))
    assert "your post waits for a moderator" in html
    assert "Waiting for a moderator." in html and "usually look within 24 hours" in html
    thread = db.session.scalar(select(Thread))
    other = browser_for(make_member())
    assert other.get(f"/talk/threads/{thread.id}").status_code == 404
    assert "Hello from me" not in html_of(other.get("/talk/introductions"))
    assert "Hello from me" not in html_of(other.get("/talk/all"))
    assert "Hello from me" in html_of(client.get("/talk/introductions"))


def test_held_reply_is_not_counted_until_approved(
    holding, client, newcomer, make_moderator, make_thread, browser_for
):
    moderator = make_moderator()
    thread = make_thread(author=moderator)  # moderators' posts are never held
    opening = thread_posts(thread)[0]
    client.post(f"/talk/posts/{opening.id}/reply", data={"body": "Hi, new here."})
    held = thread_posts(thread)[1]
    db.session.expire_all()
    assert held.held and db.session.get(Thread, thread.id).reply_count == 0
    assert "Hi, new here." not in html_of(browser_for(moderator).get("/talk/replies"))
    moderation.approve(moderator, held)
    db.session.expire_all()
    assert not held.held and db.session.get(Thread, thread.id).reply_count == 1
    assert db.session.scalar(select(QueueItem)).closed_at is not None
    entry = db.session.scalar(select(ModerationAction).where(ModerationAction.action == "approve"))
    assert (entry.actor_id, entry.target_member_id) == (moderator.id, newcomer.id)


def test_after_approval_later_posts_show_at_once(holding, newcomer, make_moderator):
    thread = discussions.start_thread(
        newcomer, discussions.space_by_slug("introductions"), title="One", body="First"
    )
    moderation.approve(make_moderator(), thread_posts(thread)[0])
    second = discussions.reply(newcomer, thread, body="Second")
    assert not second.held


def test_editing_an_approved_post_while_new_waits_for_a_moderator_again(
    holding, client, newcomer, make_moderator, make_member, make_thread, browser_for
):
    moderator = make_moderator()
    thread = make_thread(author=moderator)
    client.post(f"/talk/posts/{thread_posts(thread)[0].id}/reply", data={"body": "Hi, new here."})
    mine = thread_posts(thread)[1]
    moderation.approve(moderator, mine)
    response = client.post(f"/talk/posts/{mine.id}/edit", data={"body": "Buy cheap pills now"})
    html = html_of(client.get(response.headers["Location"]))
    assert "changes to a post wait for a moderator" in html and "Waiting for a moderator." in html
    db.session.expire_all()
    assert mine.held and db.session.get(Thread, thread.id).reply_count == 0
    assert "Buy cheap pills" not in html_of(
        browser_for(make_member()).get(f"/talk/threads/{thread.id}")
    )
    item = db.session.scalar(select(QueueItem).where(QueueItem.closed_at.is_(None)))
    assert item.post_id == mine.id and item.held
    moderation.approve(moderator, mine)
    db.session.expire_all()
    assert not mine.held and db.session.get(Thread, thread.id).reply_count == 1


def test_editing_once_trusted_shows_at_once(holding, newcomer, make_moderator):
    thread = discussions.start_thread(
        newcomer, discussions.space_by_slug("introductions"), title="One", body="First"
    )
    first = thread_posts(thread)[0]
    moderation.approve(make_moderator(), first)
    discussions.reply(newcomer, thread, body="Second")
    discussions.edit_post(newcomer, first, body="First, changed")
    assert not first.held and not first.screening.held


@pytest.mark.parametrize(
    ("setting", "held"), [(0, [False, False]), (1, [True, True]), (2, [True, True])]
)
def test_holding_follows_the_setting(app, newcomer, setting, held):
    app.config["HOLD_FIRST_POSTS"] = setting
    thread = discussions.start_thread(
        newcomer, discussions.space_by_slug("introductions"), title="One", body="First"
    )
    discussions.reply(newcomer, thread, body="Second")
    assert [p.held for p in thread_posts(thread)] == held


def test_possible_risk_post_offers_help_and_goes_first_in_the_queue(
    client, newcomer, make_member, make_thread, make_moderator, browser_for
):
    earlier = make_thread(title="Older")
    ordinary = thread_posts(earlier)[0]
    browser_for(make_member()).post(f"/talk/posts/{ordinary.id}/report", data={"reason": "kind"})
    response = client.post(
        "/talk/mind-and-body/new",
        data={"title": "Bad week", "body": "Honestly some days I want to end it all."},
    )
    html = html_of(client.get(response.headers["Location"]))
    for text in HELP:
        assert text in html
    assert "Honestly some days I want to end it all." in html
    risky = db.session.scalar(select(Post).where(Post.body.like("Honestly%")))
    other = html_of(browser_for(make_member()).get(f"/talk/threads/{risky.thread_id}"))
    assert "Honestly some days I want to end it all." in other  # it stays visible
    assert "deal with this alone" not in other
    page, counts = queue.queue_page()
    assert [e.item.post_id for e in page.items] == [risky.id, ordinary.id]
    assert page.items[0].item.risk_phrases == "end it all" and counts.risk == 1
    queue_html = html_of(browser_for(make_moderator()).get("/moderate"))
    assert queue_html.index("Possible risk") < queue_html.index("Older")


def test_ordinary_post_offers_no_panel_and_no_queue_item(client, newcomer):
    response = client.post(
        "/talk/mind-and-body/new",
        data={"title": "Tea", "body": "I could die for a cup of tea. My prescription is overdue."},
    )
    assert "deal with this alone" not in html_of(client.get(response.headers["Location"]))
    assert db.session.scalar(select(QueueItem)) is None


def test_editing_a_post_to_add_risk_words_flags_it(client, newcomer, make_thread):
    thread = make_thread(author=newcomer)
    post = thread_posts(thread)[0]
    response = client.post(f"/talk/posts/{post.id}/edit", data={"body": "I feel suicidal."})
    assert "deal with this alone" in html_of(client.get(response.headers["Location"]))
    assert db.session.scalar(select(QueueItem)).possible_risk
