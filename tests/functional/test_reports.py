"""Reporting posts: the form, what happens next, one open report each, and hiding after N."""

import json

import pytest
from sqlalchemy import func, select

from app.extensions import db
from app.models import ModerationAction, QueueItem, Report
from app.services import accounts, reports
from app.services.errors import FieldError
from tests.functional.helpers import html_of, thread_posts


@pytest.fixture
def reporter(make_member, sign_in):
    member = make_member(name="Watchful Wren 7")
    sign_in(member)
    return member


@pytest.fixture
def post(make_member, make_thread):
    thread = make_thread(author=make_member(name="Loud Author 1"), title="Cures",
                         body="Buy my miracle pills at pills.example")
    return thread_posts(thread)[0]


def _count(model) -> int:
    db.session.expire_all()
    return db.session.scalar(select(func.count()).select_from(model))


def test_report_with_rule_and_note_says_what_happens_next(client, reporter, post):
    form = html_of(client.get(f"/talk/posts/{post.id}/report"))
    assert "Report this thread" in form and "Rule 6: No selling or promotion" in form
    assert "I am worried about the person who wrote this" in form
    response = client.post(f"/talk/posts/{post.id}/report",
                           data={"reason": "no-selling", "note": "Spam link"})
    assert response.headers["Location"] == f"/talk/posts/{post.id}/reported"
    html = html_of(client.get(response.headers["Location"]))
    assert "Thank you for your report" in html
    assert "Loud Author 1 is not told who reported it" in html
    assert "If 3 members report the same post, it is hidden" in html
    report = db.session.scalar(select(Report))
    assert (report.reason, report.note, report.reporter_id) == ("no-selling", "Spam link",
                                                               reporter.id)
    item = db.session.scalar(select(QueueItem))
    assert item.post_id == post.id and item.reported and not item.possible_risk


@pytest.mark.parametrize(("data", "field", "message"), [
    ({}, "reason", "Choose the rule this post breaks, or another reason"),
    ({"reason": "made-up"}, "reason", "Choose the rule this post breaks, or another reason"),
    ({"reason": "other"}, "note", "Tell us what is wrong with this post"),
    ({"reason": "kind", "note": "x" * 1001}, "note", "1,000 characters or fewer"),
])
def test_report_with_bad_input_explains_and_keeps_note(client, reporter, post, data, field,
                                                         message):
    response = client.post(f"/talk/posts/{post.id}/report", data=data)
    html = html_of(response)
    assert response.status_code == 200
    assert "There is a problem" in html and message in html
    assert f'id="{field}-error"' in html and "<title>Error: " in html
    if data.get("note"):
        assert data["note"][:100] in html
    assert _count(Report) == 0


def test_reporting_twice_gets_a_clear_message_and_one_report(app, client, reporter, post):
    client.post(f"/talk/posts/{post.id}/report", data={"reason": "kind"})
    again = client.get(f"/talk/posts/{post.id}/report")
    assert again.headers["Location"] == f"/talk/posts/{post.id}/reported"
    # The same form, still open in another tab, sent afterwards:
    with pytest.raises(FieldError, match="already reported this post"):
        reports.report(reporter, post, reason="kind")
    assert _count(Report) == 1


def test_reporting_own_post_is_refused(client, make_member, sign_in,
                                                          make_thread):
    author = make_member()
    sign_in(author)
    own = thread_posts(make_thread(author=author))[0]
    assert client.get(f"/talk/posts/{own.id}/report").status_code == 403
    assert client.post(f"/talk/posts/{own.id}/report", data={"reason": "kind"}).status_code == 403
    assert _count(Report) == 0


def test_three_members_reporting_hide_the_post_until_a_moderator_looks(
        app, post, make_member, browser_for):
    for n in range(3):
        browser = browser_for(make_member())
        browser.post(f"/talk/posts/{post.id}/report", data={"reason": "no-selling"})
        db.session.expire_all()
        assert db.session.get(type(post), post.id).hidden is (n == 2)
    entry = db.session.scalar(select(ModerationAction))
    assert (entry.action, entry.actor_id, entry.post_id) == ("auto-hide", None, post.id)
    assert entry.detail == "3 members reported it"
    reader = browser_for(make_member())
    assert reader.get(f"/talk/threads/{post.thread_id}").status_code == 404


def test_worried_reports_never_hide_a_post_but_put_it_first(app, post, make_member,
                                                             browser_for):
    for _ in range(4):
        browser_for(make_member()).post(f"/talk/posts/{post.id}/report",
                                        data={"reason": "worried"})
    db.session.expire_all()
    assert not db.session.get(type(post), post.id).hidden
    item = db.session.scalar(select(QueueItem))
    assert item.possible_risk and item.risk_phrases == "a member is worried about them"


@pytest.mark.parametrize(("setting", "reporters", "hidden"), [(1, 1, True), (0, 4, False)])
def test_hiding_after_reports_follows_the_setting(app, post, make_member, browser_for, setting,
                                                  reporters, hidden):
    app.config["REPORTS_TO_HIDE"] = setting  # 0 switches it off
    for _ in range(reporters):
        browser_for(make_member()).post(f"/talk/posts/{post.id}/report",
                                        data={"reason": "kind"})
    db.session.expire_all()
    assert db.session.get(type(post), post.id).hidden is hidden


def test_author_never_learns_who_reported(app, reporter, client, post):
    client.post(f"/talk/posts/{post.id}/report", data={"reason": "kind", "note": "Hurtful"})
    author = post.author
    author_browser = app.test_client()
    with author_browser.session_transaction() as session:
        session["_user_id"] = author.get_id()
    pages = [f"/talk/threads/{post.thread_id}", "/account/decisions", "/account/download",
             "/talk", "/account"]
    for page in pages:
        body = author_browser.get(page).get_data(as_text=True)
        assert reporter.name not in body and "Hurtful" not in body, page


def test_download_my_data_includes_reports_made(client, reporter, post):
    client.post(f"/talk/posts/{post.id}/report", data={"reason": "experiences", "note": "Hmm"})
    data = json.loads(client.get("/account/download").get_data(as_text=True))
    assert data["reports_made"] == [{
        "post_id": post.id, "reason": "Rule 2: Share experiences, not medical instructions",
        "note": "Hmm", "made": data["reports_made"][0]["made"],
        "outcome": "waiting for a moderator",
    }]


def test_deleting_a_reporter_keeps_the_report_without_their_note(client, reporter, post):
    client.post(f"/talk/posts/{post.id}/report", data={"reason": "kind", "note": "My words"})
    accounts.delete_member(reporter, keep_posts=False)
    db.session.expire_all()
    report = db.session.scalar(select(Report))
    assert (report.reporter_id, report.note, report.reason) == (None, None, "kind")
