"""The floor's work off the request path: its PDFs."""

from delegations.task_documents import document_task
from floor.documents import document_content
from floor.models import FloorDocument


@document_task(
    FloorDocument,
    related=("conference", "speakers_list__session__conference", "seating_plan__conference"),
)
def floor_document_make(document: FloorDocument) -> bytes:
    """Make the document's PDF."""
    return document_content(document)
