"""One blueprint per module; what several of them need is here."""

from flask import request
from flask.typing import ResponseReturnValue
from flask_login import current_user

from app.extensions import login_manager
from app.models import Member


def current_member() -> Member:
    """The signed-in member itself, not Flask-Login's stand-in, for passing to services."""
    member: Member = current_user._get_current_object()
    return member


def requested_page() -> int:
    """The ?page= asked for; anything that is not a number is the first page."""
    return request.args.get("page", 1, type=int) or 1


def members_only() -> ResponseReturnValue | None:
    """A blueprint's before_request: anyone not signed in is sent to the way in."""
    if not current_user.is_authenticated:
        return login_manager.unauthorized()  # type: ignore[no-any-return]
    return None
