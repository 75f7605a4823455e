"""Search: one box for learn pages and, for members, conversations."""

from flask import Blueprint, abort, current_app, render_template, request
from flask_login import current_user

from app import permissions
from app.extensions import csrf
from app.security import same_origin_post
from app.services import discussions, search
from app.services.errors import NotFound
from app.spaces import CONDITION_TAGS
from app.views import requested_page

bp = Blueprint("search", __name__)

KINDS = ("learn", "discussions")


def _learn_index_current() -> None:
    """Index learn pages the first time, and again whenever the files on disk change."""
    collection = current_app.extensions["learn_pages"].collection()
    if current_app.extensions.get("learn_indexed") is not collection:
        search.index_learn_pages(collection.pages.values())
        current_app.extensions["learn_indexed"] = collection


# Visitors' search forms send their words by POST, so they stay out of the address and the
# browser's history (a GET form always puts them there). Members' forms use GET, so results can
# be paged and filtered by links, except while browsing discreetly (app/discretion.py).
@bp.route("/search", methods=["GET", "POST"])
@csrf.exempt  # a token would set a cookie on every visitor's first page: see same_origin_post
def results():
    if request.method == "POST":
        same_origin_post()
    asked = request.form if request.method == "POST" else request.args
    query = asked.get("q", "")[:500]
    kind = asked.get("kind") or None
    tag = asked.get("tag") or None
    space_slug = asked.get("space") or None
    if kind not in (None, *KINDS) or (tag and tag not in CONDITION_TAGS):
        abort(404)
    try:
        space = discussions.space_by_slug(space_slug) if space_slug else None
    except NotFound:
        abort(404)
    _learn_index_current()
    found = search.search(
        current_user, query, kind=kind, space=space, tag=tag, page=requested_page()
    )
    talk = permissions.can_read_discussions(current_user)
    response = current_app.make_response(
        render_template(
            "search/results.html",
            query=query,
            found=found,
            kind=kind,
            tag=tag,
            space=space,
            talk=talk,
            spaces=discussions.spaces() if talk else [],
            condition_tags=CONDITION_TAGS,
        )
    )
    response.headers["X-Robots-Tag"] = "noindex"
    if request.method == "POST":
        response.headers["Cache-Control"] = "no-store"
    return response
