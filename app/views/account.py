"""My account: name, recovery phrase, password, preferences, download my data, delete; and for
safety: decisions about me, asking for a review, muting, and taking a break."""

import json

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user

from app import permissions
from app.database import writes_on_get
from app.forms import ButtonForm, show_error
from app.forms.accounts import (
    CONTENT_NOTE_LABELS,
    BreakForm,
    DeleteForm,
    NameForm,
    PasswordForm,
    PreferencesForm,
)
from app.forms.moderation import ReviewRequestForm
from app.security import safe_next
from app.services import (
    accounts,
    care,
    decisions,
    member_messages,
    muting,
    reports,
    visibility,
)
from app.services.errors import FieldError
from app.sessions import CLEAR_SITE_DATA, end_session, restart_session, show_new_phrase
from app.timefmt import day
from app.views import current_member, members_only

bp = Blueprint("account", __name__, url_prefix="/account")


bp.before_request(members_only)


@bp.get("")
def index():
    return render_template("account/index.html", content_note_labels=CONTENT_NOTE_LABELS)


@bp.route("/name", methods=["GET", "POST"])
def name():
    form = NameForm()
    if form.validate_on_submit():
        try:
            accounts.rename(current_member(), form.name.data)
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
        new_phrase = accounts.regenerate_phrase(current_member())
        restart_session(current_member())
        return show_new_phrase(
            "account/index.html",
            new_phrase,
            url_for("account.index"),
            content_note_labels=CONTENT_NOTE_LABELS,
        )
    return render_template("account/phrase.html", form=form)


@bp.route("/password", methods=["GET", "POST"])
def password():
    form = PasswordForm()
    if form.validate_on_submit():
        try:
            accounts.set_password(current_member(), form.password.data, form.confirm.data)
        except FieldError as error:
            show_error(form, error)
        else:
            restart_session(current_member())
            flash("Your password is saved. You can use it instead of your recovery phrase.")
            return redirect(url_for("account.index"), 303)
    return render_template("account/password.html", form=form)


@bp.route("/preferences", methods=["GET", "POST"])
def preferences():
    form = PreferencesForm(obj=current_member())
    if form.validate_on_submit():
        try:
            accounts.update_preferences(
                current_member(),
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
    body = json.dumps(accounts.export_data(current_member()), indent=2, ensure_ascii=False)
    response = current_app.response_class(body, mimetype="application/json")
    response.headers["Content-Disposition"] = 'attachment; filename="commonground-my-data.json"'
    return response


@bp.route("/delete", methods=["GET", "POST"])
def delete():
    form = DeleteForm()
    if form.validate_on_submit():
        accounts.delete_member(current_member(), keep_posts=form.posts.data == "keep")
        end_session()
        response = redirect(url_for("auth.goodbye"), 303)
        response.headers["Clear-Site-Data"] = CLEAR_SITE_DATA
        return response
    return render_template("account/delete.html", form=form)


# Safety: decisions about me, asking for a review, muting, and taking a break ------------------


@bp.get("/messages/moderators")
@writes_on_get  # marks them read
def moderators_messages():
    """Messages from the moderators: kind words, not decisions."""
    if not permissions.can_read_own_messages(current_user):
        abort(403)
    found = care.from_moderators(current_member())
    member_messages.mark_read(current_member())
    return render_template("account/moderators_messages.html", messages=found)


@bp.get("/decisions")
@writes_on_get  # marks them read
def decisions_page():
    found = decisions.for_member(current_member())
    decisions.mark_seen(current_member())
    return render_template(
        "account/decisions.html",
        decisions=found,
        wording=decisions.WORDING,
        open_review=decisions.open_review,
        can_ask=permissions.can_ask_for_review,
    )


@bp.get("/messages")
@writes_on_get  # marks them read
def messages():
    unread = current_user.unread_messages
    member_messages.mark_read(current_member())  # first: its commit would make the list load again
    found = member_messages.for_member(current_member())
    return render_template(
        "account/messages.html", messages=found, unread=unread, senders=member_messages.SENDER_NAMES
    )


@bp.route("/decisions/<int:decision_id>/review", methods=["GET", "POST"])
def review(decision_id):
    decision = decisions.get(current_member(), decision_id)
    if not permissions.can_ask_for_review(current_user, decision):
        abort(404)
    asked = decisions.open_review(decision)
    form = ReviewRequestForm()
    if asked is None and form.validate_on_submit():
        try:
            decisions.request_review(current_member(), decision, form.note.data)
        except FieldError as error:
            show_error(form, error)
        else:
            flash("Thank you. A moderator will look again and answer on this page.")
            return redirect(url_for("account.decisions_page"), 303)
    return render_template(
        "account/review.html", decision=decision, form=form, asked=asked, wording=decisions.WORDING
    )


@bp.route("/break", methods=["GET", "POST"])
def take_break():
    form = BreakForm()
    if form.validate_on_submit():
        days = form.days.data
        try:
            accounts.take_break(current_member(), int(days) if (days or "").isdigit() else None)
        except FieldError as error:
            show_error(form, error)
        else:
            flash(
                f"Your break has started. Talk is hidden from you until "
                f"{day(current_user.break_until)}. Learn pages are here whenever you want."
            )
            return redirect(url_for("account.index"), 303)
    return render_template("account/break.html", form=form, end_form=ButtonForm())


@bp.post("/break/end")
def end_break():
    if not ButtonForm().validate_on_submit():
        abort(400)
    accounts.end_break(current_member())
    flash("Welcome back. Your break has ended.")
    return redirect(url_for("discussions.index"), 303)


@bp.get("/reports")
def my_reports():
    """The reports the member made, and what became of each."""
    return render_template(
        "account/reports.html",
        reports=reports.made_by(current_member()),
        outcome_words=reports.OUTCOME_WORDS,
    )


@bp.get("/muted")
def muted():
    return render_template(
        "account/muted.html",
        members=muting.muted_members(current_member()),
        threads=muting.muted_threads(current_member()),
    )


def _back(fallback: str):
    return redirect(safe_next(request.form.get("next"), fallback), 303)


@bp.post("/mute/posts/<int:post_id>")
def mute_author(post_id):
    """Mute the author of a post the member can see: one mutes people whose words one has read,
    so no member's name can be found from an id."""
    if not ButtonForm().validate_on_submit():
        abort(400)
    post = visibility.get_post(current_member(), post_id)
    if post.author is None:
        abort(404)
    muting.set_member_muted(current_member(), post.author, True)
    flash(f"You will no longer see posts by {post.author.name}. They are not told.")
    return _back(url_for("account.muted"))


@bp.post("/unmute/members/<int:member_id>")
def unmute_member(member_id):
    if not ButtonForm().validate_on_submit():
        abort(400)
    other = muting.unmute(current_member(), member_id)
    flash(f"You will see posts by {other.name} again.")
    return _back(url_for("account.muted"))


@bp.post("/mute/threads/<int:thread_id>")
def mute_thread(thread_id):
    if not ButtonForm().validate_on_submit():
        abort(400)
    thread = visibility.get_thread(current_member(), thread_id)
    muted = request.form.get("muted") != "no"
    muting.set_thread_muted(current_member(), thread, muted)
    flash(
        "Thread muted. It no longer shows in your lists or replies." if muted else "Thread unmuted."
    )
    return _back(url_for("account.muted"))
