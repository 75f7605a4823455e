"""Starting and ending a member's session in this browser."""

import secrets

from flask import Flask, current_app, g, render_template, request, session
from flask_login import login_user, logout_user

from app.extensions import login_manager
from app.forms import ButtonForm
from app.models.user import Member
from app.services import accounts

# Where sessions made before the phrase left the cookie kept it; dropped from any that still do.
OLD_PHRASE_KEY = "new_phrase"
CLEAR_SITE_DATA = '"cookies", "storage"'


def init_app(app: Flask) -> None:
    login_manager.init_app(app)
    login_manager.login_view = "auth.enter"
    login_manager.login_message = None  # the enter page explains itself
    # Flask-Login's session protection puts an unkeyed hash of the client's address in the
    # cookie; the per-member session version ends copied sessions instead. Its per-login
    # identifier becomes random, so every sign-in gives a new session.
    login_manager.session_protection = None
    login_manager._session_identifier_generator = lambda: secrets.token_hex(16)
    login_manager.user_loader(accounts.member_from_session_id)
    login_manager._clear_cookie = clear_remember_cookie
    app.before_request(_drop_old_phrase)


def _drop_old_phrase() -> None:
    if current_app.config["SESSION_COOKIE_NAME"] in request.cookies:
        session.pop(OLD_PHRASE_KEY, None)  # marks the session changed only if it was there


def clear_remember_cookie(response) -> None:
    """Remove the keep-me-signed-in cookie with the attributes it was set with.

    Flask-Login's own removal leaves out Secure, and browsers ignore a __Host- cookie's removal
    without it, so the cookie would outlive signing out where Clear-Site-Data is not supported.
    """
    config = current_app.config
    response.delete_cookie(
        config["REMEMBER_COOKIE_NAME"],
        path="/",
        secure=config.get("REMEMBER_COOKIE_SECURE", False),
        httponly=config["REMEMBER_COOKIE_HTTPONLY"],
        samesite=config["REMEMBER_COOKIE_SAMESITE"],
    )


def start_session(member: Member, *, remember: bool) -> None:
    """Sign member in on a fresh session: nothing from before carries over (no fixation)."""
    session.clear()
    # A form token made earlier in this request belongs to the old session; forms on the page
    # this request answers with (the new phrase) need one from the new session.
    g.pop(current_app.config.get("WTF_CSRF_FIELD_NAME", "csrf_token"), None)
    login_user(member, remember=remember)


def restart_session(member: Member) -> None:
    """After the member's session version moved on, keep this browser signed in as it was."""
    remembered = current_app.config["REMEMBER_COOKIE_NAME"] in request.cookies
    start_session(member, remember=remembered)


def show_new_phrase(template: str, phrase: str, then: str, **context):
    """The page that shows a new recovery phrase, as the answer to the POST that made it.

    The phrase is in this one response and nowhere else: not in the session, which is a
    signed (not encrypted) cookie sent with every request, and not kept on the server, which
    holds only its hash and has no other store that every host shares. The page is never
    cached (members' pages are no-store), so it cannot be shown again: a member who loses it
    makes a new one from My account. `then` is where "I've saved it" goes on to.
    """
    return render_template(
        template,
        new_phrase=phrase,
        phrase_next=then,
        phrase_form=ButtonForm(formdata=None),
        **context,
    )


def end_session() -> None:
    session.clear()
    logout_user()  # after clear(): it marks the remember cookie for removal in the session
