"""Asking for a document (badge sheets, the List of Participants): the request records it and
queues its making (accreditation/tasks.py), then answers at once with the page that follows it.
"""

from collections.abc import Sequence

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import translation
from django.utils.translation import gettext as _

from accreditation.badges import badges_for_printing
from accreditation.models import Document, DocumentKind
from accreditation.tasks import document_make
from conference.models import Conference
from delegations.models import Participant

PARTICIPANT_LIST_FORMATS = {
    "pdf": DocumentKind.PARTICIPANT_LIST_PDF,
    "xlsx": DocumentKind.PARTICIPANT_LIST_XLSX,
    "csv": DocumentKind.PARTICIPANT_LIST_CSV,
}


@transaction.atomic
def document_request(
    *,
    conference: Conference,
    kind: str,
    language: str,
    by: AbstractBaseUser | None,
    participant_ids: Sequence[int] = (),
) -> Document:
    """Record a document to make in `language` and queue its making, in one transaction."""
    document = Document.objects.create(
        conference=conference,
        kind=kind,
        language=language,
        participant_ids=list(participant_ids),
        requested_by=by if by and by.is_authenticated else None,
    )
    document_make.enqueue(document_id=document.pk)
    return document


def participant_list_request(
    *, conference: Conference, format: str, language: str, by: AbstractBaseUser | None
) -> Document:
    """The List of Participants in `format` (pdf, xlsx or csv) and `language` (one of
    participant_list.participant_list_languages), its country names and order."""
    return document_request(
        conference=conference, kind=PARTICIPANT_LIST_FORMATS[format], language=language, by=by
    )


def badges_request(*, participants: QuerySet[Participant], by: AbstractBaseUser | None) -> Document:
    """A4 sheets of the badges of the approved among `participants`, all of one conference,
    in the active language (the organiser's).

    Refuses a selection spanning conferences or with nobody approved.
    """
    conferences = Conference.objects.filter(participants__in=participants).distinct()
    if len(conferences) != 1:
        raise ValidationError(
            _("Select participants of one conference at a time."), code="one_conference"
        )
    [conference] = conferences
    approved = badges_for_printing(conference=conference, participants=participants)
    return document_request(
        conference=conference,
        kind=DocumentKind.BADGES,
        language=translation.get_language(),
        by=by,
        participant_ids=[participant.pk for participant in approved],
    )
