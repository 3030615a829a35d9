"""Documents made by a task: a file an organiser asked for (badge sheets, notes verbales, a
door sign ...), made by the worker while a page follows its progress, then offers the file.

Each app keeps its own model, a subclass of `TaskDocument` with what is particular to it (its
kinds, the participants or delegations it covers, its language), and its own task, made with
`document_task`: the task's body makes the file; the status, progress, error and file are kept
here. The pages are `delegations.task_document_views.TaskDocumentView`.

The files hold personal data, so they live in private storage (delegations/storage.py), and
go with their row however it is deleted (the receiver at the end).
"""

import functools
from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile, File
from django.db import models, transaction
from django.db.models.signals import post_delete
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_tasks.base import Task

from conference.models import Conference
from conference.task_retries import retrying_task
from delegations.storage import file_delete_on_commit, private_storage
from delegations.uploads import RandomFileName


class DocumentStatus(models.TextChoices):
    QUEUED = "queued", _("queued")
    RUNNING = "running", _("running")
    DONE = "done", _("done")
    FAILED = "failed", _("failed")


class TaskDocument(models.Model):
    """A file asked for and made by a task: who asked, when, how far it got, how it ended.

    A subclass names its pages' URLs (`url_name`; the status and the file follow it with
    `_status` and `_file`) and how its file is called (`download_name`).
    """

    conference = models.ForeignKey(
        Conference, on_delete=models.CASCADE, related_name="+", verbose_name=_("conference")
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=DocumentStatus.choices,
        default=DocumentStatus.QUEUED,
    )
    # Steps done of `progress_total` (badges laid out, notes made); a total of 0 is not counted.
    progress_done = models.PositiveIntegerField(_("steps done"), default=0)
    progress_total = models.PositiveIntegerField(_("steps in all"), default=0)
    # The last failed attempt's, shown to staff while the next one waits, or for good.
    error = models.TextField(_("error"), blank=True, editable=False)
    file = models.FileField(
        _("file"),
        storage=private_storage,
        upload_to=RandomFileName("documents"),
        blank=True,
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("requested by"),
    )
    requested_at = models.DateTimeField(_("requested"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    url_name: str = ""  # e.g. "floor:document"
    content_type = "application/pdf"

    class Meta:
        abstract = True
        ordering = ["-requested_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.title()} · {self.conference}"

    def get_absolute_url(self) -> str:
        return reverse(self.url_name, args=[self.pk])

    def title(self) -> str:
        """What the document is, as its page's heading says: its kind where it has kinds."""
        return self.get_kind_display()

    def download_name(self) -> str:
        raise NotImplementedError

    def status_url(self) -> str:
        return reverse(f"{self.url_name}_status", args=[self.pk])

    def file_url(self) -> str:
        return reverse(f"{self.url_name}_file", args=[self.pk])

    @property
    def is_finished(self) -> bool:
        return self.status in (DocumentStatus.DONE, DocumentStatus.FAILED)

    def steps_text(self) -> str:
        """The steps done, as the progress page says them."""
        return gettext("%(done)s of %(total)s.") % {
            "done": self.progress_done,
            "total": self.progress_total,
        }

    def progress_record(self, done: int, total: int) -> None:
        """Record `done` steps of `total`. Outside any transaction: the page that polls sees
        each step as it is made."""
        type(self).objects.filter(pk=self.pk).update(progress_done=done, progress_total=total)

    def when_done(self, work: Callable[[], object]) -> None:
        """Run `work` in the transaction that marks the document done (and only then)."""
        self._when_done = [*getattr(self, "_when_done", []), work]

    def done(self, content: bytes | File | None) -> None:
        """Mark the document done with `content` as its file (bytes, or a file open for
        reading; None: work without a file), and whatever `when_done` asked, in one
        transaction; the file is deleted if that fails."""
        if content is not None:
            stored = content if isinstance(content, File) else ContentFile(content)
            self.file.save(self.download_name(), stored, save=False)
        try:
            with transaction.atomic():
                for work in getattr(self, "_when_done", []):
                    work()
                self.status = DocumentStatus.DONE
                self.error = ""
                self.finished_at = timezone.now()
                self.save(update_fields=["file", "status", "error", "finished_at"])
        except BaseException:
            if content is not None:
                self.file.delete(save=False)
            raise


def done_has_its_file(name: str, *, unless: models.Q | None = None) -> models.CheckConstraint:
    """The database's refusal of a document done without its file (`unless` it is of a kind
    that has none); for a subclass's Meta.constraints."""
    condition = ~models.Q(status=DocumentStatus.DONE) | ~models.Q(file="")
    return models.CheckConstraint(
        condition=condition if unless is None else unless | condition,
        name=name,
        violation_error_message=_("A finished document has its file."),
    )


def error_text(error: Exception) -> str:
    """The error as staff read it on the document's page: a refusal's own words."""
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    return f"{type(error).__name__}: {error}"


def document_task(
    model: type[TaskDocument], *, related: tuple[str, ...] = ("conference",)
) -> Callable[[Callable[..., bytes | File | None]], Task]:
    """Make `make(document, **kwargs)` the task that makes a `model` document: a retrying task
    on the documents queue taking `document_id=` (and `kwargs`).

    The task loads the document with `related` (nothing to do if it was deleted meanwhile),
    marks it running, and gives it to `make`, which returns the file's content (bytes, or a
    file, closed here once stored; None for work without a file) and may record progress
    (`progress_record`). The document ends done with its file, or, after a failed attempt,
    queued again with the error shown, and failed after the last attempt (a ValidationError
    is the last at once).
    """

    def attempt_failed(*, error: Exception, retry_at, document_id: int, **kwargs) -> None:
        if retry_at is None:
            changes = {"status": DocumentStatus.FAILED, "finished_at": timezone.now()}
        else:
            changes = {"status": DocumentStatus.QUEUED}
        model.objects.filter(pk=document_id).update(error=error_text(error), **changes)

    def decorate(make: Callable[..., bytes | File | None]) -> Task:
        @functools.wraps(make)
        def run(*, document_id: int, **kwargs) -> None:
            document = model.objects.select_related(*related).filter(pk=document_id).first()
            if document is None:
                return  # Deleted meanwhile, or with its conference.
            model.objects.filter(pk=document_id).update(
                status=DocumentStatus.RUNNING, progress_done=0
            )
            document.status = DocumentStatus.RUNNING
            content = make(document, **kwargs)
            try:
                document.done(content)
            finally:
                if isinstance(content, File):
                    content.close()

        return retrying_task(queue_name="documents", on_failure=attempt_failed)(run)

    return decorate


def _file_deleted_with_its_row(sender, instance: TaskDocument, **kwargs) -> None:
    file_delete_on_commit(storage=instance.file.storage, name=instance.file.name)


def task_document_files_follow_rows() -> None:
    """Connect, for every TaskDocument model, the deletion of the file with its row (admin,
    cascade, retention). Called once the models are loaded (delegations/apps.py)."""
    from django.apps import apps

    for model in apps.get_models():
        if issubclass(model, TaskDocument):
            post_delete.connect(_file_deleted_with_its_row, sender=model)
