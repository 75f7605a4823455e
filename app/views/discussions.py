"""Talk: spaces, threads, replies, reactions, following, and the Replies page. Members only."""

from flask import Blueprint, abort, current_app, redirect, render_template, request, url_for
from flask_login import current_user

from app import permissions
from app.errors import render_error
from app.extensions import csrf, limiter
from app.forms import show_error
from app.forms.accounts import ButtonForm
from app.forms.discussions import CONTENT_NOTE_SUGGESTIONS, EditForm, ReplyForm, ThreadForm
from app.services import discussions
from app.services.errors import FieldError, NotFound, PermissionDenied
from app.spaces import CONDITION_TAGS, DEFAULT_LEARN_SPACE, LEARN_TOPIC_SPACES
from app.timefmt import time_tag

bp = Blueprint("discussions", __name__, url_prefix="/talk")


@bp.before_request
def members_only():
    if permissions.can_read_discussions(current_user):
        return None
    if request.method != "GET":
        return current_app.login_manager.unauthorized()
    return render_template("discussions/members_only.html", next=request.full_path.rstrip("?"))


@bp.after_request
def keep_out_of_search_and_caches(response):
    response.headers["X-Robots-Tag"] = "noindex"
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.errorhandler(NotFound)
def not_found(_error):
    return render_error(404)


@bp.errorhandler(PermissionDenied)
def denied(_error):
    return render_error(403)


@bp.app_context_processor
def unread_replies():
    """The count beside Replies in the header, on every page a member sees."""
    if not current_user.is_authenticated:
        return {}
    return {"unread_replies": discussions.unread_count(current_user)}


@bp.app_template_global()
def talk_space_for(page) -> str:
    """The discussion space where readers of a learn page can talk about it."""
    return LEARN_TOPIC_SPACES.get(page.topics[0], DEFAULT_LEARN_SPACE)


bp.add_app_template_filter(time_tag)
for _rule in (permissions.can_reply, permissions.can_reply_to, permissions.can_edit):
    bp.add_app_template_global(_rule)


@bp.context_processor
def talk_context():
    return {"condition_tags": CONDITION_TAGS, "note_suggestions": CONTENT_NOTE_SUGGESTIONS}


def _member():
    return current_user._get_current_object()


def _page() -> int:
    return request.args.get("page", 1, type=int) or 1


def _tag():
    tag = request.args.get("tag")
    if tag is not None and tag not in CONDITION_TAGS:
        abort(404)
    return tag


def _compose(form, save):
    """Preview, or save with save() and redirect to what it returns; keep the text on any error.

    Returns (response, preview_html): a redirect once saved, else None and the preview if asked.
    """
    if form.validate_on_submit():
        try:
            if form.preview.data:
                return None, discussions.preview(form.body.data)
            return redirect(save(), 303), None
        except FieldError as error:
            show_error(form, error)
    elif form.is_submitted():
        form.expired()  # only the token can fail here: keep the text and ask to send it again
    return None, None


def _post_url(post) -> str:
    return url_for("discussions.thread", thread_id=post.thread_id, _anchor=f"post-{post.id}")


@bp.get("")
def index():
    return render_template("discussions/index.html", spaces=discussions.spaces())


@bp.get("/all")
def all_threads():
    tag = _tag()
    page = discussions.thread_list(_member(), tag=tag, page=_page())
    return render_template("discussions/space.html", space=None, tag=tag, page=page)


@bp.get("/<slug>")
def space(slug):
    space = discussions.space_by_slug(slug)
    tag = _tag()
    page = discussions.thread_list(_member(), space=space, tag=tag, page=_page())
    return render_template("discussions/space.html", space=space, tag=tag, page=page)


@bp.route("/<slug>/new", methods=["GET", "POST"])
@csrf.exempt  # the form checks its own token, so an expired one keeps the draft
@limiter.limit(lambda: current_app.config["POST_LIMIT"], methods=["POST"])
def new_thread(slug):
    space = discussions.space_by_slug(slug)
    form = ThreadForm()

    def save():
        thread = discussions.start_thread(
            _member(), space, title=form.title.data, body=form.body.data,
            tags=form.tags.data, content_note=form.content_note.data,
        )
        return url_for("discussions.thread", thread_id=thread.id)

    response, preview = _compose(form, save)
    return response or render_template(
        "discussions/new_thread.html", space=space, form=form, preview=preview
    )


@bp.get("/threads/<int:thread_id>")
def thread(thread_id):
    thread = discussions.get_thread(thread_id)
    view = discussions.thread_view(_member(), thread, page=_page())
    form = ReplyForm(formdata=None)
    return render_template("discussions/thread.html", view=view, thread=thread, form=form)


@bp.route("/posts/<int:post_id>/reply", methods=["GET", "POST"])
@csrf.exempt  # the form checks its own token, so an expired one keeps the draft
@limiter.limit(lambda: current_app.config["POST_LIMIT"], methods=["POST"])
def reply(post_id):
    post = discussions.get_post(post_id)
    if not permissions.can_see_post(current_user, post):
        abort(404)
    form = ReplyForm()

    def save():
        return _post_url(discussions.reply(
            _member(), post.thread, body=form.body.data, content_note=form.content_note.data,
            to=post,
        ))

    response, preview = _compose(form, save)
    return response or render_template(
        "discussions/reply.html", post=post, form=form, preview=preview
    )


@bp.route("/posts/<int:post_id>/edit", methods=["GET", "POST"])
@csrf.exempt  # the form checks its own token, so an expired one keeps the draft
def edit(post_id):
    post = discussions.get_post(post_id)
    if not permissions.can_edit(current_user, post):
        abort(403)
    form = EditForm(data={"body": post.body, "content_note": post.content_note})

    def save():
        discussions.edit_post(_member(), post, body=form.body.data,
                              content_note=form.content_note.data)
        return _post_url(post)

    response, preview = _compose(form, save)
    return response or render_template(
        "discussions/edit.html", post=post, form=form, preview=preview
    )


@bp.route("/posts/<int:post_id>/remove", methods=["GET", "POST"])
def remove(post_id):
    post = discussions.get_post(post_id)
    if not permissions.can_delete(current_user, post):
        abort(403)
    form = ButtonForm()
    if form.validate_on_submit():
        discussions.remove_post(_member(), post)
        return redirect(_post_url(post), 303)
    return render_template("discussions/remove.html", post=post, form=form)


@bp.post("/posts/<int:post_id>/react/<kind>")
def react(post_id, kind):
    post = discussions.get_post(post_id)
    discussions.toggle_reaction(_member(), post, kind)
    return redirect(_post_url(post), 303)


@bp.post("/threads/<int:thread_id>/follow")
def follow(thread_id):
    thread = discussions.get_thread(thread_id)
    discussions.set_following(_member(), thread, request.form.get("follow") == "yes")
    return redirect(url_for("discussions.thread", thread_id=thread.id), 303)


@bp.get("/replies")
def replies():
    return render_template("discussions/replies.html", replies=discussions.replies_for(_member()))
