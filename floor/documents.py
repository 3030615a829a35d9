"""The floor's PDFs, made by the worker: the list of speakers, the statements in the order
delivered (for the report of the meeting), and place cards. Rendered with WeasyPrint, which
shapes Arabic (HarfBuzz) and lays it out right to left; fonts as for the badges (DejaVu Sans,
WenQuanYi Micro Hei).
"""

import logging

from django.contrib.auth.models import AbstractBaseUser
from django.contrib.staticfiles import finders
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from conference.models import Conference
from floor.models import (
    FloorDocument,
    FloorDocumentKind,
    InscriptionStatus,
    SeatingPlan,
    SpeakersList,
)
from floor.speakers import speakers_in_order

logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)

PLACE_CARD_NAME_LENGTH = 18  # names longer than this get a smaller size to fit the card


def pdf_render(*, template: str, context: dict, stylesheet: str) -> bytes:
    from weasyprint import CSS, HTML  # slow to import: only the worker needs it

    html = render_to_string(template, context)
    return HTML(string=html).write_pdf(stylesheets=[CSS(filename=finders.find(stylesheet))])


def speakers_list_pdf(*, speakers_list: SpeakersList, language: str, delivered: bool) -> bytes:
    """The list in its order, or (`delivered`) the statements in the order they were made."""
    inscriptions = speakers_in_order(speakers_list)
    if delivered:
        inscriptions = sorted(
            (i for i in inscriptions if i.status == InscriptionStatus.DELIVERED),
            key=lambda inscription: inscription.delivered_order,
        )
    session = speakers_list.session
    with translation.override(language), timezone.override(session.conference.tzinfo):
        return pdf_render(
            template="floor/speakers_pdf.html",
            context={
                "conference": session.conference,
                "session": session,
                "speakers_list": speakers_list,
                "inscriptions": inscriptions,
                "delivered": delivered,
                "printed_at": timezone.now(),
                "language": language,
                "bidi": translation.get_language_bidi(),
            },
            stylesheet="floor/floor_pdf.css",
        )


def place_card_name(name: str) -> str:
    """A card's name as protocol writes it: in capitals where the script has them."""
    return name.upper()


def place_cards_pdf(*, plan: SeatingPlan, language: str) -> bytes:
    """One tent card per reserved seat (the head table's first) and per seated delegation, in
    seating order, A4 landscape, folded along the middle: the name on both faces, the upper
    one upside down so that it reads right once folded."""
    reserved = plan.reserved_seats.select_related("delegation")
    seats = plan.seats.select_related("delegation").order_by("order")
    with translation.override(language):
        names = [place.label() for place in reserved] + [seat.delegation.name for seat in seats]
        cards = [
            {"name": place_card_name(name), "long": len(name) > PLACE_CARD_NAME_LENGTH}
            for name in names
        ]
        return pdf_render(
            template="floor/place_cards_pdf.html",
            context={"cards": cards, "language": language, "bidi": translation.get_language_bidi()},
            stylesheet="floor/place_cards_pdf.css",
        )


def document_request(
    *,
    conference: Conference,
    kind: str,
    language: str,
    by: AbstractBaseUser,
    speakers_list: SpeakersList | None = None,
    seating_plan: SeatingPlan | None = None,
) -> FloorDocument:
    """Record the request and queue the task once the request's transaction commits."""
    from floor.tasks import floor_document_make

    document = FloorDocument.objects.create(
        conference=conference,
        kind=kind,
        language=language,
        speakers_list=speakers_list,
        seating_plan=seating_plan,
        requested_by=by,
    )
    transaction.on_commit(lambda: floor_document_make.enqueue(document_id=document.pk))
    return document


def document_content(document: FloorDocument) -> bytes:
    if document.kind == FloorDocumentKind.PLACE_CARDS:
        return place_cards_pdf(plan=document.seating_plan, language=document.language)
    return speakers_list_pdf(
        speakers_list=document.speakers_list,
        language=document.language,
        delivered=document.kind == FloorDocumentKind.DELIVERED,
    )
