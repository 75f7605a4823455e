"""Starting and ending a member's session in this browser."""

import secrets

from flask import Flask, current_app, request, session
from flask_login import login_user, logout_user

from app.extensions import login_manager
from app.models.user import Member
from app.services import accounts

NEW_PHRASE = "new_phrase"  # shown in the welcome panel until the member says it is saved
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


def start_session(member: Member, *, remember: bool, phrase: str | None = None) -> None:
    """Sign member in on a fresh session: nothing from before carries over (no fixation)."""
    session.clear()
    login_user(member, remember=remember)
    if phrase:
        session[NEW_PHRASE] = phrase


def restart_session(member: Member, *, phrase: str | None = None) -> None:
    """After the member's session version moved on, keep this browser signed in as it was."""
    remembered = current_app.config["REMEMBER_COOKIE_NAME"] in request.cookies
    start_session(member, remember=remembered, phrase=phrase)


def end_session() -> None:
    session.clear()
    logout_user()  # after clear(): it marks the remember cookie for removal in the session
