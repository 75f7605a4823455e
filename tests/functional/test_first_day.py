"""A community ready for its first day: pinned welcome threads from the site team, labels on
moderators' posts, reporters hearing back, private notes on a member, and a neutral hint about
shared networks."""

import json

import pytest
from sqlalchemy import select

from app.extensions import db
from app.models import Member, QueueItem, Thread
from app.services import accounts, discussions, member_notes, moderation, reports, welcome
from app.services.errors import FieldError
from tests.functional.helpers import html_of, thread_posts


def test_pinned_thread_heads_its_space_until_unpinned(
    client, make_member, sign_in, make_thread, make_moderator
):
    reader = make_member()
    sign_in(reader)
    older = make_thread(title="Please read first")
    make_thread(title="Newer chat")
    moderator = make_moderator()
    moderation.set_pinned(moderator, older, True)
    page = html_of(client.get("/talk/introductions"))
    assert page.index("Please read first") < page.index("Newer chat")
    assert "<h2>Pinned</h2>" in page and page.count("Please read first") == 1
    moderation.set_pinned(moderator, older, False)
    page = html_of(client.get("/talk/introductions"))
    assert "<h2>Pinned</h2>" not in page
    assert page.index("Newer chat") < page.index("Please read first")


def test_pin_from_the_moderation_page_is_logged(make_thread, make_moderator, browser_for):
    thread = make_thread()
    moderator = make_moderator()
    desk = browser_for(moderator)
    response = desk.post(f"/moderate/threads/{thread.id}/pin", data={"pinned": "yes"})
    assert response.status_code == 303
    db.session.expire_all()
    assert db.session.get(Thread, thread.id).pinned_at is not None
    assert "Pinned a thread" in html_of(desk.get("/moderate/log"))
    desk.post(f"/moderate/threads/{thread.id}/pin", data={"pinned": "yes"})
    assert "already pinned" in html_of(desk.get(f"/moderate/threads/{thread.id}"))


def test_pin_is_for_moderators_only(client, make_member, sign_in, make_thread):
    thread = make_thread()
    sign_in(make_member())
    assert (
        client.post(f"/moderate/threads/{thread.id}/pin", data={"pinned": "yes"}).status_code == 403
    )
    db.session.expire_all()
    assert db.session.get(Thread, thread.id).pinned_at is None


def test_welcome_threads_are_pinned_in_every_space_from_the_team_once(
    app, client, make_member, sign_in
):
    runner = app.test_cli_runner()
    result = runner.invoke(args=["add-welcome-threads"])
    assert result.exit_code == 0, result.output
    spaces = discussions.spaces()
    assert result.output.count("welcome thread added and pinned") == len(spaces)
    again = runner.invoke(args=["add-welcome-threads"])
    assert again.output.count("already has its welcome thread") == len(spaces)
    threads = list(db.session.scalars(select(Thread)).unique())
    assert len(threads) == len(spaces) and all(t.pinned_at for t in threads)
    assert {t.author.name for t in threads} == {welcome.TEAM_NAME}
    assert db.session.scalar(select(QueueItem)) is None  # nothing in them reads as risk
    sign_in(make_member())
    page = html_of(client.get("/talk/introductions"))
    assert "<h2>Pinned</h2>" in page and "Welcome to Introductions" in page
    opening = thread_posts(threads[0])[0]
    thread_page = html_of(client.get(f"/talk/threads/{opening.thread_id}"))
    assert f'<strong>{welcome.TEAM_NAME}</strong> <span class="badge">Site team</span>' in (
        thread_page
    )
    assert "The rules in one line" in thread_page


def test_nobody_can_sign_in_as_the_team_or_take_its_name(app, client, make_member):
    team = welcome.team_account()
    assert client.post("/return", data={"name": team.name, "secret": "x"}).status_code != 303
    with pytest.raises(FieldError, match="words the site uses for itself"):
        accounts.rename(make_member(), "The CommonGround team")


def test_moderators_posts_carry_a_moderator_label(
    client, make_member, sign_in, make_thread, make_moderator
):
    moderator = make_moderator(name="Gentle Keeper 4")
    thread = make_thread(author=make_member(name="Plain Member 5"))
    discussions.reply(moderator, thread, body="Welcome, glad you are here.")
    sign_in(make_member())
    page = html_of(client.get(f"/talk/threads/{thread.id}"))
    assert '<strong>Gentle Keeper 4</strong> <span class="badge">Moderator</span>' in page
    assert "<strong>Plain Member 5</strong> started" in page


def test_reporter_hears_back_without_who_or_what(
    client, make_member, sign_in, make_thread, make_moderator
):
    reporter = make_member()
    sign_in(reporter)
    thread = make_thread(title="Buy my cure")
    kept = make_thread(title="A fair question")
    waiting = make_thread(title="Still waiting")
    for each in (thread, kept, waiting):
        reports.report(reporter, thread_posts(each)[0], reason="no-selling")
    moderator = make_moderator(name="Fair Keeper 6")
    moderation.hide(moderator, thread_posts(thread)[0], rule="no-selling", reason="Selling.")
    moderation.dismiss(moderator, thread_posts(kept)[0])
    page = html_of(client.get("/account/reports"))
    assert page.count("A moderator looked and took action.") == 1
    assert page.count("A moderator looked and decided no action was needed.") == 1
    assert page.count("Waiting for a moderator to look.") == 1
    assert "Fair Keeper 6" not in page and "Selling." not in page and "hid your" not in page


def test_private_notes_are_for_moderators_and_in_the_members_download(
    client, make_member, sign_in, make_moderator, browser_for
):
    member = make_member(name="Noted Member 7")
    moderator = make_moderator()
    desk = browser_for(moderator)
    response = desk.post(
        f"/moderate/members/{member.id}/notes",
        data={"member_note-body": "Sent a check-in after a hard night."},
    )
    assert response.status_code == 303
    page = html_of(desk.get(f"/moderate/members/{member.id}"))
    assert "Sent a check-in after a hard night." in page
    empty = desk.post(f"/moderate/members/{member.id}/notes", data={"member_note-body": " "})
    assert empty.status_code == 200 and "Write the note" in html_of(empty)
    sign_in(member)
    assert client.get(f"/moderate/members/{member.id}").status_code == 403
    data = json.loads(html_of(client.get("/account/download")))
    assert [n["note"] for n in data["moderators_notes_about_me"]] == [
        "Sent a check-in after a hard night."
    ]
    assert "by" not in data["moderators_notes_about_me"][0]
    assert len(member_notes.about(db.session.get(Member, member.id))) == 1


def test_shared_network_hint_is_neutral_and_only_where_it_helps(
    client, make_member, sign_in, make_moderator, browser_for
):
    from app.services import addresses

    writer, other = make_member(), make_member()
    sign_in(writer)
    response = client.post(
        "/talk/mind-and-body/new", data={"title": "Low", "body": "I want to end it all."}
    )
    thread_id = int(response.headers["Location"].rsplit("/", 1)[1])
    db.session.expire_all()
    writer = db.session.get(Member, writer.id)
    addresses.note(db.session.get(Member, other.id), writer.address_hash)  # the same network
    db.session.commit()
    post = thread_posts(db.session.get(Thread, thread_id))[0]
    desk = browser_for(make_moderator())
    hint = "1 other account has used the same network today"
    assert hint not in html_of(desk.get("/moderate"))
    assert hint not in html_of(desk.get(f"/moderate/posts/{post.id}"))  # possible risk alone
    member_page = html_of(desk.get(f"/moderate/members/{writer.id}"))
    assert hint in member_page and "on its own this is not a sign of anything" in member_page
    reports.report(make_member(), post, reason="kind")
    assert hint in html_of(desk.get(f"/moderate/posts/{post.id}"))
