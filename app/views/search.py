"""Search: one box for learn pages and, for members, conversations."""

from flask import Blueprint, abort, current_app, render_template, request
from flask_login import current_user

from app.extensions import csrf
from app.security import same_origin_post
from app.services import discussions, search
from app.services.errors import NotFound
from app.spaces import CONDITION_TAGS

bp = Blueprint("search", __name__)

KINDS = ("learn", "discussions")


def _learn_index_current() -> None:
    """Index learn pages the first time, and again whenever the files on disk change."""
    collection = current_app.extensions["learn_pages"].collection()
    if current_app.extensions.get("learn_indexed") is not collection:
        search.index_learn_pages(collection.pages.values())
        current_app.extensions["learn_indexed"] = collection


@bp.route("/search", methods=["GET", "POST"])
@csrf.exempt  # POST here changes nothing: it only keeps the words out of the address (discreet)
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
    found = search.search(current_user, query, kind=kind, space=space, tag=tag,
                          page=asked.get("page", 1, type=int) or 1)
    response = current_app.make_response(render_template(
        "search/results.html", query=query, found=found, kind=kind, tag=tag, space=space,
        spaces=discussions.spaces() if current_user.is_authenticated else [],
        condition_tags=CONDITION_TAGS,
    ))
    response.headers["X-Robots-Tag"] = "noindex"
    if request.method == "POST":
        response.headers["Cache-Control"] = "no-store"
    return response
