"""One blueprint per module; what several of them need is here."""

from flask import current_app, request
from flask_login import current_user


def current_member():
    """The signed-in member itself, not Flask-Login's stand-in, for passing to services."""
    return current_user._get_current_object()


def page_number() -> int:
    """The ?page= asked for; anything that is not a number is the first page."""
    return request.args.get("page", 1, type=int) or 1


def members_only():
    """A blueprint's before_request: anyone not signed in is sent to the way in."""
    if not current_user.is_authenticated:
        return current_app.login_manager.unauthorized()
    return None
