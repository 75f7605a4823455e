import json
import re

import pytest
from sqlalchemy import select

from app.extensions import db
from app.models.user import Member
from app.services import accounts
from tests.functional.helpers import html_of, is_signed_in, phrase_shown, title_of

GOOD_PASSWORD = "kettle orbit saffron 9"


@pytest.fixture
def member(make_member, sign_in):
    member = make_member()
    sign_in(member)
    return member


def _fresh(member):
    db.session.expire_all()
    return db.session.get(Member, member.id)


# Every bad input: error summary, inline error, "Error:" title, input kept where safe --------

BAD_INPUTS = [
    ("/account/name", {"name": ""}, "name", "Enter a name"),
    ("/account/name", {"name": "Al"}, "name", "3 characters or more"),
    ("/account/name", {"name": "A" * 31}, "name", "30 characters or fewer"),
    ("/account/name", {"name": "Heron <b>!"}, "name", "only include letters"),
    ("/account/name", {"name": "Head Moderator"}, "name", "words the site uses"),
    ("/account/password", {"password": "", "confirm": ""}, "password", "Enter a password"),
    (
        "/account/password",
        {"password": "short", "confirm": "short"},
        "password",
        "10 characters or more",
    ),
    (
        "/account/password",
        {"password": "qwertyuiop", "confirm": "qwertyuiop"},
        "password",
        "too common",
    ),
    (
        "/account/password",
        {"password": GOOD_PASSWORD, "confirm": GOOD_PASSWORD + "x"},
        "confirm",
        "do not match",
    ),
    (
        "/account/preferences",
        {"content_notes": "loud"},
        "content_notes-0",
        "Choose how posts with content notes",
    ),
    ("/account/preferences", {}, "content_notes-0", "Choose how posts with content notes"),
    ("/account/delete", {}, "posts-0", "Choose what should happen"),
    ("/account/delete", {"posts": "maybe"}, "posts-0", "Choose what should happen"),
]


@pytest.mark.parametrize(
    ("path", "data", "target", "message"),
    BAD_INPUTS,
    ids=[f"{p}-{m[:20]}" for p, _, _, m in BAD_INPUTS],
)
def test_post_bad_input_shows_summary_and_inline_error(client, member, path, data, target, message):
    response = client.post(path, data=data)
    html = html_of(response)
    assert response.status_code == 200
    assert title_of(response).startswith("Error: ")
    summary = re.search(r'<div class="error-summary".*?</div>', html, re.S).group(0)
    assert "There is a problem" in summary
    assert f'href="#{target}"' in summary and message in summary
    assert re.search(r'<span class="visually-hidden">Error:</span> [^<]*' + message, html)
    assert is_signed_in(client)


def test_change_name_with_bad_name_keeps_what_was_typed(client, member):
    html = html_of(client.post("/account/name", data={"name": "Heron <b>!"}))
    assert 'value="Heron &lt;b&gt;!"' in html
    assert "<b>!" not in html


def test_set_password_with_error_never_echoes_it(client, member):
    html = html_of(
        client.post(
            "/account/password", data={"password": GOOD_PASSWORD, "confirm": "something else"}
        )
    )
    assert GOOD_PASSWORD not in html and "something else" not in html


# Name ---------------------------------------------------------------------------------------


def test_change_name_saves_tidied_name(client, member):
    response = client.post("/account/name", data={"name": "  Morning   Lark  "})
    assert response.headers["Location"] == "/account"
    assert _fresh(member).name == "Morning Lark"
    assert "Your name is now Morning Lark" in html_of(client.get("/account"))


def test_change_name_to_taken_name_in_other_case_is_refused(client, member, make_member):
    make_member(name="Morning Lark")
    html = html_of(client.post("/account/name", data={"name": "morning LARK"}))
    assert "That name is taken" in html
    assert _fresh(member).name != "Morning Lark"


# "Coco Bee 12" in Cyrillic letters, then with a Cyrillic "o", a small L for the 1, and capitals.
LOOK_ALIKES = ("\u0421\u043e\u0441\u043e \u0412\u0435\u0435 12", "Coco Bee l2", "COCO BEE 12")


@pytest.mark.parametrize("look_alike", LOOK_ALIKES)
def test_change_name_to_look_alike_of_another_members_name_is_refused(
    client, member, make_member, look_alike
):
    make_member(name="Coco Bee 12")
    response = client.post("/account/name", data={"name": look_alike})
    assert response.status_code == 200
    assert "looks too like a name someone already has" in html_of(response)
    assert _fresh(member).name != look_alike


def test_change_name_to_look_alike_of_moderator_is_refused(client, member, make_moderator):
    make_moderator(name="Shining Rowan 16")
    html = html_of(client.post("/account/name", data={"name": "Shining R\u043ewan 16"}))
    assert "There is a problem" in html and "from one alphabet" in html
    html = html_of(client.post("/account/name", data={"name": "Shining Rowan l6"}))
    assert "looks too like a name someone already has" in html


def test_change_name_to_own_name_in_other_case_is_allowed(client, member):
    client.post("/account/name", data={"name": member.name.upper()})
    assert _fresh(member).name == member.name.upper()


def test_return_after_name_change_uses_new_name(app, client, member):
    client.post("/account/name", data={"name": "Morning Lark"})
    other = app.test_client()
    response = other.post("/return", data={"name": "morning lark", "secret": member.phrase})
    assert response.status_code == 303


# Phrase and password ------------------------------------------------------------------------


def test_regenerate_phrase_shows_new_one_and_old_stops_working(app, client, member):
    html = html_of(client.post("/account/phrase"))
    assert phrase_shown(client.get("/account")) is None
    new = re.search(r'<p class="phrase" id="recovery-phrase">(.*?)</p>', html).group(1)
    assert new != member.phrase
    old = app.test_client().post("/return", data={"name": member.name, "secret": member.phrase})
    assert old.status_code == 200
    fresh = app.test_client().post("/return", data={"name": member.name, "secret": new})
    assert fresh.status_code == 303


def test_set_password_then_return_with_either_password_or_phrase(app, client, member):
    response = client.post(
        "/account/password", data={"password": GOOD_PASSWORD, "confirm": GOOD_PASSWORD}
    )
    assert response.headers["Location"] == "/account"
    assert _fresh(member).password_hash.startswith("scrypt:")
    for secret in (GOOD_PASSWORD, member.phrase):
        other = app.test_client()
        response = other.post("/return", data={"name": member.name, "secret": secret})
        assert response.status_code == 303


# Preferences --------------------------------------------------------------------------------


def test_discreet_titles_make_every_title_just_the_site_name(client, member):
    client.post("/account/preferences", data={"discreet_titles": "y", "content_notes": "hidden"})
    fresh = _fresh(member)
    assert fresh.discreet_titles is True and fresh.content_notes == "hidden"
    for path in ("/", "/help-now", "/account", "/privacy", "/no-such-page"):
        assert title_of(client.get(path)) == "CommonGround", path
    assert title_of(client.post("/account/name", data={"name": ""})) == "CommonGround"


def test_preferences_form_shows_current_choices(client, member):
    html = html_of(client.get("/account/preferences"))
    assert re.search(r'<input checked id="content_notes-0"[^>]*value="collapsed"', html)


# Download my data ---------------------------------------------------------------------------


def test_download_my_data_gives_json_with_everything_held(client, member, make_member):
    make_member(name="Someone Else")
    response = client.get("/account/download")
    assert response.mimetype == "application/json"
    assert "attachment" in response.headers["Content-Disposition"]
    assert response.headers["Cache-Control"] == "no-store"
    data = json.loads(response.get_data(as_text=True))
    assert data["profile"]["name"] == member.name
    assert data["profile"]["has_password"] is False
    assert data["preferences"] == {
        "discreet_titles": False,
        "content_notes": "collapsed",
        "taking_a_break_until": None,
    }
    assert set(data) == {"site", "exported_at"} | {name for name, _ in accounts.EXPORT_SECTIONS}
    text = response.get_data(as_text=True)
    assert "Someone Else" not in text
    assert _fresh(member).phrase_hash not in text


# Delete -------------------------------------------------------------------------------------


def _every_value_in_database():
    values = []
    for table in db.metadata.sorted_tables:
        for row in db.session.execute(select(table)):
            values += [str(value) for value in row]
    return values


@pytest.mark.parametrize("choice", ["delete", "keep"])
def test_delete_account_leaves_no_row_with_name_or_hashes(client, member, choice):
    client.post("/account/password", data={"password": GOOD_PASSWORD, "confirm": GOOD_PASSWORD})
    stored = _fresh(member)
    secrets_ = [stored.name, stored.name_key, stored.phrase_hash, stored.password_hash]
    response = client.post("/account/delete", data={"posts": choice})
    assert response.headers["Location"] == "/goodbye"
    assert response.headers["Clear-Site-Data"] == '"cookies", "storage"'
    db.session.expire_all()
    assert db.session.get(Member, member.id) is None
    everything = " ".join(_every_value_in_database())
    for secret in secrets_:
        assert secret not in everything
    assert "deleted" in html_of(client.get("/goodbye"))


def test_delete_account_page_explains_both_choices(client, member):
    html = html_of(client.get("/account/delete"))
    assert "Delete everything I wrote" in html
    assert "a former member" in html
    assert "removed by its author" in html
