"""Tell us: a message to the people who run the site, from anyone; and the public "You said, we
did" page of what changed because of such messages."""

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    get_flashed_messages,
    redirect,
    render_template,
    url_for,
)
from flask_login import current_user

from app.errors import seconds_to_wait, wait_in_words
from app.extensions import csrf, limiter
from app.forms import show_error
from app.forms.messages import TellUsForm
from app.services import change_notes, tell_us
from app.services.errors import FieldError

bp = Blueprint("tell_us", __name__)
# Its own flash category: the sent page puts the support panel below its heading, where a post's
# "support" flash would put it above everything.
SUPPORT = "tell-us-support"


def _form_page(form, status: int = 200):
    return render_template("tell_us/form.html", form=form), status


@bp.route("/tell-us", methods=["GET", "POST"])
@csrf.exempt  # the form checks its own token, so an expired one keeps the message
@limiter.limit(lambda: current_app.config["TELL_US_LIMIT"], methods=["POST"])
def form():
    form = TellUsForm()
    if form.validate_on_submit():
        try:
            sent = tell_us.send(
                current_user,
                topic=form.topic.data,
                body=form.body.data,
                wants_answer=form.wants_answer.data,
            )
        except FieldError as error:
            show_error(form, error)
        else:
            if sent.risk:  # the sent page shows the "You don't have to deal with this alone" panel
                flash("support", SUPPORT)
            return redirect(url_for("tell_us.sent"), 303)
    elif form.is_submitted():
        form.expired()  # only the token can fail here: keep the text and ask to send it again
    return _form_page(form)


@bp.errorhandler(429)
def too_many(error):
    """Over the limit: the form again, with the message kept and when to send it."""
    form = TellUsForm()
    form.body.errors = [
        f"You have sent several messages in the last hour. Please wait "
        f"{wait_in_words(seconds_to_wait(error))}, then send this one again. "
        f"Your message is still here"
    ]
    response = current_app.make_response(_form_page(form, 429))
    response.headers["Retry-After"] = str(seconds_to_wait(error))
    return response


@bp.get("/tell-us/sent")
def sent():
    return render_template(
        "tell_us/sent.html", support=bool(get_flashed_messages(category_filter=[SUPPORT]))
    )


@bp.get("/you-said-we-did")
def you_said_we_did():
    page = current_app.extensions["site_pages"].get("you-said-we-did")
    if page is None:
        abort(404)
    return render_template(
        "tell_us/you_said_we_did.html", page=page, notes=change_notes.all_notes()
    )
