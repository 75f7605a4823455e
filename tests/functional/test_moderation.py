"""Moderation: who may use each moderation page and action, what each action does and logs,
suspension, reviews, the command line, and what survives a member leaving."""

import re
from datetime import UTC, datetime

import pytest
from sqlalchemy import func, select

from app.extensions import db
from app.models import Member, ModerationAction, Post, QueueItem, Report, Thread
from app.services import accounts, audit, decisions, discussions, moderation, reports
from tests.functional.helpers import html_of, is_signed_in, thread_posts


@pytest.fixture
def scene(app, make_member, make_moderator, make_thread):
    """Something for every moderation action to act on."""
    acting = make_moderator(name="Scene Keeper 1")
    author = make_member(name="Scene Author 2")
    thread = make_thread(author=author, title="A thread", tags=["heart"])
    reported = discussions.reply(make_member(), thread, body="A reported reply")
    reports.report(make_member(), reported, reason="kind")
    hidden = discussions.reply(author, thread, body="A hidden reply")
    moderation.hide(acting, hidden, rule="kind", reason="Unkind words")
    decision = decisions.latest(author, "hide")
    review = decisions.request_review(author, decision, "I was only joking")
    app.config["HOLD_FIRST_POSTS"] = 1
    held = discussions.reply(make_member(), thread, body="A held reply")
    app.config["HOLD_FIRST_POSTS"] = 0
    suspended = make_member(name="Scene Suspended 3")
    moderation.suspend(acting, suspended, length="2-weeks", rule="kind", reason="Rude")
    return {
        "thread": thread.id,
        "reported": reported.id,
        "hidden": hidden.id,
        "held": held.id,
        "target": author.id,
        "suspended": suspended.id,
        "review": review.id,
        "suspended_member": suspended,
    }


ENDPOINTS = [
    ("GET", "/moderate", {}),
    ("GET", "/moderate/log", {}),
    ("GET", "/moderate/posts/{reported}", {}),
    ("GET", "/moderate/threads/{thread}", {}),
    ("GET", "/moderate/members/{target}", {}),
    ("POST", "/moderate/posts/{held}/approve", {}),
    ("POST", "/moderate/posts/{reported}/hide", {"hide-rule": "kind", "hide-reason": "Unkind"}),
    ("POST", "/moderate/posts/{hidden}/restore", {}),
    ("POST", "/moderate/posts/{reported}/dismiss", {}),
    ("POST", "/moderate/threads/{thread}/lock", {"locked": "yes"}),
    ("POST", "/moderate/threads/{thread}/edit", {"edit-title": "Renamed", "edit-tags": "heart"}),
    ("POST", "/moderate/threads/{thread}/move", {"move-space": "good-days"}),
    (
        "POST",
        "/moderate/members/{target}/caution",
        {"caution-level": "warn", "caution-rule": "kind", "caution-message": "Please stop"},
    ),
    (
        "POST",
        "/moderate/members/{target}/suspend",
        {"suspend-length": "1-month", "suspend-rule": "kind", "suspend-reason": "Again"},
    ),
    ("POST", "/moderate/members/{suspended}/unsuspend", {}),
    (
        "POST",
        "/moderate/items/{review}/review",
        {"review-outcome": "keep", "review-reason": "It was unkind"},
    ),
]
ENDPOINT_IDS = [f"{m} {p}" for m, p, _ in ENDPOINTS]


def _snapshot():
    """Everything a moderation action could change."""
    db.session.expire_all()
    rows = []
    for model, columns in (
        (ModerationAction, ["id"]),
        (Post, ["id", "held_at", "hidden_at", "hidden_rule", "removed_at"]),
        (Thread, ["id", "title", "space_id", "locked", "reply_count"]),
        (
            Member,
            [
                "id",
                "role",
                "suspended_until",
                "suspended_for_good",
                "session_version",
                "unseen_decisions",
            ],
        ),
        (QueueItem, ["id", "closed_at"]),
        (Report, ["id", "resolved_at", "outcome"]),
    ):
        for obj in db.session.scalars(select(model).order_by(model.id)).unique():
            rows.append((model.__name__, *[getattr(obj, c) for c in columns]))
    for thread in db.session.scalars(select(Thread)).unique():
        rows.append(("tags", thread.id, tuple(thread.tag_names)))
    return rows


@pytest.mark.parametrize(("method", "path", "data"), ENDPOINTS, ids=ENDPOINT_IDS)
def test_moderation_endpoint_refuses_visitors_members_and_suspended(
    app, scene, make_member, browser_for, method, path, data
):
    browsers = {
        "visitor": app.test_client(),
        "member": browser_for(make_member()),
        "suspended": browser_for(scene["suspended_member"]),
    }
    url = path.format(**scene)
    before = _snapshot()
    for role, browser in browsers.items():
        response = browser.open(url, method=method, data=data)
        if role == "visitor":
            assert response.status_code == 302, role
            assert response.headers["Location"].startswith("/enter"), role
        else:
            assert response.status_code == 403, role
            assert "You cannot do that here" in html_of(response), role
        assert _snapshot() == before, role


@pytest.mark.parametrize("role", ["moderator", "admin"])
@pytest.mark.parametrize(("method", "path", "data"), ENDPOINTS, ids=ENDPOINT_IDS)
def test_moderation_endpoint_works_for_moderators_and_admins_and_logs_each_action(
    scene, make_moderator, browser_for, role, method, path, data
):
    moderator = make_moderator(role=role)
    browser = browser_for(moderator)
    before = db.session.scalar(select(func.count(ModerationAction.id)))
    response = browser.open(path.format(**scene), method=method, data=data)
    assert response.status_code == (200 if method == "GET" else 303), html_of(response)
    if method == "GET":
        return
    assert "There is a problem" not in html_of(browser.get(response.headers["Location"]))
    db.session.expire_all()
    entries = db.session.scalars(select(ModerationAction).order_by(ModerationAction.id)).all()
    assert len(entries) == before + 1
    assert entries[-1].actor_id == moderator.id


def test_lock_button_locks_then_unlocks(scene, make_moderator, browser_for):
    moderator = browser_for(make_moderator())
    for expected in (True, False):
        html = html_of(moderator.get(f"/moderate/threads/{scene['thread']}"))
        form = re.search(r'action="[^"]*/lock".*?</form>', html, re.S).group(0)
        fields = dict(re.findall(r'name="([^"]+)" value="([^"]*)"', form))
        assert form.count('name="locked"') == 1
        moderator.post(f"/moderate/threads/{scene['thread']}/lock", data=fields)
        db.session.expire_all()
        assert db.session.get(Thread, scene["thread"]).locked is expected


def test_actions_are_logged_with_target_rule_and_reason(scene, make_moderator):
    moderator = make_moderator()
    thread = db.session.get(Thread, scene["thread"])
    author = db.session.get(Member, scene["target"])
    moderation.set_locked(moderator, thread, True)
    moderation.set_locked(moderator, thread, False)
    moderation.caution(
        moderator,
        author,
        level="remind",
        rule="anonymous",
        message="Please leave out the hospital's name",
    )
    item = db.session.get(QueueItem, scene["review"])
    moderation.review(moderator, item, outcome="change", reason="On reflection, it was fine")
    entries = audit.about_member(author.id)
    assert [e.action for e in entries[:4]] == ["withdraw", "remind", "unlock", "lock"]
    remind = entries[1]
    assert (remind.rule, remind.reason) == ("anonymous", "Please leave out the hospital's name")
    db.session.expire_all()
    assert not db.session.get(Post, scene["hidden"]).hidden  # withdrawing restored it


# Suspension ---------------------------------------------------------------------------------


def test_suspension_ends_sessions_and_leaves_reading_only(
    app, make_member, make_moderator, make_thread, browser_for
):
    member = make_member(name="Soon Suspended 4")
    thread = make_thread()
    opening = thread_posts(thread)[0]
    signed_in = browser_for(member)
    remembered = app.test_client()
    remembered.post("/return", data={"name": member.name, "secret": member.phrase, "remember": "y"})
    moderation.suspend(
        make_moderator(),
        member,
        length="2-weeks",
        rule="kind",
        reason="Three unkind replies this week",
    )
    assert not is_signed_in(signed_in)
    assert not is_signed_in(remembered)

    back = browser_for(member)
    html = html_of(back.get(f"/talk/threads/{thread.id}"))
    assert "Your account is suspended until" in html and "You can still read" in html
    assert "Does anyone else feel this?" in html and "Reply to this thread" not in html
    refused = back.post(f"/talk/posts/{opening.id}/reply", data={"body": "Hello"})
    assert refused.status_code == 403
    assert "Three unkind replies this week" in html_of(refused)
    assert "Rule 1: Be kind".lower() in html_of(refused).lower()
    for response in (
        back.post("/talk/introductions/new", data={"title": "T", "body": "B"}),
        back.post(f"/talk/posts/{opening.id}/react/helped"),
        back.post(f"/talk/posts/{opening.id}/report", data={"reason": "kind"}),
    ):
        assert response.status_code == 403
    db.session.expire_all()
    assert len(thread_posts(thread)) == 1 and db.session.scalar(select(Report)) is None
    assert db.session.get(Post, opening.id).helped_count == 0


def test_permanent_suspension_and_ending_it(make_member, make_moderator, browser_for):
    member, moderator = make_member(), make_moderator()
    moderation.suspend(
        moderator, member, length="permanent", rule="no-selling", reason="Advertising"
    )
    assert member.is_suspended and member.suspended_for_good
    assert "suspended for good" in html_of(browser_for(member).get("/learn"))
    moderation.end_suspension(moderator, member)
    assert not member.is_suspended


def test_moderators_act_on_members_and_admins_on_moderators_too(make_moderator, browser_for):
    moderator, other, admin = make_moderator(), make_moderator(), make_moderator(role="admin")
    data = {"suspend-length": "2-weeks", "suspend-rule": "kind", "suspend-reason": "x"}
    assert (
        browser_for(moderator).post(f"/moderate/members/{other.id}/suspend", data=data).status_code
        == 403
    )
    assert (
        browser_for(moderator).post(f"/moderate/members/{admin.id}/suspend", data=data).status_code
        == 403
    )
    assert (
        browser_for(admin).post(f"/moderate/members/{other.id}/suspend", data=data).status_code
        == 303
    )
    db.session.expire_all()
    assert db.session.get(Member, other.id).is_suspended
    # A suspended moderator can no longer moderate.
    assert browser_for(other).get("/moderate").status_code == 403


# Bad input and things that changed meanwhile --------------------------------------------------


@pytest.mark.parametrize(
    ("path", "data", "message"),
    [
        (
            "/moderate/posts/{reported}/hide",
            {"hide-rule": "kind"},
            "Give a reason. The author will see it",
        ),
        (
            "/moderate/posts/{reported}/hide",
            {"hide-reason": "Unkind"},
            "Choose the rule that was broken",
        ),
        (
            "/moderate/members/{target}/suspend",
            {"suspend-rule": "kind", "suspend-reason": "x"},
            "Choose how long the suspension lasts",
        ),
        (
            "/moderate/members/{target}/caution",
            {"caution-level": "warn", "caution-rule": "kind"},
            "Write the message the member will see",
        ),
        (
            "/moderate/members/{target}/caution",
            {"caution-rule": "kind", "caution-message": "Hi"},
            "Choose a reminder or a warning",
        ),
        (
            "/moderate/threads/{thread}/edit",
            {"edit-title": "A thread", "edit-tags": "heart"},
            "Change the title or the conditions before saving",
        ),
        ("/moderate/threads/{thread}/edit", {"edit-title": " "}, "Enter a title for your thread"),
        (
            "/moderate/threads/{thread}/move",
            {"move-space": "introductions"},
            "The thread is already in Introductions",
        ),
        (
            "/moderate/threads/{thread}/move",
            {"move-space": "nowhere"},
            "Choose the space to move the thread to",
        ),
        (
            "/moderate/items/{review}/review",
            {"review-outcome": "keep"},
            "Tell the member why. They will see it",
        ),
    ],
)
def test_moderation_form_with_bad_input_explains_and_changes_nothing(
    scene, make_moderator, browser_for, path, data, message
):
    moderator = browser_for(make_moderator())
    before = _snapshot()
    response = moderator.post(path.format(**scene), data=data)
    html = html_of(response)
    assert response.status_code == 200
    assert "There is a problem" in html and message in html and "<title>Error: " in html
    assert _snapshot() == before


@pytest.mark.parametrize(
    ("action", "message"),
    [
        ("hide", "The author has removed this post, so there is nothing to hide."),
        ("approve", "This post is not waiting for approval."),
        ("restore", "This post is not hidden."),
    ],
)
def test_acting_on_a_removed_post_says_so(scene, make_moderator, browser_for, action, message):
    post = db.session.get(Post, scene["reported"])
    discussions.remove_post(post.author, post)
    moderator = browser_for(make_moderator())
    before = _snapshot()
    response = moderator.post(
        f"/moderate/posts/{post.id}/{action}", data={"hide-rule": "kind", "hide-reason": "x"}
    )
    assert response.status_code == 303
    assert message in html_of(moderator.get(response.headers["Location"]))
    assert _snapshot() == before


def test_acting_on_a_missing_post_thread_or_member_is_404(make_moderator, browser_for):
    moderator = browser_for(make_moderator())
    for path in (
        "/moderate/posts/999/approve",
        "/moderate/threads/999/lock",
        "/moderate/members/999/suspend",
        "/moderate/items/999/review",
        "/moderate/posts/999",
    ):
        method = moderator.get if path == "/moderate/posts/999" else moderator.post
        assert method(path).status_code == 404, path


def test_answering_a_review_twice_says_it_was_answered(scene, make_moderator, browser_for):
    first, second = browser_for(make_moderator()), browser_for(make_moderator())
    data = {"review-outcome": "keep", "review-reason": "Still unkind"}
    first.post(f"/moderate/items/{scene['review']}/review", data=data)
    before = _snapshot()
    response = second.post(f"/moderate/items/{scene['review']}/review", data=data)
    assert "already been answered" in html_of(second.get(response.headers["Location"]))
    assert _snapshot() == before


# What members see of decisions -------------------------------------------------------------


def test_author_sees_hidden_post_with_rule_and_can_ask_for_review(
    app, make_member, make_moderator, make_thread, browser_for
):
    author = make_member(name="Hidden Author 6")
    thread = make_thread(title="Shared a number", body="Ring me on 07700 900123")
    post = discussions.reply(author, thread, body="My number is 07700 900456")
    moderation.hide(
        make_moderator(), post, rule="anonymous", reason="Phone numbers are not safe here"
    )
    browser = browser_for(author)
    first = html_of(browser.get("/learn"))
    assert "A message from the moderators" in first and "Phone numbers are not safe here" in first
    html = html_of(browser.get(f"/talk/threads/{thread.id}"))
    assert "A moderator hid this post because it breaks rule 3" in html
    decisions_page = html_of(browser.get("/account/decisions"))
    assert "Rule 3: Keep yourself and others anonymous" in decisions_page
    assert "A message from the moderators" not in html_of(browser.get("/learn"))
    decision = decisions.latest(author, "hide")
    assert "Ask for a review" in decisions_page
    empty = browser.post(f"/account/decisions/{decision.id}/review", data={"note": " "})
    assert "Tell the moderators why the decision should change" in html_of(empty)
    sent = browser.post(
        f"/account/decisions/{decision.id}/review", data={"note": "It was a fake number"}
    )
    assert sent.headers["Location"] == "/account/decisions"
    item = db.session.scalar(select(QueueItem).where(QueueItem.closed_at.is_(None)))
    assert (item.post_id, item.review_note) == (post.id, "It was a fake number")
    again = browser.post(f"/account/decisions/{decision.id}/review", data={"note": "Again"})
    assert "You have already asked for a review" in html_of(again)


def test_warning_is_shown_on_next_visit_then_kept_in_decisions(
    make_member, make_moderator, browser_for
):
    member = make_member()
    browser = browser_for(member)
    moderation.caution(
        make_moderator(),
        member,
        level="warn",
        rule="experiences",
        message="Please do not tell people to stop their tablets",
    )
    html = html_of(browser.get("/"))
    assert "A moderator sent you a warning." in html
    assert "Please do not tell people to stop their tablets" in html
    browser.get("/account/decisions")
    assert "A moderator sent you a warning." not in html_of(browser.get("/"))
    assert "stop their tablets" in html_of(browser.get("/account/decisions"))


def test_members_cannot_see_or_review_others_decisions(scene, make_member, browser_for):
    other = browser_for(make_member())
    decision = decisions.latest(db.session.get(Member, scene["target"]), "hide")
    assert other.get(f"/account/decisions/{decision.id}/review").status_code == 404
    assert (
        other.post(f"/account/decisions/{decision.id}/review", data={"note": "x"}).status_code
        == 404
    )


def test_moderation_pages_show_the_case(scene, make_moderator, browser_for):
    moderator = browser_for(make_moderator())
    queue = html_of(moderator.get("/moderate"))
    assert "1 held" in queue and "1 reported" in queue and "1 asking for a review" in queue
    post_page = html_of(moderator.get(f"/moderate/posts/{scene['reported']}"))
    assert "Rule 1: Be kind" in post_page and "A reported reply" in post_page
    member_page = html_of(moderator.get(f"/moderate/members/{scene['target']}"))
    assert "Scene Author 2" in member_page and "1 post hidden" in member_page
    log = html_of(moderator.get("/moderate/log"))
    assert log.index("Suspended a member") < log.index("Hid a post")


# Command line ------------------------------------------------------------------------------


def test_role_commands_change_the_role_and_log_it(app, make_member):
    member = make_member(name="Future Keeper 1")
    runner = app.test_cli_runner()
    for command, role in (
        ("add-moderator", "moderator"),
        ("add-admin", "admin"),
        ("remove-moderator", "member"),
    ):
        result = runner.invoke(args=[command, "future keeper 1"])
        assert result.exit_code == 0, result.output
        db.session.expire_all()
        assert db.session.get(Member, member.id).role == role
    entries = audit.about_member(member.id)
    assert [e.detail for e in entries] == [
        "From admin to member",
        "From moderator to admin",
        "From member to moderator",
    ]
    assert audit.actor_name(entries[0]) == "Command line"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["add-moderator", "Nobody Here 99"], "No member is called 'Nobody Here 99'"),
        (["remove-moderator", "Plain Member 2"], "Plain Member 2 is already a member."),
        (["add-admin", ""], "No member is called"),
        (["add-moderator"], "Missing argument"),
    ],
)
def test_role_commands_with_bad_input_explain(app, make_member, args, message):
    make_member(name="Plain Member 2")
    result = app.test_cli_runner().invoke(args=args)
    assert result.exit_code == 2
    assert message in result.output
    assert db.session.scalar(select(func.count(ModerationAction.id))) == 0


# Leaving -----------------------------------------------------------------------------------


def test_deleting_members_keeps_the_log_with_former_members(scene, make_moderator, browser_for):
    moderator = db.session.scalar(select(Member).where(Member.name == "Scene Keeper 1"))
    author = db.session.get(Member, scene["target"])
    count = db.session.scalar(select(func.count(ModerationAction.id)))
    accounts.delete_member(moderator, keep_posts=False)
    accounts.delete_member(author, keep_posts=False)
    db.session.expire_all()
    entries = db.session.scalars(select(ModerationAction)).all()
    assert len(entries) == count
    hide = next(e for e in entries if e.action == "hide")
    assert hide.actor_id is None and hide.target_member_id is None
    assert audit.actor_name(hide) == "A former member"
    html = html_of(browser_for(make_moderator()).get("/moderate/log"))
    assert "A former member" in html and "a former member" in html
    # The review the author asked for went with them.
    assert db.session.get(QueueItem, scene["review"]).review_note is None


def test_log_has_no_way_to_change_or_remove_entries(app):
    rules = [r for r in app.url_map.iter_rules() if r.endpoint == "moderation.log"]
    assert [sorted(r.methods - {"HEAD", "OPTIONS"}) for r in rules] == [["GET"]]
    own = [
        name
        for name, obj in vars(audit).items()
        if callable(obj) and getattr(obj, "__module__", None) == audit.__name__
    ]
    assert "record" in own
    assert not [
        name
        for name in own
        for word in ("delete", "update", "remove", "edit", "change")
        if word in name
    ]


def test_download_my_data_includes_decisions_and_reviews(scene, browser_for):
    author = db.session.get(Member, scene["target"])
    author.phrase = None
    data = accounts.export_data(author)
    assert data["moderation_decisions"][0]["rule"] == "Rule 1: Be kind"
    assert data["moderation_decisions"][0]["reason"] == "Unkind words"
    assert data["reviews_asked_for"][0]["note"] == "I was only joking"
    assert data["account_standing"] == {"suspended": False, "suspended_until": None}
    assert "Scene Keeper 1" not in str(data)


def test_suspension_is_kept_in_standing_for_download(make_member, make_moderator):
    member = make_member()
    moderation.suspend(make_moderator(), member, length="2-weeks", rule="kind", reason="x")
    standing = accounts.export_data(member)["account_standing"]
    assert standing["suspended"] is True
    assert standing["suspended_until"] > datetime.now(UTC).isoformat()
