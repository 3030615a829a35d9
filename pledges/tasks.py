"""The summary of pledges as a PDF, made off the request path."""

from django.utils import translation

from delegations.task_documents import document_task
from pledges.documents import summary_pdf
from pledges.models import SummaryDocument
from pledges.selectors import pledges_summary


@document_task(SummaryDocument)
def summary_make(document: SummaryDocument) -> bytes:
    """Write the summary's PDF in its language."""
    with translation.override(document.language):
        summary = pledges_summary(
            conference=document.conference, announced_only=False, region=document.region
        )
        return summary_pdf(conference=document.conference, summary=summary)
