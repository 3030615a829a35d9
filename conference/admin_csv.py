"""CSV exports of an admin selection, readable by Excel whatever the script of the names."""

import csv
from collections.abc import Callable, Iterable, Iterator, Sequence

from django.contrib import admin
from django.db.models import Model, QuerySet
from django.http import StreamingHttpResponse
from django.utils import timezone, translation
from django.utils.functional import Promise
from django.utils.translation import get_language
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


# Rows read from the database, and written to the client, at a time: an export of 100,000
# participants holds one chunk in memory, never the whole file.
CHUNK_SIZE = 2000


def csv_response(
    *, filename: str, header: Sequence[object], rows: Iterable[Sequence]
) -> StreamingHttpResponse:
    """A CSV download written as `rows` are read (after the view has returned)."""
    response = StreamingHttpResponse(
        _csv_chunks(header, rows, language=get_language()),
        content_type="text/csv; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


class _Echo:
    """A file for csv.writer that hands back each line instead of keeping it."""

    def write(self, line: str) -> str:
        return line


def _csv_chunks(
    header: Sequence[object], rows: Iterable[Sequence], *, language: str | None
) -> Iterator[str]:
    writer = csv.writer(_Echo())
    # The labels and values are worded while the response is sent, in the request's language.
    with translation.override(language):
        yield BYTE_ORDER_MARK + writer.writerow([str(label) for label in header])
        lines = []
        for row in rows:
            lines.append(writer.writerow([spreadsheet_safe(value) for value in row]))
            if len(lines) == CHUNK_SIZE:
                yield "".join(lines)
                lines = []
        yield "".join(lines)


def csv_export_action(
    *,
    columns: Sequence[Column],
    arrange: Callable[[QuerySet], QuerySet] = lambda queryset: queryset,
):
    """An admin action writing the selected rows as CSV, one column per (label, value) pair,
    streamed: the rows are read `CHUNK_SIZE` at a time as the file is sent.

    `arrange` may add select_related/prefetch_related (read once per chunk) and choose the
    order of the rows.
    """

    @admin.action(description=_("Export selected as CSV"), permissions=["view"])
    def export_csv(modeladmin, request, queryset):
        # The selection is a POST that cannot be replayed: back to the same list, filters kept.
        if not authenticated_recently(request.session):
            return reauthentication_redirect(request, next_url=request.get_full_path())
        filename = f"{modeladmin.model._meta.model_name}-{timezone.localdate():%Y-%m-%d}.csv"
        objects = arrange(queryset).iterator(chunk_size=CHUNK_SIZE)
        rows = ([value(obj) for _label, value in columns] for obj in objects)
        return csv_response(
            filename=filename, header=[label for label, _value in columns], rows=rows
        )

    return export_csv
