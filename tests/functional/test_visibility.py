"""The one visibility rule at every door: a route that takes an id refuses (404) what the member
may not see, and no list shows it, however it was reached."""

import json
from datetime import UTC, datetime

import pytest
from sqlalchemy import select
from werkzeug.routing import IntegerConverter

from app.conduct import REPORT_REASONS, RULES
from app.extensions import db
from app.models import ModerationAction, SavedItem
from app.services import discussions, garden, moderation
from tests.functional.helpers import html_of, thread_posts

HELD_TITLE = "I hide my diabetes from my husband"
HIDDEN_TITLE = "Nobody at work knows about my lupus"
SECRET_REPLY = "my sister must never read this"

# What each route taking an int id is sent, beside the id. Moderation pages refuse every member
# who does not moderate (403) before any id is looked at.
POST_FORMS = {
    "discussions.reply": {"body": "A reply"},
    "discussions.edit": {"body": "New words"},
    "discussions.report": {"reason": next(iter(REPORT_REASONS))},
    "discussions.follow": {"follow": "yes"},
}


@pytest.fixture
def withheld(make_member, make_moderator, make_thread, sign_in):
    """A member signed in on `client`, and what others wrote that they may not see: a held
    thread, a hidden thread (with a reply of its own), and a hidden reply in an open thread."""
    author, moderator = make_member(), make_moderator()
    held = make_thread(author=author, title=HELD_TITLE, body="about diabetes")
    hidden = make_thread(author=author, title=HIDDEN_TITLE, body="about lupus", replies=1)
    open_thread = make_thread(title="An open thread")
    hidden_reply = discussions.reply(make_member(), open_thread, body=SECRET_REPLY)
    held_opening, (hidden_opening, reply_in_hidden) = thread_posts(held)[0], thread_posts(hidden)
    held_opening.held_at = datetime.now(UTC)
    db.session.commit()
    for post in (hidden_opening, hidden_reply):
        moderation.hide(moderator, post, rule=RULES[0].key, reason="Broke a rule")
    garden.save(author, "thread", str(held.id), {})
    decision = db.session.scalars(select(ModerationAction)).first()
    member = make_member()
    sign_in(member)
    return {
        "member": member,
        "thread_id": [held.id, hidden.id],
        "post_id": [held_opening.id, hidden_opening.id, reply_in_hidden.id, hidden_reply.id],
        "member_id": [author.id],
        "item_id": [db.session.scalar(select(SavedItem.id))],
        "decision_id": [decision.id],
        # Admin pages refuse members before any lookup, so any id will do.
        "message_id": [1],
        "note_id": [1],
    }


def _id_routes(app):
    for rule in app.url_map.iter_rules():
        ids = [
            name
            for name, converter in rule._converters.items()
            if isinstance(converter, IntegerConverter)
        ]
        if ids:
            yield rule, ids


def _assert_nothing_shown(client):
    pages = [
        "/garden",
        "/account/muted",
        "/account/download",
        "/talk/all",
        "/talk/replies",
        "/search?q=diabetes",
        "/search?q=lupus",
        "/search?q=sister",
    ]
    for page in pages:
        response = client.get(page)
        assert response.status_code == 200, page
        text = html_of(response)
        for secret in (HELD_TITLE, HIDDEN_TITLE, SECRET_REPLY):
            assert secret not in text, (page, secret)


def test_every_route_taking_an_id_refuses_what_the_member_may_not_see(app, client, withheld):
    urls = app.url_map.bind("localhost")
    walked = set()
    for rule, ids in _id_routes(app):
        assert len(ids) == 1 and ids[0] in withheld, f"{rule.rule}: no withheld id to try"
        moderating = rule.endpoint.startswith(("moderation.", "admin."))
        for value in withheld[ids[0]]:
            values = {ids[0]: value} | ({"kind": "helped"} if "kind" in rule.arguments else {})
            address = urls.build(rule.endpoint, values)
            for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
                data = POST_FORMS.get(rule.endpoint, {}) if method == "POST" else None
                response = client.open(address, method=method, data=data)
                assert response.status_code == (403 if moderating else 404), (method, address)
                for secret in (HELD_TITLE, HIDDEN_TITLE, SECRET_REPLY):
                    assert secret not in html_of(response), (method, address)
        walked.add(rule.endpoint)
    assert {
        "discussions.follow",
        "account.mute_thread",
        "account.mute_author",
        "discussions.react",
        "garden.remove",
    } <= walked
    for kind in ("thread", "post"):
        for value in withheld[f"{kind}_id"]:
            response = client.post("/garden/save", data={"kind": kind, "target": str(value)})
            assert response.status_code == 404, (kind, value)
    _assert_nothing_shown(client)


def test_saved_followed_and_muted_while_open_then_withheld_shows_no_title(
    app, client, make_member, make_moderator, make_thread, sign_in
):
    member = make_member()
    sign_in(member)
    thread = make_thread(title=HELD_TITLE)
    post = discussions.reply(make_member(), thread, body=SECRET_REPLY)
    other = make_thread(title=HIDDEN_TITLE)
    for kind, target in (("thread", thread.id), ("post", post.id)):
        assert client.post("/garden/save", data={"kind": kind, "target": target}).status_code == 303
    client.post(f"/talk/threads/{thread.id}/follow", data={"follow": "yes"})
    client.post(f"/account/mute/threads/{other.id}")
    discussions.reply(member, thread, body="My own reply stays mine")
    assert HELD_TITLE in html_of(client.get("/garden"))
    assert HIDDEN_TITLE in html_of(client.get("/account/muted"))
    moderator = make_moderator()
    for opening in (thread_posts(thread)[0], thread_posts(other)[0]):
        moderation.hide(moderator, opening, rule=RULES[0].key, reason="Broke a rule")
    _assert_nothing_shown(client)
    data = json.loads(html_of(client.get("/account/download")))
    assert [p["text"] for p in data["posts"]] == ["My own reply stays mine"]
    assert data["following"] == [] and data["muted"]["threads"] == []


def test_reporting_a_post_that_reports_then_hide_still_thanks_and_lets_mute(
    app, client, make_member, make_thread, sign_in
):
    app.config.update(REPORTS_TO_HIDE=1, ESTABLISHED_MEMBER_DAYS=0, ESTABLISHED_MEMBER_POSTS=0)
    sign_in(make_member())
    post = discussions.reply(make_member(name="Unkind Voice 9"), make_thread(), body="Unkind")
    response = client.post(f"/talk/posts/{post.id}/report", data={"reason": RULES[0].key})
    db.session.expire_all()
    assert response.status_code == 303 and post.hidden
    assert "What happens next" in html_of(client.get(response.headers["Location"]))
    assert client.post(f"/account/mute/posts/{post.id}").status_code == 303
    assert "Unkind Voice 9" in html_of(client.get("/account/muted"))
