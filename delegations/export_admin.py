"""The admin's "Export selected as CSV" action, and the list of the exports asked for.

The action asks for the password again (personal data), then records the export and queues
it (delegations/exports.py) and opens its page, which follows it and then offers the file.
"""

from collections.abc import Callable, Sequence

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import Model, QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils.translation import gettext_lazy as _

from accounts.reauthentication import reauthentication_redirect
from accounts.session_limits import authenticated_recently
from conference.admin_csv import Column
from conference.workspace import ConferenceScopedAdmin, Job
from delegations.exports import CsvExport, csv_export_register, export_request
from delegations.models import Export
from delegations.task_document_admin import DOCUMENT_PAGE_FIELDS, TaskDocumentAdminMixin


def csv_export_action(
    *,
    model: type[Model],
    columns: Sequence[Column],
    arrange: Callable[[QuerySet], QuerySet] = lambda queryset: queryset,
):
    """An admin action exporting the selected `model` rows as CSV, one column per (label,
    value) pair, by a task. `arrange` may add select_related/prefetch_related (read once per
    chunk of rows) and chooses the order of the rows."""
    csv_export_register(CsvExport(model=model, columns=columns, arrange=arrange))

    @admin.action(description=_("Export selected as CSV"), permissions=["view"])
    def export_csv(
        modeladmin: admin.ModelAdmin, request: HttpRequest, queryset: QuerySet
    ) -> HttpResponse | None:
        # The selection is a POST that cannot be replayed: back to the same list, filters kept.
        if not authenticated_recently(request.session):
            return reauthentication_redirect(request, next_url=request.get_full_path())
        try:
            export = export_request(queryset=queryset, by=request.user)
        except ValidationError as error:
            modeladmin.message_user(request, error.message, messages.ERROR)
            return None
        return HttpResponseRedirect(export.get_absolute_url())

    return export_csv


@admin.register(Export)
class ExportAdmin(TaskDocumentAdminMixin, ConferenceScopedAdmin, admin.ModelAdmin):
    """Exports asked for: of what, by whom, how they went; each one's page offers its file to
    staff who may see its rows. Read-only; deleting one deletes its file."""

    job = Job.REPORTS

    list_display = ["kind", "conference", "status", "progress", "requested_by", "requested", "page"]
    fields = readonly_fields = DOCUMENT_PAGE_FIELDS

    def get_queryset(self, request: HttpRequest) -> QuerySet[Export]:
        # The ids of the rows exported: up to 100,000 of them per export, which it never shows.
        return super().get_queryset(request).defer("row_ids")
