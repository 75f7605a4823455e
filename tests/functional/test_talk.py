"""Talk: spaces, threads, replies, reactions, following and the Replies page, end to end."""

import re
from datetime import UTC, datetime

import pytest
from flask import url_for

from app.extensions import db
from app.models import Reaction, Thread
from app.services import discussions
from app.templating import UrlPattern
from tests.functional.helpers import html_of, thread_posts


@pytest.fixture
def member(make_member, sign_in):
    member = make_member()
    sign_in(member)
    return member


def test_visitor_opening_a_thread_link_sees_one_step_entry_then_lands_on_it(client, make_thread):
    thread = make_thread(title="Insulin and tiredness")
    response = client.get(f"/talk/threads/{thread.id}")
    html = html_of(response)
    assert response.status_code == 200
    assert "Talk is for members" in html and "Insulin and tiredness" not in html
    assert f'name="next" value="/talk/threads/{thread.id}"' in html
    assert response.headers["X-Robots-Tag"] == "noindex"
    assert response.headers["Cache-Control"] == "no-store"
    entered = client.post("/enter", data={"next": f"/talk/threads/{thread.id}"})
    assert f'name="next" value="/talk/threads/{thread.id}"' in html_of(entered)
    assert "Insulin and tiredness" in html_of(client.get(f"/talk/threads/{thread.id}"))


def test_talk_index_lists_spaces_and_condition_filters(client, member):
    html = html_of(client.get("/talk"))
    for name in ("Introductions", "Mind and body", "Off-topic and chat"):
        assert name in html
    assert 'href="/talk/all?tag=diabetes"' in html


def test_start_thread_with_tags_and_note_shows_it_collapsed(client, member):
    response = client.post(
        "/talk/mind-and-body/new",
        data={
            "title": "Low after my diagnosis",
            "body": "It has been a *hard* month.",
            "tags": ["diabetes", "heart"],
            "content_note": "A new diagnosis",
        },
    )
    assert response.status_code == 303
    html = html_of(client.get(response.headers["Location"]))
    assert "<h1>Low after my diagnosis</h1>" in html
    assert "<summary>Content note: A new diagnosis</summary>" in html
    assert "<em>hard</em>" in html
    assert "Diabetes</a>, <a" in html and "Heart conditions" in html
    assert f"{member.name}</strong> started this thread" in html


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"title": "", "body": "Words"}, "title", "Enter a title for your thread"),
        ({"title": "x" * 151, "body": "Words"}, "title", "Title must be 150 characters or fewer"),
        ({"title": "Hello", "body": "   "}, "body", "Enter your message"),
        ({"title": "Hello", "body": "y" * 5001}, "body", "5,000 characters or fewer"),
        (
            {"title": "Hello", "body": "Hi", "content_note": "n" * 61},
            "content_note",
            "60 characters",
        ),
        ({"title": "Hello", "body": "Hi", "tags": ["cheese"]}, "tags", "Choose conditions"),
        ({"title": "My invoice \u202egnp.exe", "body": "Hi"}, "title", "must not include hidden"),
        ({"title": "Zero\u200bwidth", "body": "Hi"}, "title", "must not include hidden"),
        (
            {"title": "Hello", "body": "Hi", "content_note": "grief\u2066 isolate"},
            "content_note",
            "must not include hidden",
        ),
    ],
)
def test_start_thread_with_bad_input_keeps_text_and_explains(client, member, data, field, message):
    response = client.post("/talk/introductions/new", data=data)
    html = html_of(response)
    assert response.status_code == 200
    assert "There is a problem" in html and message in html
    assert re.search(r"<title>Error: ", html)
    target = "tags-0" if field == "tags" else field
    assert f'href="#{target}"' in html and f'id="{field}-error"' in html
    if data["body"].strip():
        assert data["body"][:50] in html
    if "hidden" in message:  # what was typed is kept to put right
        assert (data.get("content_note") or data["title"]) in html
    assert db.session.query(Thread).count() == 0


def test_preview_shows_rendered_post_and_saves_nothing(client, member):
    response = client.post(
        "/talk/introductions/new",
        data={"title": "Hello", "body": "**Hi** all", "preview": "Preview"},
    )
    html = html_of(response)
    assert '<h2 id="preview-heading">Preview</h2>' in html and "<strong>Hi</strong>" in html
    assert "**Hi** all" in html
    assert db.session.query(Thread).count() == 0


def test_reply_nests_and_deep_replies_attach_at_depth_three(
    client, member, make_member, make_thread
):
    thread = make_thread()
    others = [make_member() for _ in range(4)]
    to = None
    for other in others:
        to = discussions.reply(other, thread, body=f"From {other.name}", to=to)
    deepest = to
    assert deepest.depth == 3
    response = client.post(f"/talk/posts/{deepest.id}/reply", data={"body": "Me at the bottom"})
    mine = thread_posts(thread)[-1]
    assert response.headers["Location"] == f"/talk/threads/{thread.id}#post-{mine.id}"
    assert mine.depth == 3 and mine.parent_id == deepest.parent_id
    html = html_of(client.get(f"/talk/threads/{thread.id}"))
    assert f"{member.name}</strong> replied to {others[-1].name}" in html
    assert html.count('<ol class="replies">') == 3


def test_reply_form_at_thread_bottom_posts_to_opening_post(client, member, make_thread):
    thread = make_thread()
    opening = thread_posts(thread)[0]
    html = html_of(client.get(f"/talk/threads/{thread.id}"))
    assert f'action="/talk/posts/{opening.id}/reply"' in html
    client.post(f"/talk/posts/{opening.id}/reply", data={"body": "Same here"})
    db.session.expire_all()
    assert db.session.get(Thread, thread.id).reply_count == 1


def test_double_submitted_reply_is_saved_once(client, member, make_thread):
    thread = make_thread()
    opening = thread_posts(thread)[0]
    first = client.post(f"/talk/posts/{opening.id}/reply", data={"body": "Only once please"})
    second = client.post(f"/talk/posts/{opening.id}/reply", data={"body": "Only once please"})
    assert first.headers["Location"] == second.headers["Location"]
    assert len(thread_posts(thread)) == 2


def test_reply_to_removed_post_keeps_text_and_explains(client, member, make_member, make_thread):
    thread = make_thread()
    other = make_member()
    post = discussions.reply(other, thread, body="I will take this back")
    discussions.remove_post(other, post)
    response = client.post(f"/talk/posts/{post.id}/reply", data={"body": "My careful answer"})
    html = html_of(response)
    assert response.status_code == 200
    assert "That post has been removed" in html and "My careful answer" in html


def test_reply_to_locked_thread_keeps_text_and_explains(client, member, make_thread):
    thread = make_thread()
    thread.locked = True
    db.session.commit()
    opening = thread_posts(thread)[0]
    response = client.post(f"/talk/posts/{opening.id}/reply", data={"body": "Late words"})
    html = html_of(response)
    assert "This thread has been locked" in html and "Late words" in html
    assert len(thread_posts(thread)) == 1


@pytest.mark.parametrize(
    "path",
    [
        "/talk/threads/999999",
        "/talk/posts/999999/reply",
        "/talk/nowhere",
        "/talk/all?tag=cheese",
        "/talk/nowhere/new",
    ],
)
def test_missing_thread_post_space_or_tag_is_404(client, member, path):
    assert client.get(path).status_code == 404


def test_edit_own_post_shows_edited(client, member, make_thread):
    thread = make_thread(author=member)
    opening = thread_posts(thread)[0]
    response = client.post(f"/talk/posts/{opening.id}/edit", data={"body": "Better words"})
    assert response.status_code == 303
    html = html_of(client.get(f"/talk/threads/{thread.id}"))
    assert "Better words" in html and "(edited)" in html


def test_edit_with_empty_body_keeps_form_and_post(client, member, make_thread):
    thread = make_thread(author=member, body="Original words")
    opening = thread_posts(thread)[0]
    html = html_of(client.post(f"/talk/posts/{opening.id}/edit", data={"body": ""}))
    assert "Enter your message" in html
    assert thread_posts(thread)[0].body == "Original words"


def test_remove_own_post_keeps_thread_shape(client, member, make_member, make_thread):
    thread = make_thread(author=member)
    opening = thread_posts(thread)[0]
    discussions.reply(make_member(), thread, body="A reply that stays")
    assert "Remove your post?" in html_of(client.get(f"/talk/posts/{opening.id}/remove"))
    client.post(f"/talk/posts/{opening.id}/remove")
    html = html_of(client.get(f"/talk/threads/{thread.id}"))
    assert "This post was removed by its author." in html
    assert "A reply that stays" in html and "Does anyone else" not in html


def test_members_cannot_edit_or_remove_others_posts(client, member, make_thread):
    thread = make_thread(body="Not yours")
    opening = thread_posts(thread)[0]
    assert client.get(f"/talk/posts/{opening.id}/edit").status_code == 403
    edited = client.post(f"/talk/posts/{opening.id}/edit", data={"body": "Mine now"})
    assert edited.status_code == 403
    assert client.post(f"/talk/posts/{opening.id}/remove").status_code == 403
    assert thread_posts(thread)[0].body == "Not yours"


def test_reactions_toggle_and_count_once_per_member(client, member, make_thread):
    thread = make_thread()
    opening = thread_posts(thread)[0]
    url = f"/talk/posts/{opening.id}/react/helped"
    assert client.post(url).headers["Location"] == f"/talk/threads/{thread.id}#post-{opening.id}"
    client.post(f"/talk/posts/{opening.id}/react/me_too")
    post = thread_posts(thread)[0]
    assert (post.helped_count, post.me_too_count) == (1, 1)
    html = html_of(client.get(f"/talk/threads/{thread.id}"))
    assert 'aria-pressed="true" class="button-small">This helped me <span class="count">1' in html
    client.post(url)
    assert thread_posts(thread)[0].helped_count == 0
    assert db.session.query(Reaction).count() == 1
    assert client.post(f"/talk/posts/{opening.id}/react/downvote").status_code == 404


def test_follow_and_replies_page_show_new_replies_with_header_count(
    client, member, make_member, make_thread
):
    mine = make_thread(author=member, title="My own thread")
    followed = make_thread(title="One I follow")
    client.post(f"/talk/threads/{followed.id}/follow", data={"follow": "yes"})
    other = make_member()
    discussions.reply(other, mine, body="Answer in yours")
    discussions.reply(other, followed, body="Answer in followed")
    html = html_of(client.get("/talk/replies"))
    assert html.count('<strong class="badge">New</strong>') == 2
    assert "My own thread" in html and "One I follow" in html
    assert '2<span class="visually-hidden"> new</span>' in html
    client.get(f"/talk/threads/{mine.id}")
    assert '1<span class="visually-hidden"> new</span>' in html_of(client.get("/talk"))
    client.post(f"/talk/threads/{followed.id}/follow", data={"follow": "no"})
    assert "One I follow" not in html_of(client.get("/talk/replies"))


def test_space_list_marks_new_activity_and_paginates(client, member, make_thread):
    for n in range(21):
        make_thread(title=f"Thread {n}")
    first = html_of(client.get("/talk/introductions"))
    assert first.count('<strong class="badge">New</strong>') == 20
    assert "Page 1 of 2" in first
    assert 'rel="next">Next page<span class="visually-hidden">, 2 of 2</span>' in first
    second = html_of(client.get("/talk/introductions?page=2"))
    assert "Thread 0" in second and 'rel="prev"' in second


def test_tag_filter_finds_threads_across_spaces(client, member, make_thread):
    make_thread(space="mind-and-body", title="Breathless and scared", tags=["copd-lung"])
    make_thread(space="off-topic", title="Gardening", tags=[])
    html = html_of(client.get("/talk/all?tag=copd-lung"))
    assert "Breathless and scared" in html and "Gardening" not in html
    assert "in Mind and body" in html


@pytest.mark.parametrize(
    ("setting", "expect"),
    [
        ("collapsed", '<details class="content-note">'),
        ("expanded", '<details class="content-note" open>'),
        ("hidden", "It is hidden by"),
    ],
)
def test_content_note_follows_reader_preference(
    client, make_member, sign_in, make_thread, setting, expect
):
    thread = make_thread(body="Hard words", content_note="Grief")
    sign_in(make_member(content_notes=setting))
    html = html_of(client.get(f"/talk/threads/{thread.id}"))
    assert expect in html
    assert ("Hard words" in html) == (setting != "hidden")


def test_garden_saves_and_removes_threads_posts_and_learn_pages(client, member, make_thread):
    thread = make_thread(title="Worth keeping")
    opening = thread_posts(thread)[0]
    client.post("/garden/save", data={"kind": "thread", "target": thread.id})
    client.post("/garden/save", data={"kind": "thread", "target": thread.id})
    client.post(
        "/garden/save",
        data={
            "kind": "post",
            "target": opening.id,
            "next": f"/talk/threads/{thread.id}#post-{opening.id}",
        },
    )
    client.post("/garden/save", data={"kind": "learn", "target": "sleep"})
    html = html_of(client.get("/garden"))
    assert html.count('">Worth keeping</a>') == 1 and "In “Worth keeping”" in html
    assert "Sleeping better with a long-term condition" in html
    assert html.count("from My Garden</button>") == 3
    item_id = re.search(r'action="/garden/(\d+)/remove"', html).group(1)
    client.post(f"/garden/{item_id}/remove")
    assert html_of(client.get("/garden")).count("from My Garden</button>") == 2
    assert client.post("/garden/save", data={"kind": "learn", "target": "nope"}).status_code == 404


def test_garden_and_replies_are_members_only(client):
    assert client.get("/garden").status_code == 302
    assert "Talk is for members" in html_of(client.get("/talk/replies"))


def test_hidden_post_is_invisible_to_other_members_but_shown_to_its_author(
    app, client, member, make_member, make_thread
):
    thread = make_thread()
    author = make_member()
    hidden = discussions.reply(author, thread, body="Something a moderator hid")
    hidden.hidden_at = datetime.now(UTC)
    db.session.commit()
    assert "Something a moderator hid" not in html_of(client.get(f"/talk/threads/{thread.id}"))
    assert client.get(f"/talk/posts/{hidden.id}/reply").status_code == 404
    author_browser = app.test_client()
    author_browser.post("/return", data={"name": author.name, "secret": author.phrase})
    html = html_of(author_browser.get(f"/talk/threads/{thread.id}"))
    assert "Only you and the moderators can see it" in html and "Something a moderator hid" in html


def test_set_space_command_adds_and_edits_spaces(app):
    runner = app.test_cli_runner()
    added = runner.invoke(
        args=[
            "set-space",
            "kidney-talk",
            "--name",
            "Kidney talk",
            "--description",
            "Living with kidney disease.",
        ]
    )
    assert added.exit_code == 0, added.output
    assert discussions.space_by_slug("kidney-talk").name == "Kidney talk"
    renamed = runner.invoke(args=["set-space", "kidney-talk", "--name", "Kidneys"])
    assert renamed.exit_code == 0 and discussions.space_by_slug("kidney-talk").name == "Kidneys"


@pytest.mark.parametrize(
    "args",
    [
        ["set-space", "replies", "--name", "x", "--description", "y"],
        ["set-space", "Bad Slug", "--name", "x", "--description", "y"],
        ["set-space", "brand-new", "--name", "Only a name"],
        ["set-space", "introductions", "--name", " "],
    ],
)
def test_set_space_command_with_bad_input_explains(app, args):
    result = app.test_cli_runner().invoke(args=args)
    assert result.exit_code == 2
    assert "Error:" in result.output


def test_url_pattern_builds_the_same_address_as_url_for(app):
    with app.test_request_context("/", base_url="http://localhost/site"):
        for endpoint, values in [
            ("discussions.react", {"kind": "me_too"}),
            ("discussions.reply", {}),
            ("moderation.post", {}),
        ]:
            pattern = UrlPattern(endpoint, "post_id", **values)
            for post_id in (1, 42, 2_147_483_647):
                assert pattern(post_id) == url_for(endpoint, post_id=post_id, **values)
