"""Tell us: messages to the team from anyone, read and answered by admins, "Messages from the
site" for members, and the public "You said, we did" page."""

import json
import re
from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from app.extensions import db
from app.models import ChangeNote, Member, MemberMessage, TellUsMessage
from app.security import ip_hash
from app.services import tell_us
from tests.functional.helpers import html_of, title_of

IDEA = "It would help to have a larger text option on the learn pages."
ADDRESS = "198.51.100.23"
BROWSER = "Mozilla/5.0 (Linux; Android 9) Distinctive-Browser/77.1"


def _send(client, topic="idea", body=IDEA, **extra):
    return client.post("/tell-us", data={"topic": topic, "body": body, **extra})


def _messages():
    db.session.expire_all()
    return list(db.session.scalars(select(TellUsMessage).order_by(TellUsMessage.id)))


@pytest.fixture
def admin(make_moderator):
    return make_moderator(role="admin")


@pytest.fixture
def as_admin(browser_for, admin):
    return browser_for(admin)


# Sending ----------------------------------------------------------------------------------


def test_tell_us_page_for_visitor_says_not_a_crisis_line_and_no_answer(client):
    response = client.get("/tell-us")
    html = html_of(response)
    assert response.status_code == 200
    assert "This is not a crisis line." in html
    assert "We cannot answer you" in html and "does not ask for an email address" in html
    assert 'name="wants_answer"' not in html
    assert 'type="email"' not in html
    for label in (
        "Something does not work",
        "An idea",
        "Accessibility",
        "Something about the site worried me",
    ):
        assert label in html


def test_tell_us_page_for_member_offers_an_answer_in_the_site(client, make_member, sign_in):
    member = make_member()
    sign_in(member)
    html = html_of(client.get("/tell-us"))
    assert 'name="wants_answer"' in html
    assert member.name in html


def test_send_idea_as_visitor_redirects_to_thank_you_and_is_stored(client):
    response = _send(client)
    assert response.status_code == 303
    assert response.headers["Location"] == "/tell-us/sent"
    sent = html_of(client.get("/tell-us/sent"))
    assert "Thank you for your message" in sent
    assert "We cannot answer you" in sent
    [message] = _messages()
    assert (message.topic, message.body, message.member_id) == ("idea", IDEA, None)


def test_send_as_visitor_stores_no_address_browser_or_cookie(client):
    cookie = "cookie-value-4f9a2c"
    client.set_cookie("remember", cookie)
    response = client.post(
        "/tell-us",
        data={"topic": "idea", "body": IDEA, "wants_answer": "y"},
        environ_base={"REMOTE_ADDR": ADDRESS},
        headers={"User-Agent": BROWSER, "Referer": "http://localhost/tell-us"},
    )
    assert response.status_code == 303
    assert len(_messages()) == 1
    row = db.session.execute(select(TellUsMessage.__table__)).one()._asdict()
    # Only what was chosen and written, and when: a new column here must be thought about.
    assert set(row) == {
        "id",
        "topic",
        "body",
        "member_id",
        "wants_answer",
        "created_at",
        "read_at",
        "changed",
    }
    assert row["member_id"] is None and row["wants_answer"] is False
    stored = " ".join(str(value) for value in row.values())
    with client.application.test_request_context(environ_base={"REMOTE_ADDR": ADDRESS}):
        address_hash = ip_hash()
    for identifying in (ADDRESS, "198.51.100", address_hash, BROWSER, "Distinctive", cookie):
        assert identifying not in stored


def test_send_as_member_links_message_and_keeps_wish_for_answer(client, make_member, sign_in):
    member = make_member()
    sign_in(member)
    assert (
        _send(client, topic="broken", body="The Replies page is slow", wants_answer="y").status_code
        == 303
    )
    [message] = _messages()
    assert message.member_id == member.id and message.wants_answer is True
    assert "Messages from the site" in html_of(client.get("/tell-us/sent"))


BAD_INPUTS = [
    (
        {"topic": "", "body": ""},
        [("topic", "Choose what your message is about"), ("body", "Write your message")],
    ),
    ({"topic": "idea", "body": "   \n  "}, [("body", "Write your message")]),
    (
        {"topic": "idea", "body": "Long words. " * 200},
        [("body", "Your message is 2,399 characters. Shorten it to 2,000 characters or fewer")],
    ),
    ({"topic": "complaints", "body": IDEA}, [("topic", "Choose what your message is about")]),
    ({"body": IDEA}, [("topic", "Choose what your message is about")]),
]


@pytest.mark.parametrize(
    ("data", "errors"), BAD_INPUTS, ids=["empty", "blank", "too-long", "unknown-topic", "no-topic"]
)
def test_send_bad_input_shows_errors_and_keeps_text(client, data, errors):
    response = client.post("/tell-us", data=data)
    html = html_of(response)
    assert response.status_code == 200
    assert title_of(response).startswith("Error: ")
    assert "There is a problem" in html
    for field, message in errors:
        target = f"{field}-0" if field == "topic" else field
        assert f'<a href="#{target}">{message}</a>' in html
        assert f'id="{field}-error"><span class="visually-hidden">Error:</span> {message}' in html
    if data.get("body", "").strip():
        assert data["body"].strip()[:60] in html
    assert _messages() == []


def test_send_bad_topic_to_service_is_refused_with_the_same_words(app):
    with pytest.raises(tell_us.FieldError, match="Choose what your message is about"):
        tell_us.send(None, topic="complaints", body=IDEA)


def test_send_more_than_limit_in_an_hour_shows_429_with_text_kept(make_app):
    app = make_app(RATELIMIT_ENABLED=True, TELL_US_LIMIT="2 per hour")
    client = app.test_client()
    for _ in range(2):
        assert _send(client).status_code == 303
    kept = "Third message: the print button on the share page does nothing for me."
    response = _send(client, body=kept)
    html = html_of(response)
    assert response.status_code == 429
    assert 0 < int(response.headers["Retry-After"]) <= 3600
    assert "There is a problem" in html and title_of(response).startswith("Error: ")
    assert re.search(
        r"You have sent several messages in the last hour\. Please wait "
        r"(\d+ minutes|an hour), then send this one again",
        html,
    )
    assert kept in html
    assert 'value="idea" checked' in html or 'checked id="topic-1"' in html
    with app.app_context():
        assert len(_messages()) == 2
    other = app.test_client().post(
        "/tell-us", data={"topic": "idea", "body": IDEA}, environ_base={"REMOTE_ADDR": "192.0.2.80"}
    )
    assert other.status_code == 303


def test_send_with_expired_form_keeps_text_and_asks_to_send_again(make_app):
    app = make_app(WTF_CSRF_ENABLED=True)
    response = app.test_client().post("/tell-us", data={"topic": "idea", "body": IDEA})
    html = html_of(response)
    assert response.status_code == 200
    assert "This form timed out, so your message was not sent" in html
    assert IDEA in html
    with app.app_context():
        assert _messages() == []


def test_send_with_risk_phrase_shows_help_now_contacts(client):
    response = _send(client, topic="worried", body="Some days I want to end it all.")
    assert response.status_code == 303
    html = html_of(client.get(response.headers["Location"]))
    assert html.index("Thank you for your message</h1>") < html.index(
        "have to deal with this alone"
    )  # what happened first, then the help
    assert 'href="tel:116123"' in html
    assert "This is not a crisis line" in html
    assert "Your post is still here" not in html  # a private message, not a post
    assert "have to deal with this alone" not in html_of(client.get("/tell-us/sent"))


def test_send_without_risk_phrase_shows_no_support_panel(client):
    html = html_of(client.get(_send(client).headers["Location"]))
    assert "have to deal with this alone" not in html


def test_tell_us_messages_are_never_public(client, make_member, browser_for):
    _send(client, body="A private thought about the garden page")
    member = browser_for(make_member())
    for path in ("/", "/you-said-we-did", "/search?q=garden+page", "/admin/messages"):
        assert "A private thought" not in html_of(member.get(path))
        assert "A private thought" not in html_of(client.get(path))


# Admins -----------------------------------------------------------------------------------

ADMIN_PAGES = [
    "/admin/messages",
    "/admin/messages?topic=idea",
    "/admin/messages/counts",
    "/admin/you-said-we-did",
]


@pytest.mark.parametrize("path", ADMIN_PAGES)
@pytest.mark.parametrize("role", ["visitor", "member", "moderator", "suspended admin", "admin"])
def test_admin_page_for_each_role(client, make_member, make_moderator, browser_for, role, path):
    if role == "visitor":
        browser = client
    elif role == "member":
        browser = browser_for(make_member())
    elif role == "moderator":
        browser = browser_for(make_moderator())
    else:
        admin = make_moderator(role="admin")
        browser = browser_for(admin)
        if role == "suspended admin":  # as `flask` would; no one in the site may suspend an admin
            admin.suspended_for_good = True
            db.session.commit()
    response = browser.get(path)
    expected = {
        "visitor": 302,
        "member": 403,
        "moderator": 403,
        "suspended admin": 403,
        "admin": 200,
    }[role]
    assert response.status_code == expected
    if expected == 200:
        assert response.headers["Cache-Control"] == "no-store"
        assert response.headers["X-Robots-Tag"] == "noindex"


@pytest.mark.parametrize("role", ["visitor", "member", "moderator"])
def test_admin_actions_refused_for_non_admins(
    client, make_member, make_moderator, browser_for, role
):
    asker = make_member()
    message = tell_us.send(asker, topic="idea", body=IDEA, wants_answer=True).message
    browser = {
        "visitor": lambda: client,
        "member": lambda: browser_for(make_member()),
        "moderator": lambda: browser_for(make_moderator()),
    }[role]()
    for path, data in [
        (f"/admin/messages/{message.id}/read", {}),
        (f"/admin/messages/{message.id}/changed", {}),
        (f"/admin/messages/{message.id}", {"body": "Hello"}),
        ("/admin/you-said-we-did", {"said": "a", "did": "b"}),
    ]:
        assert browser.post(path, data=data).status_code in (302, 403)
    fresh = _messages()[0]
    assert (fresh.read_at, fresh.changed, fresh.answers) == (None, False, [])
    assert db.session.scalar(select(ChangeNote)) is None


def test_admin_list_is_newest_first_and_filters_by_topic(as_admin, make_member):
    tell_us.send(None, topic="idea", body="First, an idea")
    tell_us.send(make_member(), topic="broken", body="Second, something broken")
    tell_us.send(None, topic="idea", body="Third, another idea")
    html = html_of(as_admin.get("/admin/messages"))
    assert (
        html.index("Third, another idea")
        < html.index("Second, something")
        < html.index("First, an idea")
    )
    assert "3 unread" in html
    ideas = html_of(as_admin.get("/admin/messages?topic=idea"))
    assert "Third, another idea" in ideas and "Second, something" not in ideas
    assert as_admin.get("/admin/messages?topic=complaints").status_code == 404


def test_admin_marks_read_and_tags_changed_then_takes_off(as_admin):
    message = tell_us.send(None, topic="idea", body=IDEA).message
    url = f"/admin/messages/{message.id}"
    response = as_admin.post(f"{url}/read", data={"read": "yes"})
    assert (response.status_code, response.headers["Location"]) == (303, url)
    assert _messages()[0].read_at is not None
    assert "Marked as read." in html_of(as_admin.get(url))
    as_admin.post(f"{url}/changed", data={"changed": "yes"})
    assert _messages()[0].changed is True
    assert "Changed because of this" in html_of(as_admin.get("/admin/messages"))
    as_admin.post(f"{url}/changed", data={"changed": "no"})
    as_admin.post(f"{url}/read", data={"read": "no"})
    assert (_messages()[0].changed, _messages()[0].read_at) == (False, None)


def test_admin_action_on_unknown_message_is_404(as_admin):
    assert as_admin.get("/admin/messages/999999").status_code == 404
    assert as_admin.post("/admin/messages/999999/read").status_code == 404


def test_admin_post_without_csrf_token_is_refused(make_app):
    app = make_app(WTF_CSRF_ENABLED=True)
    with app.app_context():
        from app.services import accounts, moderation

        admin, phrase = accounts.enter_as_guest()
        moderation.set_role(admin.name, "admin")
        message = tell_us.send(None, topic="idea", body=IDEA).message
        name, message_id = admin.name, message.id
    client = app.test_client()
    page = html_of(client.get("/return"))
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    client.post("/return", data={"name": name, "secret": phrase, "csrf_token": token})
    assert client.get("/admin/messages").status_code == 200
    assert client.post(f"/admin/messages/{message_id}/read").status_code == 400
    assert client.post("/admin/you-said-we-did", data={"said": "a", "did": "b"}).status_code == 400
    with app.app_context():
        assert _messages()[0].read_at is None
        assert db.session.scalar(select(ChangeNote)) is None


def test_admin_answers_member_who_sees_it_in_messages_from_the_site(
    client, as_admin, make_member, sign_in
):
    member = make_member()
    sign_in(member)
    _send(client, topic="broken", body="The Replies page forgets what I read", wants_answer="y")
    message = _messages()[0]
    assert "the people who run the site read" not in html_of(client.get("/learn")).lower()
    response = as_admin.post(
        f"/admin/messages/{message.id}",
        data={"body": "Thank you. We found the fault and fixed it."},
    )
    assert response.status_code == 303
    assert "Your answer is sent" in html_of(as_admin.get(response.headers["Location"]))
    notice = html_of(client.get("/learn"))
    assert "You have a new message from the site." in notice
    page = html_of(client.get("/account/messages"))
    assert "Thank you. We found the fault and fixed it." in page
    assert "From the people who run the site" in page
    assert "The Replies page forgets what I read" in page
    assert '<span class="badge">New</span>' in page
    assert "new message from the site" not in html_of(client.get("/learn"))
    assert '<span class="badge">New</span>' not in html_of(client.get("/account/messages"))
    assert _messages()[0].read_at is not None


@pytest.mark.parametrize("who", ["visitor", "member who asked for none"])
def test_admin_cannot_answer_without_a_way_back(as_admin, make_member, who):
    sender = None if who == "visitor" else make_member()
    message = tell_us.send(sender, topic="idea", body=IDEA).message
    page = html_of(as_admin.get(f"/admin/messages/{message.id}"))
    assert 'name="body"' not in page
    assert "cannot be answered" in page or "did not ask for an answer" in page
    assert as_admin.post(f"/admin/messages/{message.id}", data={"body": "Hi"}).status_code == 403
    assert db.session.scalar(select(MemberMessage)) is None


@pytest.mark.parametrize(
    ("body", "error"),
    [
        ("", "Write your answer"),
        ("x" * 2001, "Your message is 2,001 characters. Shorten it to 2,000 characters or fewer"),
    ],
)
def test_admin_answer_bad_input_shows_error_and_keeps_text(as_admin, make_member, body, error):
    message = tell_us.send(make_member(), topic="idea", body=IDEA, wants_answer=True).message
    response = as_admin.post(f"/admin/messages/{message.id}", data={"body": body})
    html = html_of(response)
    assert response.status_code == 200
    assert title_of(response).startswith("Error: ")
    assert f'<a href="#body">{error}</a>' in html
    assert body in html
    assert db.session.scalar(select(MemberMessage)) is None


def test_admin_counts_per_topic_per_month(as_admin):
    for topic, month in [
        ("idea", 10),
        ("idea", 10),
        ("broken", 10),
        ("idea", 11),
        ("accessibility", 11),
    ]:
        message = tell_us.send(None, topic=topic, body=IDEA).message
        message.created_at = datetime(2026, month, 15, 12, tzinfo=UTC)
    db.session.commit()
    months, counts = tell_us.monthly_counts(db.session.get(Member, _admin_id(as_admin)))
    assert months == ["2026-11", "2026-10"]
    assert counts["idea"] == {"2026-11": 1, "2026-10": 2}
    assert counts["broken"] == {"2026-11": 0, "2026-10": 1}
    assert counts["worried"] == {"2026-11": 0, "2026-10": 0}
    html = html_of(as_admin.get("/admin/messages/counts"))
    assert re.search(r'<th scope="row">An idea</th><td>1</td><td>2</td>', html)
    assert re.search(r'<th scope="row">Accessibility</th><td>1</td><td>0</td>', html)


def _admin_id(browser) -> int:
    return db.session.scalar(select(Member.id).where(Member.role == "admin"))


# You said, we did ---------------------------------------------------------------------------


def test_admin_adds_you_said_we_did_entry_shown_publicly(client, as_admin):
    assert "No changes are written here yet." in html_of(client.get("/you-said-we-did"))
    response = as_admin.post(
        "/admin/you-said-we-did",
        data={
            "said": "The search box was hard to find on a phone.",
            "did": "We moved it to the top of every page.",
        },
    )
    assert response.status_code == 303
    page = html_of(client.get("/you-said-we-did"))
    assert "The search box was hard to find on a phone." in page
    assert "We moved it to the top of every page." in page
    assert "No changes are written here yet." not in page


@pytest.mark.parametrize(
    ("data", "field", "error"),
    [
        ({"said": "", "did": "Something"}, "said", "Write what people told you"),
        ({"said": "Something", "did": " "}, "did", "Write what you changed"),
        ({"said": "x" * 1001, "did": "Something"}, "said", "Shorten it to 1,000 characters"),
    ],
)
def test_admin_you_said_we_did_bad_input_keeps_text(as_admin, data, field, error):
    response = as_admin.post("/admin/you-said-we-did", data=data)
    html = html_of(response)
    assert response.status_code == 200 and title_of(response).startswith("Error: ")
    assert f'id="{field}-error"' in html and error in html
    assert "Something" in html
    assert db.session.scalar(select(ChangeNote)) is None


def test_admin_removes_you_said_we_did_entry(client, as_admin):
    as_admin.post("/admin/you-said-we-did", data={"said": "Said this", "did": "Did that"})
    note = db.session.scalar(select(ChangeNote))
    assert as_admin.post(f"/admin/you-said-we-did/{note.id}/remove").status_code == 303
    assert "Did that" not in html_of(client.get("/you-said-we-did"))
    assert as_admin.post(f"/admin/you-said-we-did/{note.id}/remove").status_code == 404


# Download and delete ------------------------------------------------------------------------


def test_download_my_data_includes_messages_to_and_from_the_site(
    client, make_member, sign_in, as_admin
):
    member = make_member()
    sign_in(member)
    _send(client, topic="accessibility", body="The buttons are small", wants_answer="y")
    as_admin.post(f"/admin/messages/{_messages()[0].id}", data={"body": "We made them larger."})
    data = json.loads(client.get("/account/download").get_data(as_text=True))
    [sent] = data["messages_to_the_team"]
    assert sent["topic"] == "Accessibility" and sent["text"] == "The buttons are small"
    assert sent["answers"][0]["text"] == "We made them larger."
    assert data["messages_from_the_site"][0]["text"] == "We made them larger."
    assert data["messages_from_the_site"][0]["from"] == "The people who run the site"


def test_delete_account_deletes_messages_to_and_from_the_site(
    client, make_member, sign_in, as_admin
):
    member = make_member()
    sign_in(member)
    _send(client, body="Words only this member wrote", wants_answer="y")
    as_admin.post(f"/admin/messages/{_messages()[0].id}", data={"body": "An answer for them"})
    tell_us.send(None, topic="idea", body="A visitor's message stays")
    assert client.post("/account/delete", data={"posts": "delete"}).status_code == 303
    db.session.expire_all()
    assert [m.body for m in _messages()] == ["A visitor's message stays"]
    assert db.session.scalar(select(MemberMessage)) is None


# Contact and links --------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/about", "/accessibility", "/privacy"])
def test_site_page_points_to_tell_us(client, path):
    assert 'href="/tell-us"' in html_of(client.get(path)).split("<footer")[0]


@pytest.mark.parametrize("path", ["/about", "/accessibility", "/privacy", "/tell-us"])
def test_contact_address_shown_only_where_set(make_app, path):
    plain = make_app().test_client().get(path)
    assert "Other ways to reach" not in html_of(plain)
    app = make_app(
        CONTACT_EMAIL="hello@commonground.example",
        CONTACT_ADDRESS="CommonGround, 1 High Street, Leeds LS1 1AA",
    )
    html = html_of(app.test_client().get(path))
    assert 'href="mailto:hello@commonground.example"' in html
    assert "1 High Street, Leeds LS1 1AA" in html


def test_about_links_to_you_said_we_did(client):
    assert 'href="/you-said-we-did"' in html_of(client.get("/about")).split("<footer")[0]


def test_every_footer_link_leads_to_a_page(client, make_member, browser_for):
    for browser in (client, browser_for(make_member())):
        footer = html_of(browser.get("/")).split('<footer class="site-footer">')[1]
        links = re.findall(r'href="(/[^"]*)"', footer)
        assert {"/about", "/tell-us", "/you-said-we-did", "/accessibility"} <= set(links)
        for link in links:
            assert browser.get(link).status_code == 200, link


# Queries ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    [
        "/admin/messages",
        "/admin/messages?topic=broken",
        "/admin/messages/counts",
        "/you-said-we-did",
        "/account/messages",
    ],
)
def test_page_queries_do_not_grow_with_messages(app, admin, make_member, sign_in, client, path):
    from tests.functional.test_talk_queries import counted_queries

    writer = make_member()
    sign_in(writer if path == "/account/messages" else admin)
    counts = []
    for batch in (3, 30):
        for n in range(batch):
            message = tell_us.send(
                writer if n % 2 else make_member(),
                topic="broken",
                body=f"Message {n}",
                wants_answer=True,
            ).message
            tell_us.answer(admin, message, f"Answer {n}")
            db.session.add(ChangeNote(said=f"Said {n}", did=f"Did {n}"))
        db.session.commit()
        db.session.expire_all()
        with counted_queries() as statements:
            assert client.get(path).status_code == 200
        counts.append(len(statements))
    assert counts[0] == counts[1] <= 8, counts
