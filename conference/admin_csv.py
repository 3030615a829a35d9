"""CSV of an admin selection, readable by Excel whatever the script of the names: its columns
and its text. The exports themselves are tasks (delegations/exports.py)."""

import csv
from collections.abc import Callable, Iterable, Sequence
from typing import TextIO

from django.db.models import Model
from django.utils.functional import Promise

from conference.spreadsheets import field_text, spreadsheet_safe

# Excel reads a CSV file as UTF-8 only when it starts with a byte order mark; without it,
# Arabic or Chinese names turn into mojibake.
BYTE_ORDER_MARK = "\ufeff"

Column = tuple[Promise | str, Callable[[Model], object]]


def field_columns(model: type[Model], names: Sequence[str]) -> list[Column]:
    """A column per field of `model`: its verbose name over its text (`field_text`)."""
    return [
        (model._meta.get_field(name).verbose_name, lambda obj, name=name: field_text(obj, name))
        for name in names
    ]


def csv_write(stream: TextIO, header: Sequence[object], rows: Iterable[Sequence]) -> None:
    """Write the CSV file of `header` and `rows` to `stream` (opened with newline=""), in the
    active language, every value defused (`spreadsheet_safe`), a row at a time."""
    stream.write(BYTE_ORDER_MARK)
    writer = csv.writer(stream)
    writer.writerow([str(label) for label in header])
    for row in rows:
        writer.writerow([spreadsheet_safe(value) for value in row])
