"""The admin's CSV exports of a selection (participants, delegations, check-ins), made by a
task: asking records an `Export` with the ids of the rows selected and queues `export_make`
(below); the worker writes the file, the organiser follows it on its page
(delegations/export_views.py) and takes it from there.

The columns of each kind are declared beside its admin (delegations/export_admin.py
`csv_export_action`), which registers them here. The admin modules are imported in every
process that sets Django up, the worker's included (django.contrib.admin autodiscovers them).

Why the ids, not the list's filters: the file holds the rows the organiser saw when they
asked; a filter such as "registered today" or "checked in" read again later, or on a task's
retry, would find others. The rows are read when the task runs, each one as it is then.
"""

import io
import tempfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction
from django.db.models import Model, QuerySet
from django.utils import translation
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from conference.admin_csv import Column, csv_write
from conference.jobs import in_conferences, scope_of
from delegations.models import Export
from delegations.task_documents import document_task

# Rows read from the database at a time: prefetches (a delegation's focal points) are one
# query per chunk, and the progress moves on once per chunk.
CHUNK_SIZE = 2000


@dataclass(frozen=True)
class CsvExport:
    """One kind of export: the model's rows, its columns (label, value), and `arrange`, which
    may add select_related/prefetch_related and chooses the order of the rows."""

    model: type[Model]
    columns: Sequence[Column]
    arrange: Callable[[QuerySet], QuerySet]


# By kind (ExportKind: the model's label, "delegations.participant").
CSV_EXPORTS: dict[str, CsvExport] = {}


def csv_export_register(export: CsvExport) -> None:
    """Make `export` the one for its model (its kind is the model's label)."""
    CSV_EXPORTS[export.model._meta.label_lower] = export


@document_task(Export)
def export_make(export: Export) -> File:
    """The file of `export` in its language: its rows still there, in its conference,
    recording its progress chunk by chunk. A failure leaves no file (it is stored whole).

    The rows go to a temporary file as they are read, not to a string: 100,000 participants
    make a file of about 100 MB, which the worker would otherwise hold in memory twice."""
    definition = CSV_EXPORTS[export.kind]
    model = definition.model
    queryset = definition.arrange(
        model._default_manager.filter(
            in_conferences(model, [export.conference_id]), pk__in=export.row_ids
        )
    )
    total = len(export.row_ids)

    def rows() -> Iterator[list]:
        count = 0
        for count, obj in enumerate(queryset.iterator(chunk_size=CHUNK_SIZE), 1):
            yield [value(obj) for _label, value in definition.columns]
            if count % CHUNK_SIZE == 0:
                export.progress_record(count, total)
        # The rows written in all: fewer than selected when some were deleted meanwhile.
        export.progress_record(count, total)

    # Not a `with`: the task closes the file once it is stored (document_task).
    spool = tempfile.TemporaryFile()  # noqa: SIM115
    try:
        text = io.TextIOWrapper(spool, encoding="utf-8", newline="")
        with translation.override(export.language):
            csv_write(text, [label for label, _value in definition.columns], rows())
        text.detach().seek(0)
    except BaseException:
        spool.close()
        raise
    return File(spool)


@transaction.atomic
def export_request(*, queryset: QuerySet, by: AbstractBaseUser) -> Export:
    """Record the export of `queryset`'s rows (an admin selection, of one conference) in the
    active language, and queue its making, in one transaction.

    Refuses a selection spanning conferences: each export is one conference's, for its
    staff, and goes with its retention."""
    path = scope_of(queryset.model).path
    rows = list(queryset.order_by().values_list("pk", path))
    conference_ids = {conference_id for _pk, conference_id in rows}
    if len(conference_ids) != 1:
        raise ValidationError(
            _("Select rows of one conference at a time: choose it in the conference filter."),
            code="one_conference",
        )
    [conference_id] = conference_ids
    export = Export.objects.create(
        conference_id=conference_id,
        kind=queryset.model._meta.label_lower,
        language=get_language(),
        row_ids=[pk for pk, _conference_id in rows],
        progress_total=len(rows),
        requested_by=by,
    )
    export_make.enqueue(document_id=export.pk)
    return export
