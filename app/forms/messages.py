"""Forms for Tell us, and for admins answering and writing "You said, we did". Shape only: the
services check again, with the same words."""

from flask_wtf import FlaskForm
from wtforms import BooleanField, RadioField, SelectChoice, TextAreaField
from wtforms.validators import AnyOf, InputRequired

from app.forms.discussions import _PostForm
from app.models.messages import TELL_US_TOPICS
from app.services.tell_us import NO_BODY, NO_TOPIC


class TellUsForm(_PostForm):
    topic = RadioField(
        "What is your message about?",
        choices=[SelectChoice(key, label) for key, label in TELL_US_TOPICS.items()],
        validators=[InputRequired(NO_TOPIC), AnyOf(list(TELL_US_TOPICS), NO_TOPIC)],
        validate_choice=False,
    )
    body = TextAreaField("Your message", validators=[InputRequired(NO_BODY)])
    wants_answer = BooleanField("Answer me in my Messages from the site")

    def expired(self) -> bool:
        return "csrf_token" in self and super().expired()


class AnswerForm(FlaskForm):
    body = TextAreaField("Your answer (the member sees this in Messages from the site)")


class ChangeNoteForm(FlaskForm):
    said = TextAreaField("What people told us")
    did = TextAreaField("What we did")
