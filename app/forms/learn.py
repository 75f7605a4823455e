"""The handout bundle: a clinician picks several learn pages to print on one sheet."""

from flask_wtf import FlaskForm
from wtforms import BooleanField, SelectMultipleField
from wtforms.validators import ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

BUNDLE_MAX = 4  # what fits one A4 sheet, and one first visit's 14 KB, with key points and QR codes


class BundleForm(FlaskForm):
    class Meta:
        csrf = False  # a GET form that changes nothing: the sheet's address can be kept

    pages = SelectMultipleField(
        "Pages to print",
        option_widget=CheckboxInput(),
        widget=ListWidget(prefix_label=False),
        validate_choice=False,  # checked below, with a polite message
    )
    discreet = BooleanField("Discreet version: no titles or key points, only the addresses")

    def validate_pages(self, field):
        known = {value for value, _ in field.choices}
        if not field.data:
            raise ValidationError("Choose at least one page to print")
        if any(slug not in known for slug in field.data):
            raise ValidationError("Choose pages from the list")
        if len(field.data) > BUNDLE_MAX:
            raise ValidationError(
                f"Choose up to {BUNDLE_MAX} pages, so they fit on one sheet. "
                f"You chose {len(field.data)}"
            )
