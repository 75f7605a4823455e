import math
import os
import re
import uuid

import pytest
from limits import parse

from app import credentials
from app.config import Config
from app.extensions import db
from app.services.accounts import WRONG_DETAILS
from tests.functional.helpers import html_of, is_signed_in, session_cookie, title_of

REDIS_URL = os.environ.get("TEST_REDIS_URL")


def _return(client, name, secret, **kwargs):
    return client.post("/return", data={"name": name, "secret": secret}, **kwargs)


def test_return_with_name_and_phrase_signs_in(client, make_member):
    member = make_member()
    response = _return(client, member.name, member.phrase)
    assert response.status_code == 303
    assert "Welcome back" in html_of(client.get("/"))
    assert is_signed_in(client)


def test_return_with_any_case_spacing_and_punctuation_signs_in(client, make_member):
    member = make_member()
    pasted = "  " + ",\n".join(member.phrase.upper().split(" ")) + ". "
    assert _return(client, "  " + member.name.lower() + " ", pasted).status_code == 303


def test_return_with_phrase_of_retired_words_given_out_before_signs_in(client, make_member):
    """Members keep the phrases they were given: retired words are only left out of new ones."""
    member = make_member()
    old_phrase = "diabetic widow helpless pointless agony bleak"
    assert set(old_phrase.split()) <= credentials.retired_words()
    member.phrase_hash = credentials.hash_secret(old_phrase)
    db.session.commit()
    assert (
        _return(
            client, member.name, "Diabetic, widow, helpless, pointless, agony, bleak."
        ).status_code
        == 303
    )


def test_return_with_password_signs_in(client, make_member):
    member = make_member(password="kettle orbit saffron 9")
    assert _return(client, member.name, "kettle orbit saffron 9").status_code == 303


def test_return_with_next_goes_back_there(client, make_member):
    member = make_member()
    response = client.post(
        "/return", data={"name": member.name, "secret": member.phrase, "next": "/help-now"}
    )
    assert response.headers["Location"] == "/help-now"


def test_return_with_wrong_name_or_wrong_phrase_gives_same_message(client, make_member):
    member = make_member()
    other = make_member()
    wrong_name = _return(client, "Nobody Here 77", member.phrase)
    wrong_phrase = _return(client, member.name, other.phrase)
    wrong_password = _return(client, member.name, "kettle orbit saffron 9")
    for response in (wrong_name, wrong_phrase, wrong_password):
        assert response.status_code == 200
        assert WRONG_DETAILS in html_of(response)
    assert not is_signed_in(client)


def test_return_with_wrong_phrase_keeps_name_and_never_echoes_phrase(client, make_member):
    member = make_member()
    other = make_member()
    html = html_of(_return(client, member.name, other.phrase))
    assert f'value="{member.name}"' in html
    assert other.phrase not in html
    assert 'href="#secret"' in html
    assert 'aria-describedby="secret-hint secret-error"' in html


def test_return_with_empty_fields_shows_error_for_each(client):
    response = _return(client, "", "")
    html = html_of(response)
    assert title_of(response).startswith("Error: ")
    assert "Enter your name" in html and "Enter your recovery phrase or password" in html
    assert 'href="#name"' in html and 'href="#secret"' in html


def test_return_with_huge_input_shows_error_not_500(client):
    response = _return(client, "x" * 20000, "y" * 20000)
    assert response.status_code == 200
    assert WRONG_DETAILS in html_of(response)


@pytest.mark.parametrize("known_name", [True, False])
@pytest.mark.parametrize("secret", ["abacus zoom abacus zoom abacus zoom", "kettle orbit 9"])
def test_return_runs_exactly_one_hash_check_whatever_the_input(
    client, make_member, monkeypatch, known_name, secret
):
    """So the time taken does not tell which names exist or have a password."""
    member = make_member(password="another password 12")
    calls = []
    real = credentials.check_password_hash
    monkeypatch.setattr(credentials, "check_password_hash", lambda *a: calls.append(a) or real(*a))
    _return(client, member.name if known_name else "Nobody Here 77", secret)
    assert len(calls) == 1


def test_return_changes_session_each_time(client, make_member, sign_in):
    member = make_member()
    sign_in(member)
    first = session_cookie(client)
    client.post("/sign-out")
    sign_in(member)
    assert session_cookie(client) != first


def test_return_with_keep_me_signed_in_sets_30_day_remember_cookie(client, make_member, sign_in):
    response = sign_in(make_member(), remember=True)
    remember = next(c for c in response.headers.getlist("Set-Cookie") if c.startswith("remember="))
    assert "Expires=" in remember and "HttpOnly" in remember


def test_return_without_keep_me_signed_in_sets_no_remember_cookie(client, make_member, sign_in):
    response = sign_in(make_member())
    assert not any(c.startswith("remember=") for c in response.headers.getlist("Set-Cookie"))


# Rate limits ------------------------------------------------------------------------------


def _limited_app(make_app, **settings):
    return make_app(RATELIMIT_ENABLED=True, **settings)


def test_enter_eleventh_time_in_an_hour_from_one_address_is_refused_kindly(make_app):
    app = _limited_app(make_app)
    for _ in range(10):
        assert app.test_client().post("/enter").status_code == 200
    response = app.test_client().post("/enter")
    html = html_of(response)
    assert response.status_code == 429
    assert "Please wait a moment" in html
    assert re.search(r"Please wait (\d+ minutes|an hour), then try again", html)
    assert 0 < int(response.headers["Retry-After"]) <= 3600
    other = app.test_client().post("/enter", environ_base={"REMOTE_ADDR": "192.0.2.50"})
    assert other.status_code == 200


def _addresses(count):
    return [{"REMOTE_ADDR": f"198.51.100.{n + 1}"} for n in range(count)]


def _name_limit():
    return int(Config.RETURN_LIMIT_PER_NAME.split()[0])


PASSWORD = "kettle orbit saffron 9"


def _member_of(app, password=PASSWORD):
    """(name, phrase) of a new member with a password, made in app's own context.

    Made there and let go, so no transaction of the test holds SQLite's write lock meanwhile.
    """
    with app.app_context():
        from app.services import accounts

        member, phrase = accounts.enter_as_guest()
        accounts.set_password(member, password, password)
        return member.name, phrase


def test_return_with_phrase_after_a_stranger_fails_for_the_name_signs_in(make_app):
    """The attack: ten wrong tries for a member's name from one address, then the member."""
    app = _limited_app(make_app)
    name, phrase = _member_of(app)
    stranger = app.test_client()
    tries = [
        _return(stranger, name, secret, environ_base=_addresses(1)[0]).status_code
        for secret in ["wrong guess 1", "abacus zoom abacus zoom abacus zoom"] * 5
    ]
    assert tries == [200] * 5 + [429] * 5  # the stranger's address is slowed
    elsewhere = {"REMOTE_ADDR": "203.0.113.5"}
    assert _return(app.test_client(), name, phrase, environ_base=elsewhere).status_code == 303
    assert (
        _return(
            app.test_client(), name, "kettle orbit saffron 9", environ_base=elsewhere
        ).status_code
        == 303
    )


def test_return_with_phrase_after_many_addresses_fail_for_the_name_signs_in(make_app):
    """Many addresses guessing passwords can pause passwords for a name, never the phrase."""
    app = _limited_app(make_app)
    name, phrase = _member_of(app)
    for environ in _addresses(_name_limit() + 5):
        _return(app.test_client(), name, "wrong password 1", environ_base=environ)
    elsewhere = {"REMOTE_ADDR": "203.0.113.5"}
    assert _return(app.test_client(), name, phrase, environ_base=elsewhere).status_code == 303


def test_return_wrong_phrases_from_many_addresses_never_pause_the_name(make_app):
    app = _limited_app(make_app)
    name, _ = _member_of(app)
    for environ in _addresses(_name_limit() + 5):
        response = _return(
            app.test_client(), name, "abacus zoom abacus zoom abacus zoom", environ_base=environ
        )
        assert response.status_code == 200
    assert (
        _return(
            app.test_client(),
            name,
            "kettle orbit saffron 9",
            environ_base={"REMOTE_ADDR": "203.0.113.5"},
        ).status_code
        == 303
    )


def test_return_password_guesses_for_one_name_from_many_addresses_are_refused(make_app):
    """Guessing a password from many addresses is still throttled, right guess or not."""
    app = _limited_app(make_app)
    name, _ = _member_of(app)
    statuses = [
        _return(
            app.test_client(), "  " + name.upper(), f"wrong password {n}", environ_base=environ
        ).status_code
        for n, environ in enumerate(_addresses(_name_limit()))
    ]
    assert statuses == [200] * _name_limit()
    response = _return(
        app.test_client(),
        name,
        "kettle orbit saffron 9",
        environ_base={"REMOTE_ADDR": "203.0.113.5"},
    )
    html = html_of(response)
    assert response.status_code == 429
    assert re.search(r"passwords for it are paused for (\d+ minutes|an hour)", html)
    assert "come back now with your recovery phrase" in html


def test_return_name_limit_is_more_than_one_address_may_send():
    """So a single stranger's address cannot pause passwords for a name on its own."""
    per_address = parse(Config.RETURN_LIMIT_PER_ADDRESS)
    per_name = parse(Config.RETURN_LIMIT_PER_NAME)
    windows = math.ceil(per_name.get_expiry() / per_address.get_expiry())
    assert per_name.amount > per_address.amount * windows


def test_return_sixth_failure_from_one_address_is_refused(make_app):
    app = _limited_app(make_app)
    client = app.test_client()
    for i in range(5):
        assert _return(client, f"Someone Else {i}", "wrong").status_code == 200
    assert _return(client, "Someone New 1", "wrong").status_code == 429


def test_return_successes_do_not_use_up_attempts(make_app):
    app = _limited_app(make_app)
    with app.app_context():
        from app.services import accounts

        member, phrase = accounts.enter_as_guest()
        name = member.name
    for _ in range(6):
        client = app.test_client()
        assert _return(client, name, phrase).status_code == 303
    assert _return(app.test_client(), name, "wrong").status_code == 200


@pytest.mark.skipif(
    not REDIS_URL, reason="Shared rate limits need TEST_REDIS_URL (e.g. redis://127.0.0.1:6379/15)"
)
def test_return_limits_are_shared_by_two_hosts_through_redis(make_app):
    import redis

    hosts = [_limited_app(make_app, RATELIMIT_STORAGE_URI=REDIS_URL) for _ in range(2)]
    # A name and address of this run only, so earlier runs' counts in Redis don't matter.
    name = f"Shared Limit {uuid.uuid4().int % 10**6}"
    address = f"2001:db8:{uuid.uuid4().int % 65536:x}::1"
    for i in range(5):
        host = hosts[i % 2]
        response = _return(host.test_client(), name, "wrong", environ_base={"REMOTE_ADDR": address})
        assert response.status_code == 200
    refused = _return(hosts[1].test_client(), name, "wrong", environ_base={"REMOTE_ADDR": address})
    assert refused.status_code == 429
    keys = redis.Redis.from_url(REDIS_URL).keys("LIMITS*")
    assert any(b"auth.return" in key for key in keys)
    assert not any(address.encode() in key or name.encode() in key for key in keys)


def test_slow_hashes_run_with_no_transaction_open(client, make_member, monkeypatch):
    """On SQLite an open write transaction would hold every other writer for half a second."""
    from app.extensions import db

    member = make_member()
    seen = []
    for name in ("check_password_hash", "generate_password_hash"):
        real = getattr(credentials, name)
        monkeypatch.setattr(
            credentials,
            name,
            lambda *a, real=real, **k: seen.append(db.session().in_transaction()) or real(*a, **k),
        )
    client.post("/enter")
    client.post("/sign-out")
    _return(client, member.name, member.phrase)
    client.post("/account/phrase")
    password = "kettle orbit saffron 9"
    client.post("/account/password", data={"password": password, "confirm": password})
    assert seen == [False] * 4
