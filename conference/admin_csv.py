"""CSV exports of an admin selection, readable by Excel whatever the script of the names."""

import csv
from collections.abc import Callable, Iterable, Sequence

from django.contrib import admin
from django.db.models import Model, QuerySet
from django.http import HttpResponse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from accounts.reauthentication import reauthentication_redirect
from accounts.session_limits import authenticated_recently
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


def csv_response(
    *, filename: str, header: Sequence[object], rows: Iterable[Sequence]
) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write(BYTE_ORDER_MARK)
    writer = csv.writer(response)
    writer.writerow([str(label) for label in header])
    writer.writerows([spreadsheet_safe(value) for value in row] for row in rows)
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
        # The selection is a POST that cannot be replayed: back to the same list, filters kept.
        if not authenticated_recently(request.session):
            return reauthentication_redirect(request, next_url=request.get_full_path())
        filename = f"{modeladmin.model._meta.model_name}-{timezone.localdate():%Y-%m-%d}.csv"
        rows = ([value(obj) for _label, value in columns] for obj in arrange(queryset))
        return csv_response(
            filename=filename, header=[label for label, _value in columns], rows=rows
        )

    return export_csv
