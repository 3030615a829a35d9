"""Accreditation's work off the request path: the documents staff ask for (badge sheets, the
List of Participants), made by the worker while a page shows their progress.

The approval e-mail's badge is no task of its own: accreditation/signals.py renders it for the
e-mail task of delegations/tasks.py, in the worker too.
"""

from django.utils import translation

from accreditation import participant_list
from accreditation.badges import badge_sheets_pdf, badges_for_printing, badges_mark_printed
from accreditation.models import Document, DocumentKind
from delegations.models import Participant
from delegations.task_documents import document_task

PARTICIPANT_LISTS = {
    DocumentKind.PARTICIPANT_LIST_PDF: participant_list.participant_list_pdf,
    DocumentKind.PARTICIPANT_LIST_XLSX: participant_list.participant_list_xlsx,
    DocumentKind.PARTICIPANT_LIST_CSV: participant_list.participant_list_csv,
}


@document_task(Document)
def document_make(document: Document) -> bytes:
    """Make the document's file in its language; badges are marked printed once it is done."""
    conference = document.conference
    with translation.override(document.language):
        if document.kind != DocumentKind.BADGES:
            return PARTICIPANT_LISTS[document.kind](
                conference=conference, language=document.language
            )
        participants = badges_for_printing(
            conference=conference,
            participants=Participant.objects.filter(pk__in=document.participant_ids),
        )
        document.when_done(lambda: badges_mark_printed(participants=participants))
        return badge_sheets_pdf(
            conference=conference, participants=participants, progress=document.progress_record
        )
