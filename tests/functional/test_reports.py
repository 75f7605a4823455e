"""Reporting posts: the form, what happens next, one open report each, and hiding after N."""

import json
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from app.extensions import db
from app.models import ModerationAction, QueueItem, Report
from app.security import ip_hash
from app.services import accounts, discussions, queue, reports
from app.services.errors import FieldError
from tests.functional.helpers import html_of, thread_posts


@pytest.fixture
def reporter(make_member, sign_in):
    member = make_member(name="Watchful Wren 7")
    sign_in(member)
    return member


@pytest.fixture
def post(make_member, make_thread):
    thread = make_thread(
        author=make_member(name="Loud Author 1"),
        title="Cures",
        body="Buy my miracle pills at pills.example",
    )
    return thread_posts(thread)[0]


@pytest.fixture
def make_established(app, make_member, make_thread):
    """A member whose reports carry weight: an account old enough, with enough posts shown."""

    def make():
        member = make_member()
        thread = make_thread(author=member)
        for n in range(app.config["ESTABLISHED_MEMBER_POSTS"] - 1):
            discussions.reply(member, thread, body=f"My own reply {n}")
        days = app.config["ESTABLISHED_MEMBER_DAYS"]
        member.created_at = datetime.now(UTC) - timedelta(days=days, hours=1)
        db.session.commit()
        return member

    return make


def _report_from(browser, post, address, reason="no-selling"):
    return browser.post(
        f"/talk/posts/{post.id}/report",
        data={"reason": reason},
        environ_base={"REMOTE_ADDR": address},
    )


def _hidden(post) -> bool:
    db.session.expire_all()
    return db.session.get(type(post), post.id).hidden


def _count(model) -> int:
    db.session.expire_all()
    return db.session.scalar(select(func.count()).select_from(model))


def test_report_with_rule_and_note_says_what_happens_next(client, reporter, post):
    form = html_of(client.get(f"/talk/posts/{post.id}/report"))
    assert "Report this thread" in form and "Rule 6: No selling or promotion" in form
    assert "I am worried about the person who wrote this" in form
    response = client.post(
        f"/talk/posts/{post.id}/report", data={"reason": "no-selling", "note": "Spam link"}
    )
    assert response.headers["Location"] == f"/talk/posts/{post.id}/reported"
    html = html_of(client.get(response.headers["Location"]))
    assert "Thank you for your report" in html
    assert "Loud Author 1 is not told who reported it" in html
    assert "If 3 members who have been here a while report the same post, it is hidden" in html
    report = db.session.scalar(select(Report))
    assert (report.reason, report.note, report.reporter_id) == (
        "no-selling",
        "Spam link",
        reporter.id,
    )
    item = db.session.scalar(select(QueueItem))
    assert item.post_id == post.id and item.reported and not item.possible_risk


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({}, "reason", "Choose the rule this post breaks, or another reason"),
        ({"reason": "made-up"}, "reason", "Choose the rule this post breaks, or another reason"),
        ({"reason": "other"}, "note", "Tell us what is wrong with this post"),
        ({"reason": "kind", "note": "x" * 1001}, "note", "1,000 characters or fewer"),
    ],
)
def test_report_with_bad_input_explains_and_keeps_note(
    client, reporter, post, data, field, message
):
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


def test_reporting_own_post_is_refused(client, make_member, sign_in, make_thread):
    author = make_member()
    sign_in(author)
    own = thread_posts(make_thread(author=author))[0]
    assert client.get(f"/talk/posts/{own.id}/report").status_code == 403
    assert client.post(f"/talk/posts/{own.id}/report", data={"reason": "kind"}).status_code == 403
    assert _count(Report) == 0


def test_three_established_members_on_three_connections_hide_the_post_until_a_moderator_looks(
    app, post, make_member, make_established, browser_for
):
    for n in range(3):
        _report_from(browser_for(make_established()), post, f"198.51.100.{n + 1}")
        assert _hidden(post) is (n == 2)
    entry = db.session.scalar(select(ModerationAction))
    assert (entry.action, entry.actor_id, entry.post_id) == ("auto-hide", None, post.id)
    assert entry.detail == "3 established members reported it"
    reader = browser_for(make_member())
    assert reader.get(f"/talk/threads/{post.thread_id}").status_code == 404


def test_three_new_guests_from_one_address_report_and_the_post_stays_shown_but_queued(
    app, post, make_member, browser_for
):
    """The attack: three one-click guests from one address used to hide any post."""
    for _ in range(3):
        assert _report_from(browser_for(make_member()), post, "203.0.113.7").status_code == 303
    assert not _hidden(post)
    assert _count(Report) == 3
    item = db.session.scalar(select(QueueItem))
    assert item.post_id == post.id and item.reported and item.closed_at is None


def test_established_members_on_one_connection_count_once_towards_hiding(
    app, post, make_established, browser_for
):
    for _ in range(3):
        _report_from(browser_for(make_established()), post, "203.0.113.7")
    assert not _hidden(post)
    _report_from(browser_for(make_established()), post, "198.51.100.1")
    _report_from(browser_for(make_established()), post, "198.51.100.2")
    assert _hidden(post)


def test_reports_from_new_or_little_seen_accounts_do_not_count_towards_hiding(
    app, post, make_member, make_established, browser_for
):
    _report_from(browser_for(make_established()), post, "198.51.100.1")
    _report_from(browser_for(make_established()), post, "198.51.100.2")
    _report_from(browser_for(make_member()), post, "198.51.100.3")  # new
    quiet = make_established()
    for own in db.session.scalars(select(type(post)).where(type(post).author_id == quiet.id)):
        own.hidden_at = datetime.now(UTC)  # its posts hidden by a moderator: none shown
    db.session.commit()
    _report_from(browser_for(quiet), post, "198.51.100.4")
    assert not _hidden(post)
    _report_from(browser_for(make_established()), post, "198.51.100.5")
    assert _hidden(post)


def test_report_keeps_only_the_days_hash_of_the_connection_and_erases_it(
    app, client, reporter, post, make_established, browser_for
):
    _report_from(client, post, "203.0.113.9", reason="kind")
    first = db.session.scalar(select(Report))
    assert first.address_hash == ip_hash("203.0.113.9") and "203.0.113" not in first.address_hash
    first.created_at = datetime.now(UTC) - timedelta(days=1)
    db.session.commit()
    other = make_established()
    _report_from(browser_for(other), post, "203.0.113.10", reason="kind")
    db.session.expire_all()
    hashes = dict(db.session.execute(select(Report.reporter_id, Report.address_hash)).all())
    assert hashes == {reporter.id: None, other.id: ip_hash("203.0.113.10")}
    queue.close(post, upheld=False)
    db.session.commit()
    assert db.session.scalars(select(Report.address_hash)).all() == [None, None]


def test_deleting_a_reporter_erases_the_hash_of_their_connection(client, reporter, post):
    _report_from(client, post, "203.0.113.9", reason="kind")
    accounts.delete_member(reporter, keep_posts=False)
    db.session.expire_all()
    assert db.session.scalar(select(Report.address_hash)) is None


def test_worried_reports_never_hide_a_post_but_put_it_first(app, post, make_member, browser_for):
    for _ in range(4):
        browser_for(make_member()).post(f"/talk/posts/{post.id}/report", data={"reason": "worried"})
    db.session.expire_all()
    assert not db.session.get(type(post), post.id).hidden
    item = db.session.scalar(select(QueueItem))
    assert item.possible_risk and item.risk_phrases == "a member is worried about them"


@pytest.mark.parametrize(("setting", "reporters", "hidden"), [(1, 1, True), (0, 4, False)])
def test_hiding_after_reports_follows_the_setting(
    app, post, make_established, browser_for, setting, reporters, hidden
):
    app.config["REPORTS_TO_HIDE"] = setting  # 0 switches it off
    for n in range(reporters):
        _report_from(browser_for(make_established()), post, f"198.51.100.{n + 1}", reason="kind")
    assert _hidden(post) is hidden


def test_author_never_learns_who_reported(app, reporter, client, post):
    client.post(f"/talk/posts/{post.id}/report", data={"reason": "kind", "note": "Hurtful"})
    author = post.author
    author_browser = app.test_client()
    with author_browser.session_transaction() as session:
        session["_user_id"] = author.get_id()
    pages = [
        f"/talk/threads/{post.thread_id}",
        "/account/decisions",
        "/account/download",
        "/talk",
        "/account",
    ]
    for page in pages:
        body = author_browser.get(page).get_data(as_text=True)
        assert reporter.name not in body and "Hurtful" not in body, page


def test_download_my_data_includes_reports_made(client, reporter, post):
    client.post(f"/talk/posts/{post.id}/report", data={"reason": "experiences", "note": "Hmm"})
    data = json.loads(client.get("/account/download").get_data(as_text=True))
    assert data["reports_made"] == [
        {
            "post_id": post.id,
            "reason": "Rule 2: Share experiences, not medical instructions",
            "note": "Hmm",
            "made": data["reports_made"][0]["made"],
            "outcome": "waiting for a moderator",
        }
    ]


def test_deleting_a_reporter_keeps_the_report_without_their_note(client, reporter, post):
    client.post(f"/talk/posts/{post.id}/report", data={"reason": "kind", "note": "My words"})
    accounts.delete_member(reporter, keep_posts=False)
    db.session.expire_all()
    report = db.session.scalar(select(Report))
    assert (report.reporter_id, report.note, report.reason) == (None, None, "kind")
