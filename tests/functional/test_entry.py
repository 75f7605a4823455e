import re

from app.extensions import db
from app.models.user import Member
from app.names import name_problem
from app.services import accounts
from tests.functional.helpers import (
    html_of,
    is_signed_in,
    newest_member,
    phrase_shown,
    session_cookie,
)


def test_enter_as_guest_creates_member_signs_in_and_shows_welcome(client):
    response = client.post("/enter")
    assert response.status_code == 303
    assert response.headers["Location"] == "/welcome"
    member = newest_member()
    assert name_problem(member.name) is None
    welcome = client.get("/welcome")
    assert f"Welcome, {member.name}" in html_of(welcome)
    phrase = phrase_shown(welcome)
    assert len(phrase.split(" ")) == 6
    assert phrase not in member.phrase_hash
    assert member.phrase_hash.startswith("scrypt:")


def test_welcome_says_what_to_do_next_in_talk_and_what_replies_are(client):
    client.post("/enter")
    html = html_of(client.get("/welcome"))
    assert re.search(r'Say hello in <a href="/talk">Talk</a>: choose a space', html)
    assert re.search(r'<a href="/talk/replies">Replies</a>[^<]*lists the answers to your', html)


def test_enter_as_guest_with_next_returns_there_with_welcome_panel(client):
    response = client.post("/enter", data={"next": "/help-now"})
    assert response.headers["Location"] == "/help-now"
    page = client.get("/help-now")
    assert "Your recovery phrase" in html_of(page)
    assert phrase_shown(page)


def test_enter_as_guest_with_next_to_other_site_goes_to_welcome(client):
    response = client.post("/enter", data={"next": "https://evil.example/"})
    assert response.headers["Location"] == "/welcome"


def test_phrase_saved_hides_the_panel_and_returns_to_the_page(client):
    client.post("/enter", data={"next": "/help-now"})
    response = client.post("/phrase-saved", data={"next": "/help-now"})
    assert response.headers["Location"] == "/help-now"
    assert phrase_shown(client.get("/help-now")) is None
    assert "You have saved your recovery phrase" in html_of(client.get("/welcome"))


def test_enter_when_signed_in_creates_no_second_member(client):
    client.post("/enter")
    client.post("/enter")
    assert db.session.execute(db.select(db.func.count(Member.id))).scalar() == 1


def test_enter_changes_session_and_drops_what_was_in_it(client, app):
    with client.session_transaction() as session:
        session["planted"] = "by someone else"
    before = session_cookie(client)
    client.post("/enter")
    after = session_cookie(client)
    assert after != before
    with client.session_transaction() as session:
        assert "planted" not in session
    planted = app.test_client()
    planted.set_cookie("session", before)
    assert not is_signed_in(planted)


def test_enter_session_cookie_ends_with_the_browser(client):
    response = client.post("/enter")
    cookies = response.headers.getlist("Set-Cookie")
    session = next(c for c in cookies if c.startswith("session="))
    assert "Expires" not in session and "Max-Age" not in session
    assert not any(c.startswith("remember=") for c in cookies)


def test_enter_when_pseudonym_taken_picks_another(client, make_member, monkeypatch):
    taken = make_member(name="Quiet Heron 24")
    names = iter(["quiet heron 24", "Calm Otter 31"])
    monkeypatch.setattr(accounts, "generate_pseudonym", lambda digits: next(names))
    client.post("/enter")
    assert newest_member().name == "Calm Otter 31"
    assert taken.id != newest_member().id


def test_home_page_for_visitor_offers_one_button_entry_and_conduct_summary(client):
    html = html_of(client.get("/"))
    form = re.search(r'<form method="post" action="/enter"[^>]*>(.*?)</form>', html, re.S).group(1)
    assert "<button" in form and "Enter as a guest" in form
    assert "<input type=\"text\"" not in form
    assert "By entering you agree" in html
    assert 'href="/return"' in html


def test_header_for_visitor_shows_enter_and_return(client):
    html = html_of(client.get("/help-now"))
    assert 'href="/enter?next=/help-now"' in html
    assert 'href="/return?next=/help-now"' in html
    assert "Sign out" not in html


def test_header_for_member_shows_name_and_sign_out(client):
    client.post("/enter")
    member = newest_member()
    html = html_of(client.get("/help-now"))
    assert f'My account: </span>{member.name}</a>' in html
    assert '<form method="post" action="/sign-out"' in html
    assert 'href="/enter' not in html


def test_welcome_for_visitor_redirects_to_enter(client):
    response = client.get("/welcome")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/enter?next=")
