"""Answering a person at risk with kindness, and protecting readers: check-ins, risk review
and escalation, content notes offered and set, and moderation hours."""

import json
import re
from datetime import UTC, datetime, timedelta
from unittest.mock import ANY

import pytest
from sqlalchemy import select

from app import moderation_hours
from app.extensions import db
from app.models import Member, MemberMessage, ModerationAction, Post, QueueItem, Thread
from app.services import care, moderation, queue
from app.services.errors import PermissionDenied
from app.timefmt import aware
from tests.functional.helpers import html_of, thread_posts

RISKY = "Some nights I think my family would be better off without me."
# A Saturday night in London: outside weekday hours.
SATURDAY_NIGHT = datetime(2026, 12, 5, 23, 30, tzinfo=UTC)
TUESDAY_MORNING = datetime(2026, 12, 1, 10, 0, tzinfo=UTC)


@pytest.fixture
def weekday_hours(app, monkeypatch):
    """Moderators read posts on weekdays, 9 to 5; the clock says Saturday night unless moved."""
    app.config["MODERATION_HOURS"] = "Mon-Fri 09:00-17:00"
    clock = {"now": SATURDAY_NIGHT}
    monkeypatch.setattr(moderation_hours, "now", lambda: clock["now"])
    return clock


@pytest.fixture
def writer(make_member, sign_in):
    member = make_member(name="Night Writer 7")
    sign_in(member)
    return member


def _risk_item(post) -> QueueItem:
    db.session.expire_all()
    return db.session.scalar(select(QueueItem).where(QueueItem.post_id == post.id))


def _write_risky_thread(client, title="Hard nights"):
    response = client.post("/talk/mind-and-body/new", data={"title": title, "body": RISKY})
    assert response.status_code == 303
    page = html_of(client.get(response.headers["Location"]))
    thread_id = int(response.headers["Location"].rsplit("/", 1)[1])
    post = db.session.scalar(select(Post).where(Post.thread_id == thread_id))
    return post, page


def _actions() -> list[str]:
    return list(db.session.scalars(select(ModerationAction.action).order_by(ModerationAction.id)))


def test_journey_risk_post_out_of_hours_waits_is_answered_and_read_behind_its_note(
    weekday_hours, client, writer, make_member, make_moderator, browser_for
):
    post, page = _write_risky_thread(client)
    # The writer: help at once, and one true message about what happens to the post.
    assert "have to deal with this alone" in page and 'href="tel:116123"' in page
    assert "Your post waits for a moderator before others can see it." in page
    assert "outside the hours moderators read posts: Monday to Friday, 9am to 5pm" in page
    assert "still here for others to read" not in page
    reader = browser_for(make_member(name="Kind Reader 8"))
    assert reader.get(f"/talk/threads/{post.thread_id}").status_code == 404  # it waits
    assert "Hard nights" not in html_of(reader.get("/talk/mind-and-body"))

    moderator = make_moderator(name="Calm Keeper 9")
    desk = browser_for(moderator)
    queue_page = html_of(desk.get("/moderate"))
    assert "Possible risk" in queue_page and "better off without me" in queue_page
    case = html_of(desk.get(f"/moderate/posts/{post.id}"))
    assert 'href="/moderate/guide"' in case and "wanted to check in" in case
    default = care.default_check_in(writer)
    assert (
        desk.post(f"/moderate/posts/{post.id}/check-in", data={"checkin-body": default}).status_code
        == 303
    )
    assert (
        desk.post(
            f"/moderate/posts/{post.id}/content-note",
            data={
                "note-content_note": "Thoughts of suicide",
                "note-reason": "So readers can choose when to read it.",
            },
        ).status_code
        == 303
    )
    item = _risk_item(post)
    assert (
        desk.post(
            f"/moderate/items/{item.id}/risk",
            data={"risk-outcome": "checked-in", "risk-note": "Sent a check-in."},
        ).status_code
        == 303
    )

    item = _risk_item(post)
    assert item.risk_outcome == "checked-in" and item.closed_at is not None
    assert "better off without me" not in html_of(desk.get("/moderate"))
    assert _actions()[-3:] == ["check-in", "content-note", "risk-reviewed"]

    # Another member now reads it, behind its content note.
    thread_page = html_of(reader.get(f"/talk/threads/{post.thread_id}"))
    note = re.search(
        r'<details class="content-note">\s*<summary>Content note: Thoughts of '
        r'suicide</summary>\s*<div class="post-body">(.*?)</div>',
        thread_page,
        re.S,
    )
    assert note and "better off without me" in note.group(1)
    assert "Hard nights" in html_of(reader.get("/talk/mind-and-body"))

    # The writer sees the check-in as a calm notice and in their messages, not as a decision.
    notice = html_of(client.get("/learn"))
    assert "A message for you from the moderators." in notice
    messages = html_of(client.get("/account/messages/moderators"))
    assert "wanted to check in with you" in messages and "keep posting" in messages
    assert "A message for you from the moderators." not in html_of(client.get("/learn"))
    decisions = html_of(client.get("/account/decisions"))
    assert "set the content note on your post" in decisions
    assert "check in" not in decisions
    assert "Sent a check-in message" not in decisions


def test_risk_post_by_a_new_member_gets_one_message_that_it_waits(app, client, writer):
    """A held first post that may mean risk: before, the writer read both that it waits and
    that it is "still here for others to read"."""
    app.config["HOLD_FIRST_POSTS"] = 1
    _post, page = _write_risky_thread(client)
    assert "Your post waits for a moderator before others can see it." in page
    assert "because you are new here" in page
    assert "still here for others to read" not in page
    assert page.count("waits for a moderator before others can see it") == 1


def test_risk_post_within_hours_stays_visible_and_says_so(
    weekday_hours, client, writer, make_member, browser_for
):
    weekday_hours["now"] = TUESDAY_MORNING
    post, page = _write_risky_thread(client)
    assert "still here for others to read" in page and "Your post waits" not in page
    reader = browser_for(make_member())
    assert RISKY in html_of(reader.get(f"/talk/threads/{post.thread_id}"))


def test_risk_reply_out_of_hours_is_not_counted_until_reviewed(
    weekday_hours, client, writer, make_thread, make_moderator
):
    thread = make_thread()
    opening = thread_posts(thread)[0]
    client.post(f"/talk/posts/{opening.id}/reply", data={"body": RISKY})
    reply = thread_posts(thread)[1]
    assert reply.held and reply.held_for_risk
    assert db.session.get(Thread, thread.id).reply_count == 0
    care.review_risk(make_moderator(), _risk_item(reply), outcome="no-concern", note="")
    db.session.expire_all()
    assert not reply.held and db.session.get(Thread, thread.id).reply_count == 1


def test_risk_stays_in_queue_after_a_decision_until_marked_reviewed(client, writer, make_moderator):
    post, _page = _write_risky_thread(client)
    moderator = make_moderator()
    moderation.hide(moderator, post, rule="no-methods", reason="Please leave out the detail.")
    page, counts = queue.queue_page()
    assert counts.risk == 1 and [e.item.post_id for e in page.items] == [post.id]
    care.review_risk(moderator, _risk_item(post), outcome="no-concern", note="")
    page, counts = queue.queue_page()
    assert counts.total == 0 and page.items == []


def test_escalation_waits_for_the_safety_lead_who_alone_closes_it(
    client, writer, make_moderator, make_member, browser_for
):
    post, _page = _write_risky_thread(client)
    moderator = make_moderator()
    lead = make_moderator(name="Safety Lead 5")
    moderation.set_safety_lead(lead.name, True)
    item = _risk_item(post)
    care.review_risk(moderator, item, outcome="escalated", note="Talks of a plan.")
    item = _risk_item(post)
    assert item.escalated_at is not None and item.risk_reviewed_at is None
    with pytest.raises(PermissionDenied):
        care.review_risk(moderator, item, outcome="no-concern", note="")

    assert browser_for(moderator).get("/moderate/safety").status_code == 403
    lead_browser = browser_for(lead)
    safety = html_of(lead_browser.get("/moderate/safety"))
    assert "Open" in safety and "Talks of a plan." in safety and "better off without me" in safety
    assert re.search(r"waiting (under a minute|\d+ minutes?)", safety)
    assert "Night Writer 7</a>\u2019s recent posts" in safety
    form = html_of(lead_browser.get(f"/moderate/posts/{post.id}"))
    assert "Close the escalation" in form and 'value="escalated"' not in form
    assert (
        lead_browser.post(
            f"/moderate/items/{item.id}/risk", data={"risk-outcome": "emergency"}
        ).status_code
        == 303
    )
    assert _risk_item(post).risk_outcome == "emergency"
    assert _actions()[-2:] == ["escalate", "risk-reviewed"]


def test_review_risk_without_an_outcome_shows_the_error_and_keeps_the_note(
    client, writer, make_moderator, browser_for
):
    post, _page = _write_risky_thread(client)
    item = _risk_item(post)
    desk = browser_for(make_moderator())
    response = desk.post(f"/moderate/items/{item.id}/risk", data={"risk-note": "Read it twice"})
    page = html_of(response)
    assert response.status_code == 200 and "There is a problem" in page
    assert 'href="#risk-outcome-0">Choose what you found' in page and "Read it twice" in page
    assert _risk_item(post).risk_reviewed_at is None


def test_check_in_with_no_words_is_refused_politely(client, writer, make_moderator, browser_for):
    post, _page = _write_risky_thread(client)
    desk = browser_for(make_moderator())
    response = desk.post(f"/moderate/posts/{post.id}/check-in", data={"checkin-body": "  "})
    assert response.status_code == 200
    assert "Write the message the member will read" in html_of(response)
    assert db.session.scalar(select(MemberMessage)) is None


def test_check_in_is_a_message_and_never_a_decision(client, writer, make_moderator):
    post, _page = _write_risky_thread(client)
    care.check_in(make_moderator(), post, "Thinking of you.")
    member = db.session.get(Member, writer.id)
    assert member.unread_messages == 1 and member.unseen_decisions == 0
    data = json.loads(html_of(client.get("/account/download")))
    assert data["messages_from_the_site"] == [
        {"from": "The moderators", "text": "Thinking of you.", "sent": ANY}
    ]
    assert data["moderation_decisions"] == []


def test_content_note_set_by_a_moderator_tells_the_author_and_is_logged(
    make_thread, make_moderator
):
    thread = make_thread(body="My dad died last spring.")
    post = thread_posts(thread)[0]
    moderator = make_moderator()
    care.set_content_note(moderator, post, note="Death or grief", reason="")
    care.set_content_note(moderator, post, note="Grief", reason="Shorter")
    db.session.expire_all()
    assert post.content_note == "Grief"
    details = list(
        db.session.scalars(
            select(ModerationAction.detail).where(ModerationAction.action == "content-note")
        )
    )
    assert details == ["Added “Death or grief”", "Changed from “Death or grief” to “Grief”"]
    assert db.session.get(Member, post.author_id).unseen_decisions == 2


def test_preview_with_risk_phrases_offers_a_content_note_and_sends_as_written(client, writer):
    preview = html_of(
        client.post(
            "/talk/mind-and-body/new",
            data={"title": "Hard nights", "body": "I want to end it all.", "preview": "Preview"},
        )
    )
    assert "You could add a content note, such as “Thoughts of suicide”" in preview
    assert "You do not have to" in preview
    sent = client.post(
        "/talk/mind-and-body/new", data={"title": "Hard nights", "body": "I want to end it all."}
    )
    assert sent.status_code == 303  # never blocked
    page = html_of(client.get(sent.headers["Location"]))
    post = db.session.scalar(select(Post).where(Post.body == "I want to end it all."))
    assert f'href="/talk/posts/{post.id}/edit">add a content note</a>' in page
    assert post.content_note is None


def test_preview_out_of_hours_says_the_post_would_wait(weekday_hours, client, writer):
    preview = html_of(
        client.post(
            "/talk/mind-and-body/new",
            data={"title": "Hard nights", "body": RISKY, "preview": "Preview"},
        )
    )
    assert "If you send this now, it will wait for a moderator" in preview
    assert "Monday to Friday, 9am to 5pm" in preview
    weekday_hours["now"] = TUESDAY_MORNING
    preview = html_of(
        client.post(
            "/talk/mind-and-body/new",
            data={"title": "Hard nights", "body": RISKY, "preview": "Preview"},
        )
    )
    assert "If you send this now" not in preview


def test_preview_with_a_content_note_or_no_risk_offers_nothing(client, writer):
    for data in (
        {"body": "I want to end it all.", "content_note": "Feeling low"},
        {"body": "Slept badly again."},
    ):
        page = html_of(
            client.post(
                "/talk/mind-and-body/new", data={"title": "Nights", "preview": "Preview", **data}
            )
        )
        assert "You could add a content note" not in page


@pytest.mark.parametrize(
    ("phrases", "note"),
    [
        (["self-harm"], "Self-harm"),
        (["end it all"], "Thoughts of suicide"),
        (["better off without me"], "Feeling very low"),
    ],
)
def test_suggest_content_note_for_phrases_found(phrases, note):
    from app.services.screening import suggest_content_note

    assert suggest_content_note(phrases) == note


def test_moderation_hours_are_shown_on_help_now_conduct_and_post_forms(
    weekday_hours, client, writer
):
    said = "Moderators read posts Monday to Friday, 9am to 5pm (UK time)"
    for path in ("/help-now", "/code-of-conduct", "/talk/mind-and-body/new"):
        assert said in html_of(client.get(path)), path


def test_queue_health_gives_the_oldest_item_and_median_first_look(
    client, writer, make_moderator, browser_for
):
    opened = datetime.now(UTC) - timedelta(hours=2)
    for n, minutes in enumerate((10, 30, 50, None)):
        post, _page = _write_risky_thread(client, title=f"Hard nights {n}")
        item = _risk_item(post)
        item.opened_at = opened + timedelta(minutes=n)
        item.first_looked_at = item.opened_at + timedelta(minutes=minutes) if minutes else None
    db.session.commit()
    health = queue.health()
    assert health.median_first_look == timedelta(minutes=30)
    assert (health.risk_looked_at, health.risk_not_looked_at) == (3, 1)
    assert aware(queue.open_counts().oldest) == opened
    page = html_of(browser_for(make_moderator()).get("/moderate"))
    assert "the median time to a first look was 30 minutes, over 3; 1 not looked at yet" in page
    assert "Oldest waiting: <time" in page


def test_first_action_on_a_risk_is_its_first_look(client, writer, make_moderator):
    post, _page = _write_risky_thread(client)
    assert _risk_item(post).first_looked_at is None
    care.check_in(make_moderator(), post, "Thinking of you.")
    assert _risk_item(post).first_looked_at is not None


def test_guide_is_for_moderators_and_covers_each_step(
    client, make_member, make_moderator, browser_for, sign_in
):
    assert client.get("/moderate/guide").status_code in (302, 303)
    sign_in(make_member())
    assert client.get("/moderate/guide").status_code == 403
    page = html_of(browser_for(make_moderator()).get("/moderate/guide"))
    for heading in (
        "What counts as possible risk",
        "The steps",
        "What to write",
        "When to escalate",
        "UK crisis contacts for each nation",
        "Private notes",
        "Looking after yourself",
    ):
        assert f">{heading}</h2>" in page, heading
    for nation in ("England", "Scotland", "Wales", "Northern Ireland"):
        assert f"<h3>{nation}</h3>" in page, nation
    assert 'href="tel:116123"' in page and 'href="tel:999"' in page


def test_add_safety_lead_command_makes_a_moderator_a_safety_lead(app, make_member):
    member = make_member(name="Steady Lead 6")
    runner = app.test_cli_runner()
    result = runner.invoke(args=["add-safety-lead", "steady lead 6"])
    assert result.exit_code == 0 and "Steady Lead 6 is now a safety lead" in result.output
    db.session.expire_all()
    member = db.session.get(Member, member.id)
    assert member.safety_lead and member.role == "moderator"
    assert runner.invoke(args=["add-safety-lead", "Steady Lead 6"]).exit_code != 0
    assert runner.invoke(args=["remove-moderator", "Steady Lead 6"]).exit_code == 0
    db.session.expire_all()
    assert not db.session.get(Member, member.id).safety_lead
