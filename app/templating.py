"""The words templates share: filters, globals and context processors, registered in one place.

Most are for every page; a few are given only to one blueprint's pages (Talk, moderation).
"""

from typing import Any

from flask import Flask, current_app, request, url_for
from flask_login import current_user

from app import permissions
from app.conduct import reason_label
from app.content import ContentPage
from app.forms.discussions import CONTENT_NOTE_SUGGESTIONS
from app.models.messages import TELL_US_TOPICS
from app.models.moderation import RISK_OUTCOMES
from app.moderation_hours import current_hours
from app.services import audit, care, decisions, queue, reading, tell_us
from app.spaces import CONDITION_TAGS, DEFAULT_LEARN_SPACE, LEARN_TOPIC_SPACES
from app.timefmt import day, duration, time_tag

# Pages that make no sense to come back to after entering or returning.
NO_RETURN_TO = frozenset(
    {"pages.home", "auth.enter", "auth.return", "auth.signed_out", "auth.goodbye"}
)


class UrlPattern:
    """url_for(endpoint, **values) for many ids: the address is built once with a marker where
    the id goes, then each id is put in its place (a thread page links every post 5-8 times)."""

    MARKER = 2_147_483_647

    def __init__(self, endpoint: str, key: str, **values: Any):
        self.endpoint, self.key, self.values = endpoint, key, values
        url = url_for(endpoint, **{key: self.MARKER, **values})
        self.parts = url.split(str(self.MARKER))

    def __call__(self, value: int) -> str:
        if len(self.parts) != 2:  # the marker was found elsewhere too: build it in full
            return url_for(self.endpoint, **{self.key: value, **self.values})
        return f"{self.parts[0]}{value}{self.parts[1]}"


def talk_space_for(page: ContentPage) -> str:
    """The discussion space where readers of a learn page can talk about it."""
    return LEARN_TOPIC_SPACES.get(page.topics[0], DEFAULT_LEARN_SPACE)


# --- for every page --------------------------------------------------------------------------


def site() -> dict[str, Any]:
    config = current_app.config
    return {
        "site_name": config["SITE_NAME"],
        "exit_url": config["EXIT_URL"],
        "publisher": config["PUBLISHER"],
        "crisis": current_app.extensions["crisis_contacts"],
        "moderation_hours": current_hours,
        "contact_email": config["CONTACT_EMAIL"],
        "contact_address": config["CONTACT_ADDRESS"],
    }


def membership_context() -> dict[str, Any]:
    """The page the header's Enter and Return links come back to."""
    here = None
    if request.endpoint and request.endpoint not in NO_RETURN_TO:
        here = request.full_path.rstrip("?")
    return {"next_here": here}


def decisions_context() -> dict[str, Any]:
    """Decisions and moderators' messages the member has not read yet, shown at the top of their
    next page (not on the page that lists them)."""
    if not current_user.is_authenticated:
        return {}
    found: dict[str, Any] = {}
    if request.endpoint != "account.decisions_page":
        found |= {
            "new_decisions": decisions.unseen(current_user),
            "decision_wording": decisions.WORDING,
        }
    if request.endpoint != "account.moderators_messages":
        found["moderators_wrote"] = care.unread_from_moderators(current_user)
    return found


def unread_replies() -> dict[str, Any]:
    """The count beside Replies in the header, on every page a member sees (not on a break)."""
    if not current_user.is_authenticated or current_user.on_break:
        return {}
    return {"unread_replies": reading.unread_count(current_user)}


# --- for one blueprint's pages ---------------------------------------------------------------


def talk_context() -> dict[str, Any]:
    return {
        "condition_tags": CONDITION_TAGS,
        "note_suggestions": CONTENT_NOTE_SUGGESTIONS,
        "moderation_wait": current_app.config["MODERATION_WAIT_HOURS"],
    }


def moderation_context() -> dict[str, Any]:
    return {
        "action_label": audit.ACTIONS,
        "actor_name": audit.actor_name,
        "excerpt": queue.excerpt,
        "history_words": audit.history_words,
        "can_act_on_member": permissions.can_act_on_member,
        "risk_outcomes": RISK_OUTCOMES,
        "can_review_risk": permissions.can_review_risk,
        "can_see_safety_queue": permissions.can_see_safety_queue,
        "note_suggestions": CONTENT_NOTE_SUGGESTIONS,
    }


def admin_context() -> dict[str, Any]:
    return {
        "topics": TELL_US_TOPICS,
        "possible_risk": tell_us.possible_risk,
        "can_answer": permissions.can_answer_message,
    }


RULES_IN_TEMPLATES = (
    permissions.can_reply,
    permissions.can_reply_to,
    permissions.can_edit,
    permissions.can_delete,
    permissions.can_react,
    permissions.can_report,
    permissions.can_moderate,
    permissions.can_run_site,
)


def init_app(app: Flask) -> None:
    app.add_template_filter(time_tag)
    app.add_template_filter(day)
    app.add_template_filter(duration)
    app.add_template_global(UrlPattern, "url_pattern")
    app.add_template_global(talk_space_for)
    app.add_template_global(reason_label)
    for rule in RULES_IN_TEMPLATES:
        app.add_template_global(rule)
    for processor in (membership_context, decisions_context, unread_replies):
        app.context_processor(processor)
    app.template_context_processors["discussions"].append(talk_context)
    app.template_context_processors["moderation"].append(moderation_context)
    app.template_context_processors["admin"].append(admin_context)
    app.context_processor(site)
