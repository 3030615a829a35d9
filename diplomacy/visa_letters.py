"""A visa support letter as a PDF: a note verbale from the host's ministry to its mission where
the person applies, with its reference number; one page in the host's (the conference's main)
language and, when the requester reads another, one in theirs."""

from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from conference import date_formats
from conference.pdf import pdf_join, pdf_layout
from delegations.models import DelegationKind
from diplomacy.models import MissionKind, ProtocolSettings, VisaLetterRequest


def mission_recipient(visa_request: VisaLetterRequest) -> str:
    """The mission the letter is addressed to, in the active language."""
    sentences = {
        MissionKind.EMBASSY: _("the Embassy in %(city)s, %(country)s"),
        MissionKind.HIGH_COMMISSION: _("the High Commission in %(city)s, %(country)s"),
        MissionKind.CONSULATE_GENERAL: _("the Consulate General in %(city)s, %(country)s"),
        MissionKind.CONSULATE: _("the Consulate in %(city)s, %(country)s"),
    }
    return sentences[visa_request.mission_kind] % {
        "city": visa_request.mission_city,
        "country": visa_request.mission_country.name,
    }


def visa_letter_languages(visa_request: VisaLetterRequest) -> list[str]:
    """The host's language first, then the requester's if it is another."""
    main = visa_request.conference.main_language
    return [main] if visa_request.language == main else [main, visa_request.language]


def visa_letter_context(*, visa_request: VisaLetterRequest, settings: ProtocolSettings) -> dict:
    """What the letter's template shows, in the active language."""
    participant = visa_request.participant
    conference = visa_request.conference

    def day(value):
        return date_format(value, date_formats.ONLY_DAY)

    return {
        "visa_request": visa_request,
        "conference": conference,
        "settings": settings,
        "letterhead": settings.letterhead_lines(),
        "sender": settings.translated_sender,
        "place": settings.translated_place,
        "date": day(timezone.localdate(timezone=conference.tzinfo)),
        "recipient": mission_recipient(visa_request),
        "name": participant.full_name,
        "delegation": participant.delegation.name,
        "individual": participant.delegation.kind == DelegationKind.EXPERTS,
        "nationality": visa_request.nationality.name,
        "born": day(visa_request.date_of_birth),
        "issued": day(visa_request.passport_issued_on),
        "expires": day(visa_request.passport_expires_on),
        "arrival": day(visa_request.arrival_on),
        "departure": day(visa_request.departure_on),
    }


def visa_letter_pdf(*, visa_request: VisaLetterRequest, settings: ProtocolSettings) -> bytes:
    """The letter, a page per language (visa_letter_languages), as one PDF."""
    documents = []
    for language in visa_letter_languages(visa_request):
        with translation.override(language):
            documents.append(
                pdf_layout(
                    template="diplomacy/visa_letter_pdf.html",
                    context=visa_letter_context(visa_request=visa_request, settings=settings),
                    stylesheet="diplomacy/note_verbale.css",
                )
            )
    return pdf_join(documents)
