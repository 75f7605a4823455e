"""My Garden: a private list of threads, posts and learn pages to come back to."""

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user

from app.forms import ButtonForm
from app.security import safe_next
from app.services import garden
from app.services.errors import NotFound
from app.views import members_only

bp = Blueprint("garden", __name__, url_prefix="/garden")


bp.before_request(members_only)


def _learn_pages():
    return current_app.extensions["learn_pages"]


@bp.get("")
def index():
    return render_template(
        "garden/index.html", items=garden.items(current_user, _learn_pages()), form=ButtonForm()
    )


@bp.post("/save")
def save():
    try:
        garden.save(
            current_user,
            request.form.get("kind", ""),
            request.form.get("target", ""),
            _learn_pages(),
        )
    except NotFound:
        abort(404)
    flash("Saved to My Garden.")
    return redirect(safe_next(request.form.get("next"), url_for("garden.index")), 303)


@bp.post("/<int:item_id>/remove")
def remove(item_id):
    if not ButtonForm().validate_on_submit():
        abort(400)
    try:
        garden.remove(current_user, item_id)
    except NotFound:
        abort(404)
    flash("Removed from My Garden.")
    return redirect(url_for("garden.index"), 303)
