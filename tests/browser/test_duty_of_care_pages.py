"""The pages for answering possible risk pass the browser checks (axe, HTML, no JavaScript,
weight and requests) as the people who use them see them."""

from datetime import UTC, datetime, timedelta

import pytest

from tests.browser.conftest import TYPICAL_POSTS
from tests.browser.test_safety_pages import _as, _guest, _press

RISKY = "Some nights I think my family would be better off without me."


@pytest.fixture(scope="session")
def care_scene(live_app):
    """A moderator, a safety lead, and a writer whose post may mean risk: checked in with,
    escalated, and waiting for the safety lead."""
    from app.services import accounts, care, discussions, moderation

    def person(name):
        member, phrase = accounts.enter_as_guest()
        accounts.rename(member, name)
        return member, {"name": name, "phrase": phrase}

    with live_app.app_context():
        keeper, keeper_login = person("Careful Keeper 1")
        moderation.set_role(keeper.name, "moderator")
        lead, lead_login = person("Safety Lead 2")
        moderation.set_safety_lead(lead.name, True)
        writer, writer_login = person("Night Writer 3")
        thread = discussions.start_thread(
            writer,
            discussions.space_by_slug("living-with-my-condition"),
            title="Hard nights",
            body=TYPICAL_POSTS[0],
        )
        risky = discussions.reply(writer, thread, body=RISKY)
        escalated = discussions.reply(writer, thread, body="I want to end it all tonight.")
        care.check_in(keeper, risky, care.default_check_in(writer))
        care.review_risk(
            keeper, care.risk_item(escalated), outcome="escalated", note="Says tonight."
        )
        return {
            "moderator": keeper_login,
            "lead": lead_login,
            "writer": writer_login,
            "risky": risky.id,
            "escalated": escalated.id,
            "thread": thread.id,
            "writer_id": writer.id,
        }


@pytest.fixture
def out_of_hours(live_app):
    """Moderators read posts for one minute, twelve hours from now."""
    before = live_app.config["MODERATION_HOURS"]
    live_app.config["MODERATION_TIMEZONE"] = "UTC"
    start = datetime.now(UTC) + timedelta(hours=12)
    end = start + timedelta(minutes=1)
    live_app.config["MODERATION_HOURS"] = f"Mon-Sun {start:%H:%M}-{end:%H:%M}"
    if end.hour < start.hour:  # never across midnight
        live_app.config["MODERATION_HOURS"] = "Mon-Sun 00:00-00:01"
    yield
    live_app.config["MODERATION_HOURS"] = before
    live_app.config["MODERATION_TIMEZONE"] = "Europe/London"


FLOWS = [
    ("/moderate/guide", _as("moderator", "/moderate/guide"), "When to escalate"),
    ("/moderate (queue health)", _as("moderator", "/moderate"), "How the queue is doing"),
    (
        "/moderate/posts/<id> (possible risk)",
        _as("moderator", "/moderate/posts/{risky}"),
        "Send a check-in",
    ),
    (
        "/moderate/posts/<id> (risk review errors)",
        _as("moderator", "/moderate/posts/{risky}", _press("Save")),
        "Choose what you found",
    ),
    (
        "/moderate/posts/<id> (escalated, safety lead)",
        _as("lead", "/moderate/posts/{escalated}"),
        "Close the escalation",
    ),
    ("/moderate/safety", _as("lead", "/moderate/safety"), "Says tonight."),
    (
        "/moderate/members/<id> (private notes)",
        _as("moderator", "/moderate/members/{writer_id}"),
        "Private notes",
    ),
    (
        "/moderate/members/<id> (note errors)",
        _as("moderator", "/moderate/members/{writer_id}", _press("Keep this note")),
        "Write the note",
    ),
    ("/moderate/threads/<id> (pin)", _as("moderator", "/moderate/threads/{thread}"), "Pin thread"),
    (
        "/account/messages/moderators",
        _as("writer", "/account/messages/moderators"),
        "wanted to check in",
    ),
    (
        "/talk/<space>/new (preview, content note offered)",
        _guest(
            "/talk/mind-and-body/new",
            _press("Preview", Title="Hard nights", **{"Your message": "I want to end it all."}),
        ),
        "You could add a content note",
    ),
]


@pytest.mark.parametrize("flow", FLOWS, ids=[f[0] for f in FLOWS])
def test_care_page_passes_browser_checks(site, care_scene, flow):
    label, steps, text = flow
    report = site.check_flow(
        label, lambda page: steps(site, care_scene, page), text, member=label.startswith("/talk")
    )
    assert report.problems == []


def test_risk_post_out_of_hours_tells_its_writer_it_waits(site, care_scene, out_of_hours):
    steps = _guest(
        "/talk/mind-and-body/new",
        _press("Start thread", Title="A long night", **{"Your message": RISKY}),
    )
    report = site.check_flow(
        "/talk/<space>/new (possible risk, out of hours)",
        lambda page: steps(site, care_scene, page),
        "Your post waits for a moderator before others can see it.",
        member=True,
    )
    assert report.problems == []
