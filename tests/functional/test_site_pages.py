import re

import pytest
from sqlalchemy import text

from app.extensions import db

PAGES = {
    "/": "Support from people who understand",
    "/help-now": "Get help now",
    "/about": "About CommonGround",
    "/privacy": "Privacy notice",
    "/accessibility": "Accessibility statement",
}


@pytest.mark.parametrize("path", PAGES)
def test_get_site_page_shows_one_h1_in_shared_layout(client, path):
    response = client.get(path)
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert re.findall(r"<h1[^>]*>(.*?)</h1>", html) == [PAGES[path]]
    assert f"<title>{PAGES[path]} \N{EN DASH} CommonGround</title>" in html
    for landmark in ('<header class="site-header">', "<nav ", '<main id="main-content"', "<footer"):
        assert landmark in html
    assert html.index('class="skip-link"') < html.index("<header")
    assert 'href="/exit"' in html
    assert 'href="/help-now"' in html


def test_help_now_lists_urgent_contacts_with_tap_to_call_links(client):
    html = client.get("/help-now").get_data(as_text=True)
    for link in (
        'href="tel:116123"',
        'href="tel:999"',
        'href="tel:111"',
        'href="tel:0800838587"',
        'href="tel:08088088000"',
        'href="sms:85258?&amp;body=SHOUT"',
    ):
        assert link in html


def test_quick_exit_redirects_to_neutral_site_and_clears_data(make_app):
    app = make_app(EXIT_URL="https://weather.example/")
    response = app.test_client().get("/exit")
    assert response.status_code == 303
    assert response.headers["Location"] == "https://weather.example/"
    assert "cookies" in response.headers["Clear-Site-Data"]
    assert response.headers["Cache-Control"] == "no-store"


def test_get_unknown_page_shows_friendly_404(client):
    response = client.get("/no-such-page")
    html = response.get_data(as_text=True)
    assert response.status_code == 404
    assert "<h1>Page not found</h1>" in html
    assert 'href="/"' in html


def test_post_to_get_only_page_shows_friendly_405(client):
    response = client.post("/help-now")
    assert response.status_code == 405
    assert "That is not something this page can do" in response.get_data(as_text=True)
    assert "GET" in response.headers["Allow"]


def test_oversized_request_shows_friendly_413(make_app):
    app = make_app(MAX_CONTENT_LENGTH=100)

    @app.post("/test-upload")
    def upload():
        from flask import request

        return request.form.get("x", "")

    response = app.test_client().post("/test-upload", data={"x": "a" * 500})
    assert response.status_code == 413
    assert "That was too much to send" in response.get_data(as_text=True)


@pytest.mark.parametrize(
    ("code", "heading"),
    [
        (400, "Sorry, something went wrong with that request"),
        (403, "You cannot do that here"),
        (429, "Please wait a moment"),
    ],
)
def test_aborted_request_shows_friendly_page(make_app, code, heading):
    app = make_app()

    @app.get("/test-abort")
    def fail():
        from flask import abort

        abort(code)

    response = app.test_client().get("/test-abort")
    assert response.status_code == code
    assert f">{heading}</h1>" in response.get_data(as_text=True)


def test_unexpected_exception_shows_500_page_without_traceback(make_app, caplog):
    app = make_app(PROPAGATE_EXCEPTIONS=False)

    @app.get("/test-crash")
    def crash():
        raise RuntimeError("secret internals")

    response = app.test_client().get("/test-crash")
    html = response.get_data(as_text=True)
    assert response.status_code == 500
    assert "Sorry, there is a problem with this site" in html
    assert "secret internals" not in html
    assert "Traceback" not in html
    assert "secret internals" in caplog.text


def test_database_error_still_shows_friendly_500_page(make_app, caplog):
    app = make_app(PROPAGATE_EXCEPTIONS=False)

    @app.get("/test-bad-query")
    def bad_query():
        db.session.execute(text("SELECT * FROM no_such_table"))

    client = app.test_client()
    with client.session_transaction() as browser_session:
        browser_session["_user_id"] = "1:0"  # the page looks up who is signed in afterwards
    response = client.get("/test-bad-query")
    assert response.status_code == 500
    assert "Sorry, there is a problem with this site" in response.get_data(as_text=True)
