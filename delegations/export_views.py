"""The page of an admin export (delegations/exports.py): its progress, then its file."""

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _

from delegations.models import Export, ExportKind, export_permission
from delegations.task_document_views import TaskDocumentView


class ExportView(TaskDocumentView):
    """An export's pages, to staff who may see its rows in its conference (or everywhere):
    the organiser who asked, and those who could have made the same export themselves. The
    file holds personal data: the password again before it, however recent the session."""

    model = Export
    # Any of them lets the export be looked up; then its own kind's decides.
    permissions = tuple(export_permission(kind) for kind in ExportKind.values)
    file_needs_recent_authentication = True

    def documents(self) -> QuerySet[Export]:
        # The ids of the rows exported: up to 100,000 of them, which no page shows.
        return Export.objects.defer("row_ids")

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        export = get_object_or_404(self.documents().select_related("conference"), pk=pk)
        user = request.user
        if not (
            user.has_perm(export.permission) or user.has_perm(export.permission, export.conference)
        ):
            raise PermissionDenied
        return super().get(request, pk)

    def back_link(self, export: Export) -> tuple[str, str]:
        app_label, model_name = export.kind.split(".")
        return reverse(f"admin:{app_label}_{model_name}_changelist"), _("Back to the list")
