"""The site's own pages: home, urgent help, quick exit, and pages written in content/pages/."""

from flask import Blueprint, abort, current_app, redirect, render_template

from app.forms import ButtonForm

bp = Blueprint("pages", __name__)

# Site pages served at the top level, e.g. /privacy from content/pages/privacy.md
SITE_PAGES = ("about", "privacy", "accessibility", "code-of-conduct")


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


def site_page(slug: str):
    page = current_app.extensions["site_pages"].get(slug)
    if page is None:
        abort(404)
    return render_template("pages/site_page.html", page=page)


for _slug in SITE_PAGES:
    bp.add_url_rule(f"/{_slug}", _slug.replace("-", "_"), lambda slug=_slug: site_page(slug))
