"""Every error answers with a page in the site's layout that says what to do next."""

import logging
import math
import time
import traceback

from flask import Flask, render_template
from flask_limiter import RateLimitExceeded
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, InternalServerError, SecurityError

from app.extensions import db, limiter
from app.services.errors import NotFound, PermissionDenied

log = logging.getLogger(__name__)

HANDLED = (400, 403, 404, 405, 413, 429, 500)
# A rate limit's error_message that the 429 page explains: wrong passwords for one name.
PASSWORDS_PAUSED = "passwords-paused"
# However an error came about, its log entry stays small: the innermost frames and a cut message.
LOGGED_FRAMES = 12
LOGGED_MESSAGE = 500


def log_unexpected(error: BaseException) -> None:
    frames = traceback.extract_tb(error.__traceback__)[-LOGGED_FRAMES:]
    message = str(error)
    if len(message) > LOGGED_MESSAGE:
        message = message[:LOGGED_MESSAGE] + "…"
    log.error(
        "Unhandled error %s: %s\n%s",
        type(error).__name__,
        message,
        "".join(traceback.format_list(frames)).rstrip(),
    )


def render_error(code: int, **context):
    response = render_template("errors/error.html", code=code, **context)
    return response, code


def seconds_to_wait(error: HTTPException) -> int:
    """Until the broken rate limit resets; a minute when that is not known."""
    if isinstance(error, RateLimitExceeded) and limiter.current_limit is not None:
        return max(1, math.ceil(limiter.current_limit.reset_at - time.time()))
    return 60


def wait_in_words(seconds: int) -> str:
    minutes = max(1, math.ceil(seconds / 60))
    if minutes == 1:
        return "a minute"
    if minutes < 60:
        return f"{minutes} minutes"
    hours = round(minutes / 60)
    return "an hour" if hours <= 1 else f"{hours} hours"


def init_app(app: Flask) -> None:
    # What services raise, answered the same way on every page.
    app.register_error_handler(NotFound, lambda _error: render_error(404))
    app.register_error_handler(PermissionDenied, lambda _error: render_error(403))

    @app.errorhandler(CSRFError)
    def csrf_error(error):
        return render_error(400, reason="form-expired")

    @app.errorhandler(SecurityError)
    def untrusted_host(error):
        # A Host outside TRUSTED_HOSTS: no address can be built for it, so no page in the layout.
        return "This address is not served here.\n", 400, {"Content-Type": "text/plain"}

    @app.errorhandler(HTTPException)
    def http_error(error):
        code = error.code if error.code in HANDLED else None
        if code is None:
            return error
        wait = seconds_to_wait(error) if code == 429 else None
        reason = PASSWORDS_PAUSED if code == 429 and error.description == PASSWORDS_PAUSED else None
        response, status = render_error(
            code, error=error, wait=wait and wait_in_words(wait), reason=reason
        )
        response = app.make_response((response, status))
        if code == 405 and error.valid_methods:
            response.headers["Allow"] = ", ".join(error.valid_methods)
        if wait:
            response.headers["Retry-After"] = str(wait)
        return response

    @app.errorhandler(Exception)
    def unexpected_error(error):
        log_unexpected(error)
        # A failed statement leaves PostgreSQL's transaction unusable; the error page still
        # needs the database (to know who is signed in), so start afresh.
        db.session.rollback()
        return render_error(500, error=InternalServerError())
