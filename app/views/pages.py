"""The site's own pages: home, urgent help, quick exit, and pages written in content/pages/."""

from flask import Blueprint, abort, current_app, redirect, render_template, request
from flask_login import current_user

from app import discretion
from app.extensions import csrf
from app.forms import ButtonForm
from app.security import safe_next, same_origin_post
from app.services import accounts

bp = Blueprint("pages", __name__)

# Site pages served at the top level, e.g. /privacy from content/pages/privacy.md
SITE_PAGES = ("about", "privacy", "accessibility", "code-of-conduct", "cover-your-tracks")


@bp.route("/")
def home():
    return render_template("pages/home.html", enter_form=ButtonForm())


@bp.route("/help-now")
def help_now():
    return render_template("pages/help_now.html")


@bp.route("/exit")
def quick_exit():
    """Leave quickly: go to a neutral site and ask the browser to forget this one."""
    response = redirect(current_app.config["EXIT_URL"], code=303)
    response.headers["Clear-Site-Data"] = '"cache", "cookies", "storage"'
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.post("/discreet")
@csrf.exempt  # a visitor has no session to hold a token: see same_origin_post; members send one
def discreet_switch():
    """Turn discreet browsing on or off, then go back to the page the switch was on."""
    same_origin_post()
    on = request.form.get("on") == "1"
    if current_user.is_authenticated:
        if current_app.config["WTF_CSRF_ENABLED"]:
            csrf.protect()  # a member's setting: the same token as every other form
        accounts.set_discreet(current_user._get_current_object(), on)
    response = redirect(safe_next(request.form.get("next")), 303)
    if on and not current_user.is_authenticated:
        discretion.remember(response, True)
    elif not on and discretion.cookie_name() in request.cookies:
        discretion.remember(response, False)
    return response


def site_page(slug: str):
    page = current_app.extensions["site_pages"].get(slug)
    if page is None:
        abort(404)
    return render_template("pages/site_page.html", page=page)


for _slug in SITE_PAGES:
    bp.add_url_rule(f"/{_slug}", _slug.replace("-", "_"), lambda slug=_slug: site_page(slug))
