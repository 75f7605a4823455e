"""Search: one box for learn pages and, for members, conversations."""

from flask import Blueprint, abort, current_app, render_template, request
from flask_login import current_user

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


@bp.get("/search")
def results():
    query = request.args.get("q", "")[:500]
    kind = request.args.get("kind") or None
    tag = request.args.get("tag") or None
    space_slug = request.args.get("space") or None
    if kind not in (None, *KINDS) or (tag and tag not in CONDITION_TAGS):
        abort(404)
    try:
        space = discussions.space_by_slug(space_slug) if space_slug else None
    except NotFound:
        abort(404)
    _learn_index_current()
    found = search.search(current_user, query, kind=kind, space=space, tag=tag,
                          page=requested_page())
    response = current_app.make_response(render_template(
        "search/results.html", query=query, found=found, kind=kind, tag=tag, space=space,
        spaces=discussions.spaces() if current_user.is_authenticated else [],
        condition_tags=CONDITION_TAGS,
    ))
    response.headers["X-Robots-Tag"] = "noindex"
    return response
