"""Discreet browsing for everyone: the switch, neutral titles, searches kept out of addresses."""

import re

import pytest

from app.extensions import db
from app.models.user import Member
from app.services import accounts
from tests.functional.helpers import html_of, title_of

PAGES = (
    "/",
    "/learn/diabetes-distress",
    "/learn/diabetes-distress/share",
    "/help-now",
    "/search?q=sleep",
    "/no-such-page",
    "/cover-your-tracks",
)


def _fresh(member):
    db.session.expire_all()
    return db.session.get(Member, member.id)


def switch(client, on, next_path="/learn/sleep", **headers):
    return client.post(
        "/discreet", data={"on": "1" if on else "0", "next": next_path}, headers=headers
    )


def test_titles_by_default_describe_each_page(client):
    assert title_of(client.get("/learn/diabetes-distress")).startswith("Diabetes distress")
    assert title_of(client.get("/search?q=sleep")) != "CommonGround"


def test_discreet_switch_for_visitor_sets_one_preference_cookie_and_no_session(client):
    response = switch(client, True)
    assert response.status_code == 303 and response.headers["Location"] == "/learn/sleep"
    cookies = response.headers.getlist("Set-Cookie")
    assert len(cookies) == 1
    assert cookies[0].startswith("discreet=1;")
    assert "HttpOnly" in cookies[0] and "SameSite=Lax" in cookies[0] and "Path=/" in cookies[0]
    for path in PAGES:
        assert title_of(client.get(path)) == "CommonGround", path
    assert not client.get("/learn/sleep").headers.getlist("Set-Cookie")


def test_discreet_switch_off_clears_the_cookie_and_titles_describe_pages_again(client):
    switch(client, True)
    response = switch(client, False)
    assert "discreet=;" in response.headers["Set-Cookie"]
    assert client.get_cookie("discreet") is None
    assert title_of(client.get("/learn/sleep")).startswith("Sleeping better")


def test_discreet_switch_shows_its_state_on_every_page(client):
    assert 'aria-pressed="false"' in html_of(client.get("/learn/sleep"))
    switch(client, True)
    html = html_of(client.get("/learn/sleep"))
    assert 'aria-pressed="true"' in html and 'name="on" value="0"' in html


def test_discreet_switch_posted_from_another_site_is_refused(client):
    response = switch(client, True, Origin="https://elsewhere.example")
    assert response.status_code == 403
    assert client.get_cookie("discreet") is None


def test_discreet_switch_to_another_site_goes_home(client):
    assert switch(client, True, next_path="https://elsewhere.example/").headers["Location"] == "/"


def test_discreet_switch_for_member_saves_preference_without_a_cookie(client, make_member, sign_in):
    member = make_member()
    sign_in(member)
    response = switch(client, True)
    assert "discreet=" not in " ".join(response.headers.getlist("Set-Cookie"))
    assert _fresh(member).discreet_titles is True
    assert title_of(client.get("/learn/sleep")) == "CommonGround"
    switch(client, False)
    assert _fresh(member).discreet_titles is False


def test_learn_page_varies_on_cookie_so_caches_keep_both_readings_apart(client):
    response = client.get("/learn/sleep")
    assert "Cookie" in response.headers["Vary"]


def test_search_form_for_member_when_discreet_sends_words_by_post(client, make_member, sign_in):
    sign_in(make_member())
    assert re.search(r'<form method="get" action="/search"', html_of(client.get("/")))
    switch(client, True)
    html = html_of(client.get("/"))
    assert re.search(r'<form method="post" action="/search"', html)
    assert not re.search(r'<form method="get" action="/search"', html)


def test_search_by_post_finds_pages_and_keeps_words_out_of_every_address(client):
    switch(client, True)
    response = client.post("/search", data={"q": "sleep routine"})
    html = html_of(response)
    assert response.status_code == 200
    assert "Sleeping better with a long-term condition" in html
    assert response.headers["Cache-Control"] == "no-store"
    assert title_of(response) == "CommonGround"
    addresses = re.findall(r'(?:href|action)="([^"]*)"', html)
    assert addresses and not [a for a in addresses if "sleep" in a and "/learn/" not in a]
    assert 'value="sleep routine"' in html  # kept in the box, and in the filter forms


def test_search_for_member_when_discreet_filters_by_post_forms(client, make_member, sign_in):
    sign_in(make_member())
    switch(client, True)
    html = html_of(client.post("/search", data={"q": "sleep", "kind": "learn"}))
    current = r'<button type="submit" class="link-button" aria-current="page">Learn pages'
    assert re.search(current, html)
    assert not re.search(r'href="/search\?', html)


@pytest.mark.parametrize("field", ["kind", "tag"])
def test_search_by_post_with_unknown_filter_is_not_found(client, field):
    assert client.post("/search", data={"q": "sleep", field: "nonsense"}).status_code == 404


def test_discreet_switch_for_member_needs_the_form_token(make_app):
    app = make_app(WTF_CSRF_ENABLED=True)
    browser = app.test_client()
    with app.app_context():
        member, phrase = accounts.enter_as_guest()
        member_id, name = member.id, member.name

    def token(path):
        html = html_of(browser.get(path))
        return re.search(r'name="csrf_token"[^>]*value="([^"]+)"', html).group(1)

    def discreet():
        with app.app_context():
            return db.session.get(Member, member_id).discreet_titles

    signed_in = browser.post(
        "/return", data={"name": name, "secret": phrase, "csrf_token": token("/return")}
    )
    assert signed_in.status_code == 303
    refused = browser.post("/discreet", data={"on": "1", "next": "/"})
    assert refused.status_code == 400
    assert discreet() is False
    accepted = browser.post("/discreet", data={"on": "1", "next": "/", "csrf_token": token("/")})
    assert accepted.status_code == 303
    assert discreet() is True


def test_search_by_post_from_another_site_is_refused(client):
    response = client.post(
        "/search", data={"q": "sleep"}, headers={"Origin": "https://elsewhere.example"}
    )
    assert response.status_code == 403
