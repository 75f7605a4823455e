"""Entering as a guest, the recovery phrase, coming back, and signing out."""

from flask import (
    Blueprint,
    after_this_request,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_login import current_user, login_required

from app import credentials
from app.errors import PASSWORDS_PAUSED
from app.extensions import limiter
from app.forms import ButtonForm, show_error
from app.forms.accounts import ReturnForm
from app.names import name_key
from app.security import ip_hash, keyed_hash, safe_next
from app.services import accounts
from app.services.errors import FieldError
from app.sessions import CLEAR_SITE_DATA, end_session, show_new_phrase, start_session
from app.views import current_member

bp = Blueprint("auth", __name__)


def _give_back_attempt(response):
    """A return that worked gives back the attempt its limits counted when it arrived.

    Counting on arrival, not after a failure, keeps a limit exact when many attempts arrive at
    once: otherwise each would pass the check while the others were still hashing.
    """
    if response.status_code == 303:
        for counted in limiter.current_limits:
            counted.limiter.hit(counted.limit, *counted.request_args, cost=-1)
    return response


def _name_limit_key() -> str:
    return "return-name:" + keyed_hash(name_key(request.form.get("name", "")), "rate-limit-name")


def _phrase_given() -> bool:
    return credentials.is_phrase(request.form.get("secret", ""))


def _next_url(fallback: str) -> str:
    return safe_next(request.values.get("next"), fallback)


@bp.route("/enter", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["ENTRY_LIMIT"], methods=["POST"])
def enter():
    if current_user.is_authenticated:
        return redirect(_next_url(url_for("auth.welcome")), 303)
    form = ButtonForm()
    if form.validate_on_submit():
        member, phrase = accounts.enter_as_guest(address_hash=ip_hash())
        start_session(member, remember=False)
        return show_new_phrase("auth/welcome.html", phrase, _next_url(url_for("auth.welcome")))
    form.next.data = request.args.get("next")
    return render_template("auth/enter.html", form=form)


@bp.get("/welcome")
@login_required
def welcome():
    return render_template("auth/welcome.html")


@bp.post("/phrase-saved")
@login_required
def phrase_saved():
    return redirect(_next_url(url_for("auth.welcome")), 303)


# Guessing is throttled without letting a stranger lock a member out. Every failed attempt
# counts against the address it came from (see _give_back_attempt). Only wrong passwords count
# against the name, because a password could be guessed from many addresses, and a six-word
# phrase (77 bits) cannot: a phrase is never refused by the name's limit, so a member can always
# come back with it. The name's limit is more than one address may send in its time, so one
# stranger alone cannot pause even passwords; while they are paused, the 429 page says the
# phrase still works.
@bp.route("/return", methods=["GET", "POST"], endpoint="return")
@limiter.limit(lambda: current_app.config["RETURN_LIMIT_PER_ADDRESS"], methods=["POST"])
@limiter.limit(
    lambda: current_app.config["RETURN_LIMIT_PER_NAME"],
    key_func=_name_limit_key,
    methods=["POST"],
    exempt_when=_phrase_given,
    error_message=PASSWORDS_PAUSED,
)
def come_back():
    if request.method == "POST":
        after_this_request(_give_back_attempt)
    if current_user.is_authenticated:
        return redirect(_next_url(url_for("pages.home")), 303)
    form = ReturnForm()
    if form.validate_on_submit():
        try:
            member = accounts.check_return(form.name.data, form.secret.data)
        except FieldError as error:
            show_error(form, error)
        else:
            start_session(member, remember=form.remember.data)
            flash(f"Welcome back, {member.name}.")
            return redirect(_next_url(url_for("pages.home")), 303)
    elif request.method == "GET":
        form.next.data = request.args.get("next")
    return render_template("auth/return.html", form=form)


@bp.post("/sign-out")
def sign_out():
    if current_user.is_authenticated:
        accounts.end_sessions(current_member())
    end_session()
    response = redirect(url_for("auth.signed_out"), 303)
    response.headers["Clear-Site-Data"] = CLEAR_SITE_DATA
    return response


@bp.get("/signed-out")
def signed_out():
    return render_template("auth/signed_out.html")


@bp.get("/goodbye")
def goodbye():
    return render_template("auth/goodbye.html")
