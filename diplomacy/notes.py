"""A note verbale as a PDF: letterhead, reference and date, the third-person text in the
delegation's language, the portal link and its QR code (shared/reference/protocol.md)."""

import datetime

import segno
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from conference import date_formats
from conference.pdf import pdf_render
from delegations.models import STATE_KINDS, Delegation
from diplomacy.models import NoteVerbale, ProtocolSettings


def note_recipient(delegation: Delegation) -> str:
    """Whom the note is addressed to, in the active language: a State's Permanent Mission, or
    the organisation itself."""
    if delegation.kind in STATE_KINDS:
        return _("the Permanent Mission of %(country)s to the United Nations") % {
            "country": delegation.name
        }
    return delegation.name


def qr_data_uri(url: str) -> str:
    return segno.make(url, error="m").svg_data_uri(scale=3, border=2)


def note_context(
    *,
    note: NoteVerbale,
    settings: ProtocolSettings,
    url: str,
    today: datetime.date | None = None,
) -> dict:
    """What the note's template shows, in the active language (the note's)."""
    delegation = note.delegation
    conference = delegation.conference
    languages = [
        str(translation.get_language_info(code)["name_translated"]) for code in conference.languages
    ]
    return {
        "note": note,
        "settings": settings,
        "delegation": delegation,
        "conference": conference,
        "recipient": note_recipient(delegation),
        "letterhead": settings.letterhead_lines(),
        "sender": settings.translated_sender,
        "place": settings.translated_place,
        "date": date_format(
            settings.note_date or today or timezone.localdate(), date_formats.ONLY_DAY
        ),
        "reply_by": (
            date_format(settings.reply_by, date_formats.ONLY_DAY) if settings.reply_by else ""
        ),
        "languages": ", ".join(languages),
        "url": url,
        "qr": qr_data_uri(url),
    }


def note_pdf(*, note: NoteVerbale, settings: ProtocolSettings, url: str) -> bytes:
    """The note in its language, as a PDF."""
    with translation.override(note.language):
        return pdf_render(
            template="diplomacy/note_verbale_pdf.html",
            context=note_context(note=note, settings=settings, url=url),
            stylesheet="diplomacy/note_verbale.css",
        )
