"""Every error answers with a page in the site's layout that says what to do next."""

import logging

from flask import Flask, render_template
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, InternalServerError

log = logging.getLogger(__name__)

HANDLED = (400, 403, 404, 405, 413, 429, 500)


def render_error(code: int, **context):
    response = render_template("errors/error.html", code=code, **context)
    return response, code


def init_app(app: Flask) -> None:
    @app.errorhandler(CSRFError)
    def csrf_error(error):
        return render_error(400, reason="form-expired")

    @app.errorhandler(HTTPException)
    def http_error(error):
        code = error.code if error.code in HANDLED else None
        if code is None:
            return error
        response, status = render_error(code, error=error)
        response = app.make_response((response, status))
        if code == 405 and error.valid_methods:
            response.headers["Allow"] = ", ".join(error.valid_methods)
        if code == 429:
            response.headers["Retry-After"] = str(getattr(error, "retry_after", 60) or 60)
        return response

    @app.errorhandler(Exception)
    def unexpected_error(error):
        log.exception("Unhandled error", exc_info=error)
        return render_error(500, error=InternalServerError())
