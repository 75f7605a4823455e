"""Forms for Talk. Shape only: lengths and rules are checked in app.services.discussions."""

from flask_wtf import FlaskForm
from wtforms import (
    HiddenField,
    SelectChoice,
    SelectMultipleField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.widgets import CheckboxInput, ListWidget

from app.spaces import CONDITION_TAGS

# Offered beside the content note field; any text up to 60 characters is fine.
CONTENT_NOTE_SUGGESTIONS = (
    "Self-harm",
    "Thoughts of suicide",
    "Death or grief",
    "A hospital stay",
    "A new diagnosis",
)
EXPIRED = (
    "This form timed out, so your message was not sent. It is still here: "
    "please check it and send it again"
)


def _body():
    return TextAreaField("Your message")


def _content_note():
    return StringField("Content note (optional)")


class _PostForm(FlaskForm):
    on_preview = None  # what Preview tells the writer when the text may mean risk (screening)

    def expired(self) -> bool:
        """True when only the CSRF token failed: the text is shown again, to be resent."""
        if not self.csrf_token.errors:
            return False
        self.csrf_token.errors = []
        self.body.errors = [*self.body.errors, EXPIRED]
        return True


def tag_field():
    return SelectMultipleField(
        "Conditions this is about (optional)",
        choices=[SelectChoice(key, label) for key, label in CONDITION_TAGS.items()],
        option_widget=CheckboxInput(),
        widget=ListWidget(prefix_label=False),
        validate_choice=False,  # the service checks, and says so politely
    )


class ThreadForm(_PostForm):
    title = StringField("Title")
    body = _body()
    tags = tag_field()
    content_note = _content_note()
    preview = SubmitField("Preview")
    submit = SubmitField("Start thread")


class ReplyForm(_PostForm):
    to = HiddenField()
    body = _body()
    content_note = _content_note()
    preview = SubmitField("Preview")
    submit = SubmitField("Post reply")


class EditForm(_PostForm):
    body = _body()
    content_note = _content_note()
    preview = SubmitField("Preview")
    submit = SubmitField("Save changes")
