"""WTForms classes: shape checks only. The rules live in the services."""

from flask_wtf import FlaskForm
from wtforms import HiddenField

from app.services.errors import FieldError


class ButtonForm(FlaskForm):
    """A form that is only a button (and its CSRF token), e.g. "Sign out"."""

    next = HiddenField()


def show_error(form: FlaskForm, error: FieldError) -> None:
    """Put a service's FieldError beside its field, for the error summary and inline message."""
    form[error.field].errors.append(error.message)
