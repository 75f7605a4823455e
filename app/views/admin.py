"""Running the site: messages to the team from Tell us, and "You said, we did". Admins only;
everyone else gets 403 (or, not signed in, the way in)."""

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user

from app import permissions
from app.errors import render_error
from app.forms import ButtonForm, show_error
from app.forms.messages import AnswerForm, ChangeNoteForm
from app.security import private_page
from app.services import change_notes, tell_us
from app.services.errors import FieldError

bp = Blueprint("admin", __name__, url_prefix="/admin")


@bp.before_request
def admins_only():
    if not current_user.is_authenticated:
        return current_app.login_manager.unauthorized()
    if not permissions.can_run_site(current_user):
        return render_error(403)
    return None


bp.after_request(private_page)


def _admin():
    return current_user._get_current_object()


def _yes(name: str) -> bool:
    return request.form.get(name) != "no"


@bp.get("/messages")
def messages():
    topic = request.args.get("topic") or None
    page = tell_us.messages_page(_admin(), topic=topic, page=request.args.get("page", 1, type=int))
    return render_template(
        "admin/messages.html",
        page=page,
        topic=topic,
        unread=tell_us.unread_count(_admin()),
        action_form=ButtonForm(),
    )


@bp.get("/messages/counts")
def counts():
    months, counts = tell_us.monthly_counts(_admin())
    return render_template("admin/counts.html", months=months, counts=counts)


def _message_page(message, form):
    return render_template(
        "admin/message.html", message=message, form=form, action_form=ButtonForm()
    )


@bp.route("/messages/<int:message_id>", methods=["GET", "POST"])
def message(message_id):
    message = tell_us.get(_admin(), message_id)
    form = AnswerForm(formdata=None if request.method == "GET" else request.form)
    if request.method == "POST":
        if not permissions.can_answer_message(_admin(), message):
            abort(403)
        if form.validate_on_submit():
            try:
                tell_us.answer(_admin(), message, form.body.data)
            except FieldError as error:
                show_error(form, error)
            else:
                flash("Your answer is sent. The member sees it in Messages from the site.")
                return redirect(url_for("admin.message", message_id=message.id), 303)
    return _message_page(message, form)


def _back(message) -> str:
    return url_for("admin.message", message_id=message.id)


@bp.post("/messages/<int:message_id>/read")
def mark_read(message_id):
    if not ButtonForm().validate_on_submit():
        abort(400)
    message = tell_us.get(_admin(), message_id)
    tell_us.mark_read(_admin(), message, read=_yes("read"))
    flash("Marked as read." if message.read_at else "Marked as unread.")
    return redirect(_back(message), 303)


@bp.post("/messages/<int:message_id>/changed")
def tag_changed(message_id):
    if not ButtonForm().validate_on_submit():
        abort(400)
    message = tell_us.get(_admin(), message_id)
    tell_us.tag_changed(_admin(), message, changed=_yes("changed"))
    flash("Tagged “changed because of this”." if message.changed else "Tag taken off.")
    return redirect(_back(message), 303)


@bp.route("/you-said-we-did", methods=["GET", "POST"])
def you_said_we_did():
    form = ChangeNoteForm()
    if form.validate_on_submit():
        try:
            change_notes.add(_admin(), said=form.said.data, did=form.did.data)
        except FieldError as error:
            show_error(form, error)
        else:
            flash("The entry is on the public “You said, we did” page.")
            return redirect(url_for("admin.you_said_we_did"), 303)
    return render_template(
        "admin/you_said_we_did.html",
        form=form,
        notes=change_notes.all_notes(),
        action_form=ButtonForm(),
    )


@bp.post("/you-said-we-did/<int:note_id>/remove")
def remove_note(note_id):
    if not ButtonForm().validate_on_submit():
        abort(400)
    change_notes.remove(_admin(), note_id)
    flash("The entry is removed from the public page.")
    return redirect(url_for("admin.you_said_we_did"), 303)
