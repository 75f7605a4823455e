"""Sessions end everywhere they were copied: sign-out, a new phrase, a new password, deletion."""

from tests.functional.helpers import is_signed_in, session_cookie


def _copy(app, client):
    """A second browser holding a copy of client's cookies."""
    copy = app.test_client()
    for name in ("session", "remember"):
        cookie = client.get_cookie(name)
        if cookie:
            copy.set_cookie(name, cookie.value)
    return copy


def test_sign_out_then_replayed_session_cookie_is_refused(app, client, make_member, sign_in):
    sign_in(make_member())
    copy = _copy(app, client)
    assert is_signed_in(copy)
    client.post("/sign-out")
    assert not is_signed_in(client)
    assert not is_signed_in(copy)


def test_sign_out_then_replayed_remember_cookie_is_refused(app, client, make_member, sign_in):
    sign_in(make_member(), remember=True)
    remembered = app.test_client()
    remembered.set_cookie("remember", client.get_cookie("remember").value)
    assert is_signed_in(remembered)
    client.post("/sign-out")
    stale = app.test_client()
    stale.set_cookie("remember", remembered.get_cookie("remember").value)
    assert not is_signed_in(stale)


def test_sign_out_clears_site_data_and_remember_cookie(client, make_member, sign_in):
    sign_in(make_member(), remember=True)
    response = client.post("/sign-out")
    assert response.status_code == 303
    assert response.headers["Location"] == "/signed-out"
    assert response.headers["Clear-Site-Data"] == '"cookies", "storage"'
    assert any(c.startswith("remember=;") for c in response.headers.getlist("Set-Cookie"))


def test_sign_out_as_visitor_just_goes_to_signed_out_page(client):
    assert client.post("/sign-out").headers["Location"] == "/signed-out"


def test_regenerate_phrase_ends_other_sessions_but_keeps_this_one(
    app, client, make_member, sign_in
):
    sign_in(make_member(), remember=True)
    copy = _copy(app, client)
    before = session_cookie(client)
    client.post("/account/phrase")
    assert is_signed_in(client)
    assert session_cookie(client) != before
    assert not is_signed_in(copy)


def test_set_password_ends_other_sessions_but_keeps_this_one(app, client, make_member, sign_in):
    sign_in(make_member())
    copy = _copy(app, client)
    client.post(
        "/account/password",
        data={"password": "kettle orbit saffron 9", "confirm": "kettle orbit saffron 9"},
    )
    assert is_signed_in(client)
    assert not is_signed_in(copy)


def test_deleted_member_cookie_is_refused(app, client, make_member, sign_in):
    sign_in(make_member(), remember=True)
    copy = _copy(app, client)
    client.post("/account/delete", data={"posts": "delete"})
    assert not is_signed_in(copy)
    assert not is_signed_in(client)


def test_session_id_of_unknown_shape_is_refused(app, client):
    with client.session_transaction() as session:
        session["_user_id"] = "1"
    assert not is_signed_in(client)


def test_member_pages_are_never_stored(client, make_member, sign_in):
    sign_in(make_member())
    for path in ("/", "/help-now", "/account", "/account/name", "/account/download", "/welcome"):
        assert client.get(path).headers["Cache-Control"] == "no-store", path


def test_visitor_pages_are_not_marked_no_store(client):
    assert "Cache-Control" not in client.get("/help-now").headers


def test_account_pages_for_visitor_redirect_to_enter_with_next(client):
    for path in ("/account", "/account/name", "/account/download", "/account/delete"):
        response = client.get(path)
        assert response.status_code == 302
        assert response.headers["Location"].startswith("/enter?next=%2Faccount")
