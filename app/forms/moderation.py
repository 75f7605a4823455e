"""Forms for reports, decisions and reviews. Shape only: the rules are in the services."""

from flask_wtf import FlaskForm
from wtforms import RadioField, SelectChoice, StringField, TextAreaField

from app.conduct import REPORT_REASONS, RULES, SUSPENSIONS
from app.forms.discussions import tag_field
from app.models.moderation import RISK_OUTCOMES
from app.services.moderation import CAUTIONS, REVIEW_OUTCOMES


def _radios(label: str, choices: dict):
    return RadioField(
        label, choices=[SelectChoice(k, v) for k, v in choices.items()], validate_choice=False
    )  # the service checks, and says so politely


def _rules(label: str = "Which rule was broken?"):
    return _radios(label, {rule.key: rule.label for rule in RULES})


class _OnSharedPage(FlaskForm):
    """One of several forms on a moderation page: its fields carry the key as a prefix, so no
    id repeats, and the page finds it by its key."""

    key = ""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, prefix=self.key, **kwargs)


class ReportForm(FlaskForm):
    reason = _radios("What is wrong with this post?", REPORT_REASONS)
    note = TextAreaField("Anything else the moderators should know? (optional)")


class ReviewRequestForm(FlaskForm):
    note = TextAreaField("Why should a moderator look again?")


class HideForm(_OnSharedPage):
    key = "hide"
    rule = _rules()
    reason = TextAreaField("Reason (the author will see this)")


class ReviewAnswerForm(_OnSharedPage):
    key = "review"
    outcome = _radios("Your answer", REVIEW_OUTCOMES)
    reason = TextAreaField("Reason (the member will see this)")


class CautionForm(_OnSharedPage):
    key = "caution"
    level = _radios("Reminder or warning?", CAUTIONS)
    rule = _rules()
    message = TextAreaField("Message (the member will see this on their next visit)")


class SuspendForm(_OnSharedPage):
    key = "suspend"
    length = _radios("How long for?", {k: label for k, (label, _) in SUSPENSIONS.items()})
    rule = _rules()
    reason = TextAreaField("Reason (the member will see this)")


class ThreadEditForm(_OnSharedPage):
    key = "edit"
    title = StringField("Title")
    tags = tag_field()
    reason = TextAreaField("Reason (optional; the author will see this)")


class MoveForm(_OnSharedPage):
    key = "move"
    space = RadioField("Move to", validate_choice=False)
    reason = TextAreaField("Reason (optional; the author will see this)")

    def __init__(self, *args, spaces=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.space.choices = [SelectChoice(s.slug, s.name) for s in spaces]


class CheckInForm(_OnSharedPage):
    key = "checkin"
    body = TextAreaField("Message (only the member will see this, from “the moderators”)")


class ContentNoteForm(_OnSharedPage):
    key = "note"
    # A text area, so a note wraps on a narrow screen with large text rather than scrolling.
    content_note = TextAreaField("Content note")
    reason = TextAreaField("Why (optional; the author will see this)")


class RiskReviewForm(_OnSharedPage):
    key = "risk"
    outcome = _radios("What did you find?", RISK_OUTCOMES)
    note = TextAreaField("Note for the moderators (optional; the member does not see this)")

    def __init__(self, *args, outcomes=RISK_OUTCOMES, **kwargs):
        super().__init__(*args, **kwargs)
        self.outcome.choices = [SelectChoice(k, v) for k, v in outcomes.items()]


class MemberNoteForm(_OnSharedPage):
    key = "member_note"
    body = TextAreaField("Private note (moderators see it; so may the member, in their download)")
