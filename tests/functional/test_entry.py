import json
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
    assert response.status_code == 200
    member = newest_member()
    assert name_problem(member.name) is None
    assert f"Welcome, {member.name}" in html_of(response)
    phrase = phrase_shown(response)
    assert len(phrase.split(" ")) == 6
    assert phrase not in member.phrase_hash
    assert member.phrase_hash.startswith("scrypt:")
    assert response.headers["Cache-Control"] == "no-store"
    assert html_of(response).count('id="recovery-phrase"') == 1


def test_welcome_says_what_to_do_next_in_talk_and_what_replies_are(client):
    client.post("/enter")
    html = html_of(client.get("/welcome"))
    assert re.search(r'Say hello in <a href="/talk">Talk</a>: choose a space', html)
    assert re.search(r'<a href="/talk/replies">Replies</a>[^<]*lists the answers to your', html)


def test_enter_as_guest_with_next_shows_phrase_then_goes_there(client):
    response = client.post("/enter", data={"next": "/help-now"})
    assert phrase_shown(response)
    assert 'name="next" value="/help-now"' in html_of(response)
    saved = client.post("/phrase-saved", data={"next": "/help-now"})
    assert saved.headers["Location"] == "/help-now"


def test_enter_as_guest_with_next_to_other_site_goes_on_to_welcome(client):
    response = client.post("/enter", data={"next": "https://evil.example/"})
    assert 'name="next" value="/welcome"' in html_of(response)


def test_phrase_once_shown_is_never_shown_again(client):
    client.post("/enter", data={"next": "/help-now"})
    response = client.post("/phrase-saved", data={"next": "/help-now"})
    assert response.headers["Location"] == "/help-now"
    assert phrase_shown(client.get("/help-now")) is None
    welcome = client.get("/welcome")
    assert phrase_shown(welcome) is None
    assert "Your recovery phrase was shown once" in html_of(welcome)


def _cookie_contents(app, response) -> list[str]:
    """Every cookie the response sets, as text, with the session cookie's signed JSON decoded."""
    serializer = app.session_interface.get_signing_serializer(app)
    contents = []
    for header in response.headers.getlist("Set-Cookie"):
        name, _, rest = header.partition("=")
        value = rest.split(";", 1)[0]
        contents.append(value)
        if name == app.config["SESSION_COOKIE_NAME"] and value:
            contents.append(json.dumps(serializer.loads(value)))
    return contents


def _holds_phrase(content: str, words: list[str]) -> bool:
    """The phrase's words in order, with any separators or none. (A single short word may turn
    up by chance in a signature or a key such as "_fresh", so words alone prove nothing.)"""
    return re.search(r"[\W_]*".join(map(re.escape, words)), content, re.IGNORECASE) is not None


def test_enter_and_new_phrase_never_put_the_phrase_in_a_cookie(app, client):
    entered = client.post("/enter")
    phrase = phrase_shown(entered) or phrase_shown(client.get("/welcome"))
    words = phrase.split(" ")
    assert any(_cookie_contents(app, entered))  # the session was set, and was read
    for response in (entered, client.get("/welcome"), client.get("/help-now")):
        for content in _cookie_contents(app, response):
            assert not _holds_phrase(content, words), content
    remade = client.post("/account/phrase")
    new_phrase = phrase_shown(remade) or phrase_shown(client.get("/account"))
    assert new_phrase and new_phrase != phrase
    assert _cookie_contents(app, remade)
    for content in _cookie_contents(app, remade):
        assert not _holds_phrase(content, new_phrase.split(" ")), content


def test_session_from_before_drops_the_phrase_it_carried(app, client, make_member, sign_in):
    sign_in(make_member())
    with client.session_transaction() as session:
        session["new_phrase"] = "kept here by an older version"
    response = client.get("/account")
    assert not any("older version" in c for c in _cookie_contents(app, response))
    with client.session_transaction() as session:
        assert "new_phrase" not in session


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
    assert '<input type="text"' not in form
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
    assert f"My account: </span>{member.name}</a>" in html
    assert '<form method="post" action="/sign-out"' in html
    assert 'href="/enter' not in html


def test_welcome_for_visitor_redirects_to_enter(client):
    response = client.get("/welcome")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/enter?next=")


def _token(html: str, action: str) -> str:
    form = re.search(rf'<form method="post" action="{action}"[^>]*>(.*?)</form>', html, re.S)
    return re.search(r'name="csrf_token"[^>]*?value="([^"]+)"', form.group(1)).group(1)


def test_forms_on_the_new_phrase_page_work_in_the_new_session(make_app):
    app = make_app(WTF_CSRF_ENABLED=True)
    browser = app.test_client()
    entered = browser.post(
        "/enter", data={"csrf_token": _token(html_of(browser.get("/enter")), "/enter")}
    )
    assert phrase_shown(entered)
    saved = browser.post(
        "/phrase-saved",
        data={"csrf_token": _token(html_of(entered), "/phrase-saved"), "next": "/account/phrase"},
    )
    assert saved.status_code == 303
    remade = browser.post(
        "/account/phrase",
        data={"csrf_token": _token(html_of(browser.get("/account/phrase")), "/account/phrase")},
    )
    assert phrase_shown(remade)
    signed_out = browser.post(
        "/sign-out", data={"csrf_token": _token(html_of(remade), "/sign-out")}
    )
    assert signed_out.headers["Location"] == "/signed-out"
