"""CSV exports of an admin selection, readable by Excel whatever the script of the names."""

import csv
import re
from collections.abc import Callable, Iterable, Sequence

from django.contrib import admin
from django.db.models import Model, QuerySet
from django.http import HttpResponse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

# Excel reads a CSV file as UTF-8 only when it starts with a byte order mark; without it,
# Arabic or Chinese names turn into mojibake.
BYTE_ORDER_MARK = "\ufeff"

# A cell that starts like a formula runs as one in a spreadsheet, and names and titles are
# typed by the public: such cells get a leading apostrophe (OWASP "CSV injection"). Phone
# numbers such as +92 51 9204 are left alone: digits cannot call a function.
FORMULA_START = re.compile(r"^[=+\-@\t\r]")
PHONE_LIKE = re.compile(r"^[+\-]?[\d\s().\-/]*$")

Column = tuple[Promise | str, Callable[[Model], object]]


def yes_no(value: bool) -> str:
    return str(_("yes") if value else _("no"))


def _cell(value: object) -> str:
    text = "" if value is None else str(value)
    if FORMULA_START.match(text) and not PHONE_LIKE.match(text):
        return f"'{text}"
    return text


def csv_response(
    *, filename: str, header: Sequence[object], rows: Iterable[Sequence]
) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write(BYTE_ORDER_MARK)
    writer = csv.writer(response)
    writer.writerow([str(label) for label in header])
    writer.writerows([_cell(value) for value in row] for row in rows)
    return response


def csv_export_action(
    *,
    columns: Sequence[Column],
    arrange: Callable[[QuerySet], Iterable[Model]] = lambda queryset: queryset,
):
    """An admin action writing the selected rows as CSV, one column per (label, value) pair.

    `arrange` may add select_related/prefetch_related and choose the order of the rows.
    """

    @admin.action(description=_("Export selected as CSV"), permissions=["view"])
    def export_csv(modeladmin, request, queryset):
        filename = f"{modeladmin.model._meta.model_name}-{timezone.localdate():%Y-%m-%d}.csv"
        rows = ([value(obj) for _label, value in columns] for obj in arrange(queryset))
        return csv_response(
            filename=filename, header=[label for label, _value in columns], rows=rows
        )

    return export_csv
