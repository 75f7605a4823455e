"""Discreet browsing, for visitors and members alike.

When it is on, every page title is just the site's name, searches are sent by POST so their
words stay out of the address bar and the history, and handouts print their discreet variant.
A visitor's choice lives in one first-party preference cookie (the switch sets no other); a
member's in their preferences. Titles stay descriptive by default (WCAG 2.4.2).
"""

from flask import current_app, request
from flask_login import current_user

COOKIE_MAX_AGE = 365 * 24 * 3600  # a preference, kept until changed


def cookie_name() -> str:
    # __Host- where cookies are Secure: only this exact host, over HTTPS, may set it.
    return "__Host-discreet" if current_app.config["SESSION_COOKIE_SECURE"] else "discreet"


def is_on() -> bool:
    if current_user.is_authenticated and current_user.discreet_titles:
        return True
    return request.cookies.get(cookie_name()) == "1"


def remember(response, on: bool) -> None:
    """Set or clear the visitor's preference cookie on response."""
    if on:
        response.set_cookie(
            cookie_name(),
            "1",
            max_age=COOKIE_MAX_AGE,
            path="/",
            httponly=True,
            samesite="Lax",
            secure=current_app.config["SESSION_COOKIE_SECURE"],
        )
    else:
        response.delete_cookie(
            cookie_name(),
            path="/",
            httponly=True,
            samesite="Lax",
            secure=current_app.config["SESSION_COOKIE_SECURE"],
        )


def vary_on_cookie(response):
    """The same address reads differently with the switch on: caches must keep both apart."""
    if response.mimetype == "text/html":
        response.vary.add("Cookie")
    return response


def init_app(app) -> None:
    app.after_request(vary_on_cookie)

    @app.context_processor
    def discretion():
        on = is_on()
        # Visitors' searches always go by POST; members' only while discreet, so that otherwise
        # their results can be paged and filtered by links.
        return {"discreet": on, "search_by_post": on or not current_user.is_authenticated}
