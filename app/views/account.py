"""My account: name, recovery phrase, password, preferences, download my data, delete; and for
safety: decisions about me, asking for a review, muting, and taking a break."""

import json

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user

from app import permissions
from app.database import writes_on_get
from app.forms import show_error
from app.forms.accounts import (
    CONTENT_NOTE_LABELS,
    ButtonForm,
    DeleteForm,
    NameForm,
    PasswordForm,
    PreferencesForm,
)
from app.forms.moderation import BreakForm, ReviewRequestForm
from app.security import safe_next
from app.services import accounts, decisions, member_messages, muting, visibility
from app.services.errors import FieldError
from app.timefmt import day
from app.views.sessions import CLEAR_SITE_DATA, end_session, restart_session, show_new_phrase

bp = Blueprint("account", __name__, url_prefix="/account")


@bp.before_request
def require_member():
    if not current_user.is_authenticated:
        return current_app.login_manager.unauthorized()
    return None


def _member():
    return current_user._get_current_object()


@bp.get("")
def index():
    return render_template("account/index.html", content_note_labels=CONTENT_NOTE_LABELS)


@bp.route("/name", methods=["GET", "POST"])
def name():
    form = NameForm()
    if form.validate_on_submit():
        try:
            accounts.rename(_member(), form.name.data)
        except FieldError as error:
            show_error(form, error)
        else:
            flash(f"Your name is now {current_user.name}.")
            return redirect(url_for("account.index"), 303)
    return render_template("account/name.html", form=form)


@bp.route("/phrase", methods=["GET", "POST"])
def phrase():
    form = ButtonForm()
    if form.validate_on_submit():
        new_phrase = accounts.regenerate_phrase(_member())
        restart_session(_member())
        return show_new_phrase("account/index.html", new_phrase, url_for("account.index"),
                               content_note_labels=CONTENT_NOTE_LABELS)
    return render_template("account/phrase.html", form=form)


@bp.route("/password", methods=["GET", "POST"])
def password():
    form = PasswordForm()
    if form.validate_on_submit():
        try:
            accounts.set_password(_member(), form.password.data, form.confirm.data)
        except FieldError as error:
            show_error(form, error)
        else:
            restart_session(_member())
            flash("Your password is saved. You can use it instead of your recovery phrase.")
            return redirect(url_for("account.index"), 303)
    return render_template("account/password.html", form=form)


@bp.route("/preferences", methods=["GET", "POST"])
def preferences():
    form = PreferencesForm(obj=_member())
    if form.validate_on_submit():
        try:
            accounts.update_preferences(
                _member(),
                discreet_titles=form.discreet_titles.data,
                content_notes=form.content_notes.data,
            )
        except FieldError as error:
            show_error(form, error)
        else:
            flash("Your preferences are saved.")
            return redirect(url_for("account.index"), 303)
    return render_template("account/preferences.html", form=form)


@bp.get("/download")
def download():
    body = json.dumps(accounts.export_data(_member()), indent=2, ensure_ascii=False)
    response = current_app.response_class(body, mimetype="application/json")
    response.headers["Content-Disposition"] = 'attachment; filename="commonground-my-data.json"'
    return response


@bp.route("/delete", methods=["GET", "POST"])
def delete():
    form = DeleteForm()
    if form.validate_on_submit():
        accounts.delete_member(_member(), keep_posts=form.posts.data == "keep")
        end_session()
        response = redirect(url_for("auth.goodbye"), 303)
        response.headers["Clear-Site-Data"] = CLEAR_SITE_DATA
        return response
    return render_template("account/delete.html", form=form)


# Safety: decisions about me, asking for a review, muting, and taking a break ------------------

@bp.app_context_processor
def decisions_context():
    """Decisions the member has not read yet, shown at the top of their next page."""
    if not current_user.is_authenticated or request.endpoint == "account.decisions_page":
        return {}
    return {"new_decisions": decisions.unseen(current_user),
            "decision_wording": decisions.WORDING}


@bp.get("/decisions")
@writes_on_get  # marks them read
def decisions_page():
    found = decisions.for_member(_member())
    decisions.mark_seen(_member())
    return render_template("account/decisions.html", decisions=found,
                           wording=decisions.WORDING, open_review=decisions.open_review,
                           can_ask=permissions.can_ask_for_review)


@bp.get("/messages")
@writes_on_get  # marks them read
def messages():
    unread = current_user.unread_messages
    member_messages.mark_read(_member())  # first: its commit would make the list load again
    found = member_messages.for_member(_member())
    return render_template("account/messages.html", messages=found, unread=unread,
                           senders=member_messages.SENDER_NAMES)


@bp.route("/decisions/<int:decision_id>/review", methods=["GET", "POST"])
def review(decision_id):
    decision = decisions.get(_member(), decision_id)
    if not permissions.can_ask_for_review(current_user, decision):
        abort(404)
    asked = decisions.open_review(decision)
    form = ReviewRequestForm()
    if asked is None and form.validate_on_submit():
        try:
            decisions.request_review(_member(), decision, form.note.data)
        except FieldError as error:
            show_error(form, error)
        else:
            flash("Thank you. A moderator will look again and answer on this page.")
            return redirect(url_for("account.decisions_page"), 303)
    return render_template("account/review.html", decision=decision, form=form, asked=asked,
                           wording=decisions.WORDING)


@bp.route("/break", methods=["GET", "POST"])
def take_break():
    form = BreakForm()
    if form.validate_on_submit():
        days = form.days.data
        try:
            accounts.take_break(_member(), int(days) if (days or "").isdigit() else None)
        except FieldError as error:
            show_error(form, error)
        else:
            flash(f"Your break has started. Talk is hidden from you until "
                  f"{day(current_user.break_until)}. Learn pages are here whenever you want.")
            return redirect(url_for("account.index"), 303)
    return render_template("account/break.html", form=form, end_form=ButtonForm())


@bp.post("/break/end")
def end_break():
    if not ButtonForm().validate_on_submit():
        abort(400)
    accounts.end_break(_member())
    flash("Welcome back. Your break has ended.")
    return redirect(url_for("discussions.index"), 303)


@bp.get("/muted")
def muted():
    return render_template("account/muted.html", members=muting.muted_members(_member()),
                           threads=muting.muted_threads(_member()))


def _back(fallback: str):
    return redirect(safe_next(request.form.get("next"), fallback), 303)


@bp.post("/mute/posts/<int:post_id>")
def mute_author(post_id):
    """Mute the author of a post the member can see: one mutes people whose words one has read,
    so no member's name can be found from an id."""
    if not ButtonForm().validate_on_submit():
        abort(400)
    post = visibility.get_post(_member(), post_id)
    if post.author is None:
        abort(404)
    muting.set_member_muted(_member(), post.author, True)
    flash(f"You will no longer see posts by {post.author.name}. They are not told.")
    return _back(url_for("account.muted"))


@bp.post("/unmute/members/<int:member_id>")
def unmute_member(member_id):
    if not ButtonForm().validate_on_submit():
        abort(400)
    other = muting.unmute(_member(), member_id)
    flash(f"You will see posts by {other.name} again.")
    return _back(url_for("account.muted"))


@bp.post("/mute/threads/<int:thread_id>")
def mute_thread(thread_id):
    if not ButtonForm().validate_on_submit():
        abort(400)
    thread = visibility.get_thread(_member(), thread_id)
    muted = request.form.get("muted") != "no"
    muting.set_thread_muted(_member(), thread, muted)
    flash("Thread muted. It no longer shows in your lists or replies." if muted
          else "Thread unmuted.")
    return _back(url_for("account.muted"))
