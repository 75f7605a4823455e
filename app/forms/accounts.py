"""Forms for entering, coming back and the account pages. Shape only: the rules are in services."""

from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    HiddenField,
    PasswordField,
    RadioField,
    SelectChoice,
    StringField,
)
from wtforms.validators import AnyOf, InputRequired

from app.conduct import BREAKS
from app.models.user import CONTENT_NOTE_CHOICES


class ReturnForm(FlaskForm):
    name = StringField("Your name", validators=[InputRequired("Enter your name")])
    secret = PasswordField(
        "Recovery phrase or password",
        validators=[InputRequired("Enter your recovery phrase or password")],
    )
    remember = BooleanField("Keep me signed in on this device")
    next = HiddenField()


class NameForm(FlaskForm):
    name = StringField("New name", validators=[InputRequired("Enter a name")])


class PasswordForm(FlaskForm):
    password = PasswordField("New password", validators=[InputRequired("Enter a password")])
    confirm = PasswordField(
        "Type the password again", validators=[InputRequired("Type the password again")]
    )


CONTENT_NOTE_LABELS = {
    "collapsed": "Show the note and keep the post closed until I open it",
    "expanded": "Show the note and the post open",
    "hidden": "Hide posts with content notes",
}


class PreferencesForm(FlaskForm):
    discreet_titles = BooleanField("Browse discreetly")
    content_notes = RadioField(
        "Posts with content notes",
        choices=[SelectChoice(value, CONTENT_NOTE_LABELS[value]) for value in CONTENT_NOTE_CHOICES],
        validators=[InputRequired("Choose how posts with content notes should show")],
        validate_choice=False,  # the service checks the value, with the same message
    )


class BreakForm(FlaskForm):
    days = RadioField(
        "How long would you like a break for?",
        choices=[SelectChoice(str(days), label) for days, label in BREAKS.items()],
        validate_choice=False,  # the service checks, and says so politely
    )


DELETE_CHOICE_MISSING = "Choose what should happen to what you wrote"


class DeleteForm(FlaskForm):
    posts = RadioField(
        "What should happen to what you wrote?",
        choices=[
            SelectChoice("delete", "Delete everything I wrote"),
            SelectChoice("keep", "Keep my posts, shown as written by “a former member”"),
        ],
        validators=[
            InputRequired(DELETE_CHOICE_MISSING),
            AnyOf(["delete", "keep"], DELETE_CHOICE_MISSING),
        ],
        validate_choice=False,
    )
