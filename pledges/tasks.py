"""The summary of pledges as a PDF, made off the request path."""

import datetime

from django.core.files.base import ContentFile
from django.utils import translation

from conference.task_retries import retrying_task
from pledges.documents import summary_pdf
from pledges.models import SummaryDocument, SummaryStatus
from pledges.selectors import pledges_summary


def _summary_attempt_failed(
    *, error: Exception, retry_at: datetime.datetime | None, document_id: int
) -> None:
    changes = {"status": SummaryStatus.FAILED} if retry_at is None else {}
    SummaryDocument.objects.filter(pk=document_id).update(error=str(error)[:2000], **changes)


@retrying_task(queue_name="documents", on_failure=_summary_attempt_failed)
def summary_make(*, document_id: int) -> None:
    """Write the summary's PDF in its language, then mark it done."""
    document = SummaryDocument.objects.select_related("conference").filter(pk=document_id).first()
    if document is None:
        return
    with translation.override(document.language):
        summary = pledges_summary(
            conference=document.conference, announced_only=False, region=document.region
        )
        content = summary_pdf(conference=document.conference, summary=summary)
    document.file.save(
        f"pledges-{document.conference.slug}-{document.language}.pdf",
        ContentFile(content),
        save=False,
    )
    document.status = SummaryStatus.DONE
    document.error = ""
    document.save(update_fields=["file", "status", "error"])
