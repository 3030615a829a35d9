"""What spreadsheet cells hold: a model field as people read it, and text that spreadsheet
programs show as typed, never run as a formula."""

import functools
import re

from django.db.models import Field, Model
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from conference.plain_text import without_control_characters

# A cell that starts like a formula runs as one in a spreadsheet, and names and titles are
# typed by the public: such cells get a leading apostrophe (OWASP "CSV injection"). Phone
# numbers such as +92 51 9204 are left alone: digits cannot call a function.
FORMULA_START = re.compile(r"^[=+\-@\t\r]")
PHONE_LIKE = re.compile(r"^[+\-]?[\d\s().\-/]*$")


def spreadsheet_safe(value: object) -> str:
    """`value` as text for a CSV or XLSX cell, with an apostrophe before anything formula-like
    and without control characters (an XLSX file cannot hold them; older data may)."""
    text = without_control_characters("" if value is None else str(value))
    if FORMULA_START.match(text) and not PHONE_LIKE.match(text):
        return f"'{text}"
    return text


def yes_no(value: bool) -> str:
    return _("yes") if value else _("no")


def field_text(obj: Model, name: str) -> str:
    """`obj`'s field `name` as a cell shows it: a choice's label (a country's name), yes or no."""
    value = getattr(obj, name)
    if isinstance(value, bool):
        return yes_no(value)
    field = obj._meta.get_field(name)
    if field.choices:
        # As get_<name>_display() does, but with the labels worded once per field and
        # language: Django words every choice again on each call (the 250 countries of a
        # nationality: 2 ms a row, minutes for the admin's export of 20,000 participants).
        return str(_choice_labels(field, get_language()).get(value, value))
    return "" if value is None else str(value)


@functools.lru_cache(maxsize=256)
def _choice_labels(field: Field, language: str | None) -> dict[object, str]:
    return {value: str(label) for value, label in field.flatchoices}
