"""Moderation: the queue, the log, and acting on posts, threads and members. Moderators and
admins only; everyone else gets 403 (or, not signed in, the way in)."""

from functools import partial

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
from app.errors import render_error
from app.forms import ButtonForm, show_error
from app.forms.moderation import (
    CautionForm,
    CheckInForm,
    ContentNoteForm,
    HideForm,
    MemberNoteForm,
    MoveForm,
    ReviewAnswerForm,
    RiskReviewForm,
    SuspendForm,
    ThreadEditForm,
)
from app.models.moderation import RISK_OUTCOMES
from app.security import private_page
from app.services import audit, care, discussions, member_notes, moderation, queue
from app.services.errors import Conflict, FieldError
from app.views import current_member, members_only, requested_page

bp = Blueprint("moderation", __name__, url_prefix="/moderate")


@bp.before_request
def moderators_only():
    if (refused := members_only()) is not None:
        return refused
    if not permissions.can_moderate(current_user):
        return render_error(403)
    return None


bp.after_request(private_page)


def _act(action, done: str, back: str):
    """Do a moderation action from a form that is only a button; say how it went."""
    if not ButtonForm().validate_on_submit():
        abort(400)
    try:
        action()
    except Conflict as conflict:
        flash(conflict.message)
    else:
        flash(done)
    return redirect(back, 303)


def _submit(form, action, done: str, back: str, page):
    """Send a form to a service: redirect with done, or show page() with the form's errors."""
    if form.validate_on_submit():
        try:
            action()
        except FieldError as error:
            show_error(form, error)
        except Conflict as conflict:
            flash(conflict.message)
            return redirect(back, 303)
        else:
            flash(done)
            return redirect(back, 303)
    return page(form)


@bp.get("")
def queue_page():
    page, counts = queue.queue_page(requested_page())
    return render_template("moderation/queue.html", page=page, counts=counts, health=queue.health())


@bp.get("/guide")
def guide():
    page = current_app.extensions["moderation_pages"].get("guide")
    if page is None:
        abort(404)
    return render_template("moderation/guide.html", page=page)


@bp.get("/safety")
def safety_queue():
    if not permissions.can_see_safety_queue(current_user):
        return render_error(403)
    return render_template("moderation/safety.html", cases=care.escalations())


@bp.get("/log")
def log():
    return render_template("moderation/log.html", page=audit.log_page(requested_page()))


# --- posts ---------------------------------------------------------------------------------


def _risk_form(risk, formdata=None):
    outcomes = care.AFTER_ESCALATION if risk and risk.escalated_at else RISK_OUTCOMES
    return RiskReviewForm(formdata=formdata, outcomes=outcomes)


def _post_page(post, form=None):
    case = moderation.post_case(post)
    risk = care.risk_item(post)
    forms = {
        "hide": HideForm(formdata=None),
        "review": ReviewAnswerForm(formdata=None),
        "checkin": CheckInForm(formdata=None, data={"body": care.default_check_in(post.author)}),
        "note": ContentNoteForm(formdata=None, data={"content_note": post.content_note}),
        "risk": _risk_form(risk),
    }
    if form is not None:
        forms[form.key] = form
    return render_template(
        "moderation/post.html",
        case=case,
        forms=forms,
        form=form,
        action_form=ButtonForm(),
        risk=risk,
    )


def _queue_url() -> str:
    return url_for("moderation.queue_page")


@bp.get("/posts/<int:post_id>")
def post(post_id):
    return _post_page(moderation.get_post(post_id))


@bp.post("/posts/<int:post_id>/approve")
def approve(post_id):
    post = moderation.get_post(post_id)
    return _act(
        lambda: moderation.approve(current_member(), post),
        "Approved. The post now shows to everyone.",
        _queue_url(),
    )


@bp.post("/posts/<int:post_id>/restore")
def restore(post_id):
    post = moderation.get_post(post_id)
    return _act(
        lambda: moderation.restore(current_member(), post),
        "Restored. The post shows to everyone again.",
        _queue_url(),
    )


@bp.post("/posts/<int:post_id>/dismiss")
def dismiss(post_id):
    post = moderation.get_post(post_id)
    return _act(
        lambda: moderation.dismiss(current_member(), post), "Closed with no action.", _queue_url()
    )


@bp.post("/posts/<int:post_id>/hide")
def hide(post_id):
    post = moderation.get_post(post_id)
    form = HideForm()
    return _submit(
        form,
        lambda: moderation.hide(
            current_member(), post, rule=form.rule.data, reason=form.reason.data
        ),
        "Hidden. The author can see the rule and your reason.",
        _queue_url(),
        lambda form: _post_page(post, form),
    )


@bp.post("/posts/<int:post_id>/check-in")
def check_in(post_id):
    post = moderation.get_post(post_id)
    form = CheckInForm()
    return _submit(
        form,
        lambda: care.check_in(current_member(), post, form.body.data),
        "Check-in sent. The member will see it, from “the moderators”, on their next page.",
        url_for("moderation.post", post_id=post.id),
        lambda form: _post_page(post, form),
    )


@bp.post("/posts/<int:post_id>/content-note")
def content_note(post_id):
    post = moderation.get_post(post_id)
    form = ContentNoteForm()
    return _submit(
        form,
        lambda: care.set_content_note(
            current_member(), post, note=form.content_note.data, reason=form.reason.data
        ),
        "Content note saved. The author has been told why.",
        url_for("moderation.post", post_id=post.id),
        lambda form: _post_page(post, form),
    )


@bp.post("/items/<int:item_id>/risk")
def review_risk(item_id):
    item = care.get_item(item_id)
    form = _risk_form(item, formdata=request.form)
    escalating = form.outcome.data == "escalated"
    return _submit(
        form,
        lambda: care.review_risk(
            current_member(), item, outcome=form.outcome.data, note=form.note.data
        ),
        "Escalated. The safety lead sees it first in their queue."
        if escalating
        else "Marked reviewed. It has left the queue unless something else about it waits.",
        _queue_url(),
        lambda form: _post_page(item.post, form),
    )


# --- threads -------------------------------------------------------------------------------


def _thread_page(thread, form=None):
    forms = {
        "edit": ThreadEditForm(
            formdata=None, data={"title": thread.title, "tags": thread.tag_names}
        ),
        "move": MoveForm(formdata=None, spaces=discussions.spaces()),
    }
    if form is not None:
        forms[form.key] = form
    return render_template("moderation/thread.html", thread=thread, forms=forms, form=form)


def _thread_url(thread) -> str:
    return url_for("moderation.thread", thread_id=thread.id)


@bp.get("/threads/<int:thread_id>")
def thread(thread_id):
    return _thread_page(discussions.get_thread(thread_id))


@bp.post("/threads/<int:thread_id>/lock")
def lock(thread_id):
    thread = discussions.get_thread(thread_id)
    locked = request.form.get("locked") == "yes"
    return _act(
        lambda: moderation.set_locked(current_member(), thread, locked),
        "Locked: the thread takes no new replies."
        if locked
        else "Unlocked: the thread takes replies again.",
        _thread_url(thread),
    )


@bp.post("/threads/<int:thread_id>/pin")
def pin(thread_id):
    thread = discussions.get_thread(thread_id)
    pinned = request.form.get("pinned") == "yes"
    return _act(
        lambda: moderation.set_pinned(current_member(), thread, pinned),
        "Pinned: the thread heads its space." if pinned else "Unpinned.",
        _thread_url(thread),
    )


@bp.post("/threads/<int:thread_id>/edit")
def edit_thread(thread_id):
    thread = discussions.get_thread(thread_id)
    form = ThreadEditForm()
    return _submit(
        form,
        lambda: moderation.edit_thread(
            current_member(),
            thread,
            title=form.title.data,
            tags=form.tags.data,
            reason=form.reason.data,
        ),
        "Thread changed.",
        _thread_url(thread),
        lambda form: _thread_page(thread, form),
    )


@bp.post("/threads/<int:thread_id>/move")
def move_thread(thread_id):
    thread = discussions.get_thread(thread_id)
    form = MoveForm(spaces=discussions.spaces())
    return _submit(
        form,
        lambda: moderation.move_thread(
            current_member(), thread, space_slug=form.space.data, reason=form.reason.data
        ),
        "Thread moved.",
        _thread_url(thread),
        lambda form: _thread_page(thread, form),
    )


# --- members -------------------------------------------------------------------------------


def _member_page(member, form=None):
    forms = {
        "caution": CautionForm(formdata=None),
        "suspend": SuspendForm(formdata=None),
        "review": ReviewAnswerForm(formdata=None),
        "member_note": MemberNoteForm(formdata=None),
    }
    if form is not None:
        forms[form.key] = form
    return render_template(
        "moderation/member.html",
        author=moderation.author(member),
        forms=forms,
        form=form,
        entries=audit.about_member(member.id),
        reviews=moderation.open_reviews_about(member),
        action_form=ButtonForm(),
        notes=member_notes.about(member),
        can_keep_notes=permissions.can_keep_notes,
    )


def _member_url(member) -> str:
    return url_for("moderation.member", member_id=member.id)


@bp.get("/members/<int:member_id>")
def member(member_id):
    return _member_page(moderation.get_member(member_id))


@bp.post("/members/<int:member_id>/caution")
def caution(member_id):
    member = moderation.get_member(member_id)
    form = CautionForm()
    return _submit(
        form,
        lambda: moderation.caution(
            current_member(),
            member,
            level=form.level.data,
            rule=form.rule.data,
            message=form.message.data,
        ),
        f"Sent. {member.name} will see it on their next visit.",
        _member_url(member),
        lambda form: _member_page(member, form),
    )


@bp.post("/members/<int:member_id>/suspend")
def suspend(member_id):
    member = moderation.get_member(member_id)
    form = SuspendForm()
    return _submit(
        form,
        lambda: moderation.suspend(
            current_member(),
            member,
            length=form.length.data,
            rule=form.rule.data,
            reason=form.reason.data,
        ),
        f"{member.name} is suspended and has been signed out everywhere.",
        _member_url(member),
        lambda form: _member_page(member, form),
    )


@bp.post("/members/<int:member_id>/notes")
def add_note(member_id):
    member = moderation.get_member(member_id)
    form = MemberNoteForm()
    return _submit(
        form,
        lambda: member_notes.add(current_member(), member, form.body.data),
        "Note kept. Only moderators see it here; the member can see it in their download.",
        _member_url(member),
        lambda form: _member_page(member, form),
    )


@bp.post("/members/<int:member_id>/unsuspend")
def unsuspend(member_id):
    member = moderation.get_member(member_id)
    return _act(
        lambda: moderation.end_suspension(current_member(), member),
        f"{member.name}'s suspension has ended.",
        _member_url(member),
    )


# --- reviews -------------------------------------------------------------------------------


@bp.post("/items/<int:item_id>/review")
def review(item_id):
    item = moderation.get_item(item_id)
    form = ReviewAnswerForm()
    if item.post is not None:
        page = partial(_post_page, item.post)
    elif item.member is not None:
        page = partial(_member_page, item.member)
    else:
        abort(404)
    return _submit(
        form,
        lambda: moderation.review(
            current_member(), item, outcome=form.outcome.data, reason=form.reason.data
        ),
        "Answered. The member can see your answer.",
        _queue_url(),
        page,
    )
