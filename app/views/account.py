"""My account: name, recovery phrase, password, preferences, download my data, delete."""

import json

from flask import Blueprint, current_app, flash, redirect, render_template, url_for
from flask_login import current_user

from app.forms import show_error
from app.forms.accounts import (
    CONTENT_NOTE_LABELS,
    ButtonForm,
    DeleteForm,
    NameForm,
    PasswordForm,
    PreferencesForm,
)
from app.services import accounts
from app.services.errors import FieldError
from app.views.sessions import CLEAR_SITE_DATA, end_session, restart_session

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
        restart_session(_member(), phrase=new_phrase)
        return redirect(url_for("account.index"), 303)
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
