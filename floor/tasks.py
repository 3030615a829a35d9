"""The floor's work off the request path: its PDFs."""

import datetime

from django.core.files.base import ContentFile

from conference.task_retries import retrying_task
from floor.documents import document_content
from floor.models import FloorDocument, FloorDocumentStatus


def _attempt_failed(*, error: Exception, retry_at: datetime.datetime | None, document_id: int):
    if retry_at is None:
        FloorDocument.objects.filter(pk=document_id).update(
            status=FloorDocumentStatus.FAILED, error=f"{type(error).__name__}: {error}"
        )


@retrying_task(queue_name="documents", on_failure=_attempt_failed)
def floor_document_make(*, document_id: int) -> None:
    """Make the document's PDF; it is done with its file, or not at all."""
    document = (
        FloorDocument.objects.select_related(
            "conference", "speakers_list__session__conference", "seating_plan__conference"
        )
        .filter(pk=document_id)
        .first()
    )
    if document is None:
        return
    content = document_content(document)
    document.file.save(document.download_name(), ContentFile(content), save=False)
    document.status = FloorDocumentStatus.DONE
    try:
        document.save(update_fields=["file", "status"])
    except BaseException:
        document.file.delete(save=False)
        raise
