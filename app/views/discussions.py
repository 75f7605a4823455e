"""Talk: spaces, threads, replies, reactions, following, reports and the Replies page.

Members only; a member taking a break sees a page saying so, and a suspended member can read
but not write.
"""

from functools import wraps

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_login import current_user

from app import permissions
from app.extensions import csrf, limiter
from app.forms import ButtonForm, show_error
from app.forms.discussions import EditForm, ReplyForm, ThreadForm
from app.forms.moderation import ReportForm
from app.security import ip_hash, private_page
from app.services import decisions, discussions, muting, reading, reports, screening, visibility
from app.services.errors import FieldError
from app.spaces import CONDITION_TAGS
from app.views import current_member, requested_page

bp = Blueprint("discussions", __name__, url_prefix="/talk")


@bp.before_request
def readers_only():
    if permissions.can_read_discussions(current_user):
        return None
    if current_user.is_authenticated:  # taking a break: nothing is read or written
        page = render_template("discussions/on_break.html", form=ButtonForm())
        return page, 200 if request.method == "GET" else 403
    if request.method != "GET":
        return current_app.login_manager.unauthorized()
    return render_template("discussions/members_only.html", next=request.full_path.rstrip("?"))


def taking_part(view):
    """For pages that write: a suspended member is told why, and until when, instead."""

    @wraps(view)
    def checked(*args, **kwargs):
        if permissions.can_take_part(current_user):
            return view(*args, **kwargs)
        suspension = decisions.latest(current_member(), "suspend")
        return render_template("discussions/suspended.html", suspension=suspension), 403

    return checked


bp.after_request(private_page)


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
                title = form.title.data if "title" in form else ""
                form.on_preview = screening.on_preview(
                    current_member(), f"{title}\n{form.body.data}", form.content_note.data
                )
                return None, discussions.preview(form.body.data)
            return redirect(save(), 303), None
        except FieldError as error:
            show_error(form, error)
    elif form.is_submitted():
        form.expired()  # only the token can fail here: keep the text and ask to send it again
    return None, None


def _post_url(post) -> str:
    return url_for("discussions.thread", thread_id=post.thread_id, _anchor=f"post-{post.id}")


def _after_writing(found, url: str) -> str:
    """Tell the author what happens next when their post was held or may mean risk: one
    message, true to what happens to the post.

    found: the post's screening (None when a double-submitted post was already saved)."""
    if found and found.risk:
        # The "You don't have to deal with this alone" panel, and what happens to the post.
        note = found.note_suggestion
        flash(
            {
                "waits": "new" if found.held else "hours" if found.held_for_risk else "",
                "note": note,
                "note_url": url_for("discussions.edit", post_id=found.post_id) if note else None,
            },
            "support",
        )
    elif found and found.held and found.edited:
        flash(
            "Thank you. While you are new, changes to a post wait for a moderator before "
            "others can see them. Your post is marked below."
        )
    elif found and found.held:
        flash(
            "Thank you. As you are new, your post waits for a moderator before others can see "
            "it. It is marked below."
        )
    return url


def _author_muted(post) -> bool | None:
    return muting.is_muted(current_member(), post.author) if post.author else None


@bp.get("")
def index():
    return render_template("discussions/index.html", spaces=discussions.spaces())


@bp.get("/all")
def all_threads():
    tag = _tag()
    page = reading.thread_list(current_member(), tag=tag, page=requested_page())
    return render_template("discussions/space.html", space=None, tag=tag, page=page)


@bp.get("/<slug>")
def space(slug):
    space = discussions.space_by_slug(slug)
    tag = _tag()
    page = reading.thread_list(current_member(), space=space, tag=tag, page=requested_page())
    pinned = reading.pinned_threads(current_member(), space, tag) if page.number == 1 else []
    return render_template("discussions/space.html", space=space, tag=tag, page=page, pinned=pinned)


@bp.route("/<slug>/new", methods=["GET", "POST"])
@csrf.exempt  # the form checks its own token, so an expired one keeps the draft
@limiter.limit(lambda: current_app.config["POST_LIMIT"], methods=["POST"])
@taking_part
def new_thread(slug):
    space = discussions.space_by_slug(slug)
    form = ThreadForm()

    def save():
        thread = discussions.start_thread(
            current_member(),
            space,
            title=form.title.data,
            body=form.body.data,
            tags=form.tags.data,
            content_note=form.content_note.data,
            address_hash=ip_hash(),
        )
        return _after_writing(thread.screening, url_for("discussions.thread", thread_id=thread.id))

    response, preview = _compose(form, save)
    return response or render_template(
        "discussions/new_thread.html", space=space, form=form, preview=preview
    )


@bp.get("/threads/<int:thread_id>")
def thread(thread_id):
    thread = discussions.get_thread(thread_id)
    view = reading.thread_view(current_member(), thread, page=requested_page())
    form = ReplyForm(formdata=None)
    return render_template(
        "discussions/thread.html", view=view, thread=thread, form=form, member=current_member()
    )


@bp.route("/posts/<int:post_id>/reply", methods=["GET", "POST"])
@csrf.exempt  # the form checks its own token, so an expired one keeps the draft
@limiter.limit(lambda: current_app.config["POST_LIMIT"], methods=["POST"])
@taking_part
def reply(post_id):
    post = visibility.get_post(current_member(), post_id)
    form = ReplyForm()

    def save():
        written = discussions.reply(
            current_member(),
            post.thread,
            body=form.body.data,
            content_note=form.content_note.data,
            to=post,
            address_hash=ip_hash(),
        )
        return _after_writing(written.screening, _post_url(written))

    response, preview = _compose(form, save)
    return response or render_template(
        "discussions/reply.html", post=post, form=form, preview=preview
    )


@bp.route("/posts/<int:post_id>/edit", methods=["GET", "POST"])
@csrf.exempt  # the form checks its own token, so an expired one keeps the draft
@taking_part
def edit(post_id):
    post = visibility.get_post(current_member(), post_id)
    if not permissions.can_edit(current_user, post):
        abort(403)
    form = EditForm(data={"body": post.body, "content_note": post.content_note})

    def save():
        discussions.edit_post(
            current_member(), post, body=form.body.data, content_note=form.content_note.data
        )
        return _after_writing(post.screening, _post_url(post))

    response, preview = _compose(form, save)
    return response or render_template(
        "discussions/edit.html", post=post, form=form, preview=preview
    )


@bp.route("/posts/<int:post_id>/remove", methods=["GET", "POST"])
def remove(post_id):
    post = visibility.get_post(current_member(), post_id)
    if not permissions.can_delete(current_user, post):
        abort(403)
    form = ButtonForm()
    if form.validate_on_submit():
        discussions.remove_post(current_member(), post)
        return redirect(_post_url(post), 303)
    return render_template("discussions/remove.html", post=post, form=form)


@bp.post("/posts/<int:post_id>/react/<kind>")
@taking_part
def react(post_id, kind):
    post = visibility.get_post(current_member(), post_id)
    discussions.toggle_reaction(current_member(), post, kind)
    return redirect(_post_url(post), 303)


@bp.post("/threads/<int:thread_id>/follow")
def follow(thread_id):
    thread = visibility.get_thread(current_member(), thread_id)
    discussions.set_following(current_member(), thread, request.form.get("follow") == "yes")
    return redirect(url_for("discussions.thread", thread_id=thread.id), 303)


@bp.get("/replies")
def replies():
    return render_template(
        "discussions/replies.html", replies=reading.replies_for(current_member())
    )


@bp.route("/posts/<int:post_id>/report", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["REPORT_LIMIT"], methods=["POST"])
@taking_part
def report(post_id):
    post = visibility.get_post(current_member(), post_id)
    if reports.open_report(current_member(), post) is not None:
        return redirect(url_for("discussions.reported", post_id=post.id), 303)
    if not permissions.can_report(current_user, post):
        abort(403)
    form = ReportForm()
    if form.validate_on_submit():
        try:
            reports.report(
                current_member(),
                post,
                reason=form.reason.data,
                note=form.note.data,
                address_hash=ip_hash(),
            )
        except FieldError as error:
            show_error(form, error)
        else:
            return redirect(url_for("discussions.reported", post_id=post.id), 303)
    return render_template(
        "discussions/report.html", post=post, form=form, muted=_author_muted(post)
    )


@bp.get("/posts/<int:post_id>/reported")
def reported(post_id):
    """What happens next, once a member has reported a post."""
    post = visibility.get_post(current_member(), post_id)
    if reports.open_report(current_member(), post) is None:
        return redirect(_post_url(post), 303)
    return render_template(
        "discussions/reported.html",
        post=post,
        hide_after=current_app.config["REPORTS_TO_HIDE"],
        muted=_author_muted(post),
    )
