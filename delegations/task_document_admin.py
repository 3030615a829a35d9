"""The admin of documents made by a task (delegations/task_documents.py): read-only lists of
what was asked for, by whom, and how it went, with a link to each document's page
(delegations/task_document_views.py), which offers the file.

An app's ModelAdmin puts `TaskDocumentAdminMixin` first among its bases and names the
columns it shows, these among them.
"""

from django.contrib import admin
from django.http import HttpRequest
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from conference.local_time import SHORT, local_time, moment_column
from delegations.task_documents import TaskDocument

# How a document's making went, on its page in the admin. Its file is never among the fields:
# read-only, the admin would link it by its media URL, which a private file has not (a server
# error); the document's own page offers it after the checks.
DOCUMENT_PROGRESS_FIELDS = [
    "status",
    "progress",
    "error",
    "requested_by",
    "requested",
    "finished",
    "page",
]
# A document's page in the admin, for the kinds of document made in a language.
DOCUMENT_PAGE_FIELDS = ["conference", "kind", "language", *DOCUMENT_PROGRESS_FIELDS]


class TaskDocumentAdminMixin:
    """Columns and rules shared by the admins of every kind of task document. Deleting one
    deletes its file."""

    list_filter = ["status", "kind", "conference"]
    list_select_related = ["conference", "requested_by"]

    def has_add_permission(self, request: HttpRequest, *args) -> bool:
        # Documents are asked for from the staff pages and the admin's actions.
        return False

    def has_change_permission(self, request: HttpRequest, obj: TaskDocument | None = None) -> bool:
        return False

    @admin.display(description=gettext_lazy("progress"))
    def progress(self, document: TaskDocument) -> str:
        if not document.progress_total:
            return ""
        return f"{document.progress_done} / {document.progress_total}"

    @moment_column
    @admin.display(description=gettext_lazy("requested"), ordering="requested_at")
    def requested(self, document: TaskDocument) -> str:
        return local_time(document.requested_at, document.conference.tzinfo, format=SHORT)

    @moment_column
    @admin.display(description=gettext_lazy("finished"), ordering="finished_at")
    def finished(self, document: TaskDocument) -> str:
        return local_time(document.finished_at, document.conference.tzinfo, format=SHORT)

    @admin.display(description=gettext_lazy("page"))
    def page(self, document: TaskDocument) -> str:
        return format_html('<a href="{}">{}</a>', document.get_absolute_url(), _("Open"))
