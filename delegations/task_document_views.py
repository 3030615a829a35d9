"""The staff pages of a document made by a task (delegations/task_documents.py): its page,
which shows the progress and then offers the file, what that page polls, and the file.

An app subclasses `TaskDocumentView` once, naming its model, permissions, layout and the link
back, and mounts its three pages with `task_document_paths`:

    urlpatterns = [
        *task_document_paths("staff/floor/documents/<int:pk>/", views.DocumentView, "document"),
    ]

which names them "document", "document_status" and "document_file" (the model's `url_name`
is the first, with the app's namespace).
"""

from collections.abc import Callable

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.urls import URLPattern, path
from django.utils.cache import add_never_cache_headers
from django.views import View

from accounts.reauthentication import recent_authentication_required
from conference.staff import conference_by_object, staff_permission_required
from delegations.private_files import private_file_response
from delegations.task_documents import DocumentStatus, TaskDocument


class TaskDocumentView(View):
    """One kind of task document's pages, to staff holding one of `permissions` (everywhere, or
    through a role in the document's conference). Never cached: the status moves on."""

    model: type[TaskDocument]
    permissions: tuple[str, ...] = ()
    base_template = "base.html"  # the app's staff layout, which the page extends
    related: tuple[str, ...] = ("conference", "requested_by")  # what the page shows
    # For files with personal data: the password again before the download, however recent
    # the session (accounts/reauthentication.py).
    file_needs_recent_authentication = False
    part = "page"  # "page", "status" (what the page polls) or "file"
    http_method_names = ["get", "head"]

    @classmethod
    def as_view(cls, **initkwargs) -> Callable[..., HttpResponse]:
        view = super().as_view(**initkwargs)
        if initkwargs.get("part") == "file" and cls.file_needs_recent_authentication:
            view = recent_authentication_required(view)
        conference = conference_by_object(cls.model)
        return staff_permission_required(*cls.permissions, conference=conference)(view)

    def documents(self) -> QuerySet[TaskDocument]:
        """The documents the pages read; a subclass may leave out a large field they never
        show (the status is polled every second)."""
        return self.model.objects.all()

    def back_link(self, document: TaskDocument) -> tuple[str, str]:
        """Where the page leads back to: (URL, text)."""
        raise NotImplementedError

    def result_link(self, document: TaskDocument) -> tuple[str, str] | None:
        """Where a document done without a file shows its result: (URL, text)."""
        return None

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        if self.part == "file":
            document = get_object_or_404(
                self.documents().select_related("conference"), pk=pk, status=DocumentStatus.DONE
            )
            return private_file_response(
                document.file,
                content_type=document.content_type,
                download_name=document.download_name(),
            )
        if self.part == "status":
            document = get_object_or_404(self.documents(), pk=pk)
            response = JsonResponse(
                {
                    "finished": document.is_finished,
                    "done": document.progress_done,
                    "total": document.progress_total,
                    "text": render_to_string(
                        "delegations/_task_document_progress.html", {"document": document}, request
                    ).strip(),
                }
            )
        else:
            document = get_object_or_404(self.documents().select_related(*self.related), pk=pk)
            response = render(
                request,
                "delegations/task_document.html",
                {
                    "document": document,
                    "conference": document.conference,
                    "base_template": self.base_template,
                    "back": self.back_link(document),
                    "result": self.result_link(document),
                },
            )
        add_never_cache_headers(response)
        return response


def task_document_paths(route: str, view: type[TaskDocumentView], name: str) -> list[URLPattern]:
    """The page at `route` (it ends in "<int:pk>/"), its status and its file, named `name`,
    `name`_status and `name`_file."""
    return [
        path(route, view.as_view(), name=name),
        path(f"{route}status/", view.as_view(part="status"), name=f"{name}_status"),
        path(f"{route}file/", view.as_view(part="file"), name=f"{name}_file"),
    ]
