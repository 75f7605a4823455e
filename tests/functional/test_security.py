import pytest
from flask import session, url_for

from app.config import ProductionConfig, embedded_secret_key
from app.security import CSP
from app.services import accounts
from tests.functional.helpers import thread_posts

EXPECTED_CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'"
)


def test_csp_matches_design_exactly():
    assert CSP == EXPECTED_CSP


@pytest.mark.parametrize("path", ["/", "/help-now", "/missing", "/exit"])
def test_every_response_carries_security_headers(client, path):
    response = client.get(path)
    assert response.headers["Content-Security-Policy"] == EXPECTED_CSP
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert "camera=()" in response.headers["Permissions-Policy"]
    assert "Strict-Transport-Security" not in response.headers


def test_pages_have_no_inline_script_or_style(client):
    for path in ("/", "/help-now", "/about", "/missing"):
        html = client.get(path).get_data(as_text=True)
        assert "<script>" not in html
        assert "<script " not in html.replace('<script src="/static/', "")
        assert "<style" not in html
        assert " style=" not in html
        assert " on" + "click=" not in html


def test_post_without_csrf_token_gets_friendly_400(make_app):
    app = make_app(WTF_CSRF_ENABLED=True)

    @app.post("/test-form")
    def form():
        return "saved"

    response = app.test_client().post("/test-form", data={"x": "1"})
    assert response.status_code == 400
    assert "Your form timed out" in response.get_data(as_text=True)


# Anonymous, cookie-free forms: a token would set a cookie on pages clinicians link to.
# They refuse posts from other sites by their Origin instead.
# A visitor's discreet switch has no session to hold a token; a member's also needs the token
# (see test_discretion).
TOKEN_FREE = {"learn.helpful", "search.results", "pages.discreet_switch"}


# Forms that check their own token, so an expired one gives the text back to send again.
DRAFT_KEEPING = {"discussions.new_thread", "discussions.reply", "discussions.edit", "tell_us.form"}


def test_every_post_route_requires_csrf_token_or_same_origin(app, make_member, make_thread):
    app.config["WTF_CSRF_ENABLED"] = True
    member = make_member()
    thread = make_thread(author=member)
    post = thread_posts(thread)[0]
    client = app.test_client()
    with client.session_transaction() as browser_session:
        browser_session["_user_id"] = member.get_id()
        browser_session["_fresh"] = True
    values = {
        "post_id": post.id,
        "thread_id": thread.id,
        "kind": "helped",
        "item_id": 1,
        "member_id": member.id,
        "decision_id": 1,
        "message_id": 1,
        "note_id": 1,
    }
    post_rules = [r for r in app.url_map.iter_rules() if "POST" in r.methods]
    assert post_rules
    for rule in post_rules:
        slug = "sleep" if rule.endpoint.startswith("learn.") else "introductions"
        args = {name: values.get(name, slug) for name in rule.arguments}
        with app.test_request_context():
            url = url_for(rule.endpoint, **args)
        if rule.endpoint in TOKEN_FREE:
            response = client.post(url, headers={"Origin": "https://evil.example"})
            assert response.status_code == 403, rule.rule
        elif rule.endpoint in DRAFT_KEEPING:
            response = client.post(url, data={"title": "Kept", "body": "My words"})
            assert response.status_code == 200, rule.rule
            assert "This form timed out" in response.get_data(as_text=True), rule.rule
            assert "My words" in response.get_data(as_text=True), rule.rule
        else:
            assert client.post(url).status_code == 400, rule.rule
    assert thread_posts(thread) == [post]


def _session_cookie(app):
    @app.get("/test-session")
    def set_session():
        session["seen"] = True
        return "ok"

    response = app.test_client().get("/test-session")
    return next(v for k, v in response.headers.items() if k == "Set-Cookie")


def test_session_cookie_is_httponly_and_samesite_lax(make_app):
    cookie = _session_cookie(make_app())
    assert cookie.startswith("session=")
    assert "HttpOnly" in cookie
    assert "SameSite=Lax" in cookie
    assert "Secure" not in cookie


def test_https_session_cookie_is_secure_with_host_prefix(make_app, monkeypatch):
    monkeypatch.setenv("SECRET_KEY", "x" * 40)
    monkeypatch.setenv("SITE_URL", "https://commonground.example")
    production = ProductionConfig()
    app = make_app(
        SESSION_COOKIE_NAME=production.SESSION_COOKIE_NAME,
        SESSION_COOKIE_SECURE=production.SESSION_COOKIE_SECURE,
        PRODUCTION=True,
    )
    cookie = _session_cookie(app)
    assert cookie.startswith("__Host-session=")
    assert "Secure" in cookie and "HttpOnly" in cookie and "Path=/" in cookie
    assert "Strict-Transport-Security" in app.test_client().get("/").headers


def test_production_config_refuses_to_start_without_secret_key(monkeypatch):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    with pytest.raises(RuntimeError, match="SECRET_KEY must be set"):
        ProductionConfig()


def test_embedded_secret_key_is_generated_once_and_kept(tmp_path):
    first = embedded_secret_key(tmp_path / "instance")
    second = embedded_secret_key(tmp_path / "instance")
    assert first == second
    assert len(first) == 64
    assert oct((tmp_path / "instance" / "secret_key").stat().st_mode)[-3:] == "600"


def test_hsts_in_production_covers_subdomains(make_app):
    app = make_app(PRODUCTION=True)
    hsts = app.test_client().get("/").headers["Strict-Transport-Security"]
    assert hsts == "max-age=63072000; includeSubDomains"


def test_sign_out_under_https_removes_remember_cookie_with_secure_host_prefix(make_app):
    https = ProductionConfig.__new__(ProductionConfig)
    https.use_https()
    app = make_app(
        PRODUCTION=True,
        **{
            name: getattr(https, name)
            for name in (
                "SESSION_COOKIE_NAME",
                "SESSION_COOKIE_SECURE",
                "REMEMBER_COOKIE_NAME",
                "REMEMBER_COOKIE_SECURE",
                "PREFERRED_URL_SCHEME",
            )
        },
    )
    with app.app_context():
        member, phrase = accounts.enter_as_guest()
        details = {"name": member.name, "secret": phrase, "remember": "y"}
    client = app.test_client()
    base = "https://localhost"
    response = client.post(f"{base}/return", data=details)
    assert response.status_code == 303
    assert client.get_cookie("__Host-remember", domain="localhost") is not None
    response = client.post(f"{base}/sign-out")
    removal = next(
        c for c in response.headers.getlist("Set-Cookie") if c.startswith("__Host-remember=")
    )
    assert "Secure" in removal and "Path=/" in removal and "Domain" not in removal
    assert "HttpOnly" in removal
    assert client.get_cookie("__Host-remember", domain="localhost") is None
