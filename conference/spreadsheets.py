"""What spreadsheet cells hold: a model field as people read it, and text that spreadsheet
programs show as typed, never run as a formula."""

import re

from django.db.models import Model
from django.utils.translation import gettext as _

# A cell that starts like a formula runs as one in a spreadsheet, and names and titles are
# typed by the public: such cells get a leading apostrophe (OWASP "CSV injection"). Phone
# numbers such as +92 51 9204 are left alone: digits cannot call a function.
FORMULA_START = re.compile(r"^[=+\-@\t\r]")
PHONE_LIKE = re.compile(r"^[+\-]?[\d\s().\-/]*$")


def spreadsheet_safe(value: object) -> str:
    """`value` as text for a CSV or XLSX cell, with an apostrophe before anything formula-like."""
    text = "" if value is None else str(value)
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
    if obj._meta.get_field(name).choices:
        return str(getattr(obj, f"get_{name}_display")())
    return "" if value is None else str(value)
