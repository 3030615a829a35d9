"""Accreditation's work off the request path: the documents staff ask for (badge sheets, the
List of Participants), made by the worker while a page shows their progress.

The approval e-mail's badge is no task of its own: accreditation/signals.py renders it for the
e-mail task of delegations/tasks.py, in the worker too.
"""

import datetime
from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone, translation

from accreditation import participant_list
from accreditation.badges import badge_sheets_pdf, badges_for_printing, badges_mark_printed
from accreditation.models import Document, DocumentKind, DocumentStatus
from conference.task_retries import retrying_task
from delegations.models import Participant

PARTICIPANT_LISTS = {
    DocumentKind.PARTICIPANT_LIST_PDF: participant_list.participant_list_pdf,
    DocumentKind.PARTICIPANT_LIST_XLSX: participant_list.participant_list_xlsx,
    DocumentKind.PARTICIPANT_LIST_CSV: participant_list.participant_list_csv,
}


def error_text(error: Exception) -> str:
    """The error as staff read it on the document's page."""
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    return f"{type(error).__name__}: {error}"


def _document_attempt_failed(
    *, error: Exception, retry_at: datetime.datetime | None, document_id: int
) -> None:
    """After a failed attempt: queued again with the error shown, or failed for good."""
    if retry_at is None:
        changes = {"status": DocumentStatus.FAILED, "finished_at": timezone.now()}
    else:
        changes = {"status": DocumentStatus.QUEUED}
    Document.objects.filter(pk=document_id).update(error=error_text(error), **changes)


def _progress_recorder(document_id: int) -> Callable[[int, int], None]:
    def record(done: int, total: int) -> None:
        # Outside any transaction: the page that polls sees each step as it is made.
        Document.objects.filter(pk=document_id).update(progress_done=done, progress_total=total)

    return record


@retrying_task(queue_name="documents", on_failure=_document_attempt_failed)
def document_make(*, document_id: int) -> None:
    """Make the document's file in its language; it is done, with its file, or not at all.

    The file is written first, then in one transaction the document is marked done with it
    (and badges are marked printed); if that fails the file is deleted again.
    """
    document = Document.objects.select_related("conference").filter(pk=document_id).first()
    if document is None:
        return  # Deleted meanwhile, or with its conference.
    Document.objects.filter(pk=document.pk).update(
        status=DocumentStatus.RUNNING, progress_done=0, progress_total=0
    )
    conference = document.conference
    with translation.override(document.language):
        if document.kind == DocumentKind.BADGES:
            participants = badges_for_printing(
                conference=conference,
                participants=Participant.objects.filter(pk__in=document.participant_ids),
            )
            content = badge_sheets_pdf(
                conference=conference,
                participants=participants,
                progress=_progress_recorder(document.pk),
            )
        else:
            content = PARTICIPANT_LISTS[document.kind](
                conference=conference, language=document.language
            )
    document.file.save(f"{document.kind}.{document.extension}", ContentFile(content), save=False)
    try:
        with transaction.atomic():
            if document.kind == DocumentKind.BADGES:
                badges_mark_printed(participants=participants)
            document.status = DocumentStatus.DONE
            document.error = ""
            document.finished_at = timezone.now()
            document.save(update_fields=["file", "status", "error", "finished_at"])
    except BaseException:
        document.file.delete(save=False)
        raise
