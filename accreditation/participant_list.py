"""The official List of Participants in protocol order (Participant.objects.in_protocol_order):
the selector and its PDF, XLSX and CSV. English and English order unless an organiser asks for
another of the conference's languages: the country names, headings and order are then that
language's."""

import csv
import io
import itertools
from dataclasses import dataclass

from django.utils import timezone, translation
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from conference.models import Conference
from conference.pdf import pdf_render
from conference.spreadsheets import field_text, spreadsheet_safe
from delegations.models import (
    PROTOCOL_LANGUAGE,
    SECTION_HEADINGS,
    Delegation,
    DelegationStatus,
    Participant,
)
from delegations.participant_fields import OFFICIAL_RECORD_FIELDS


@dataclass(frozen=True)
class DelegationEntry:
    delegation: Delegation
    participants: list[Participant]


def participant_list_languages(conference: Conference) -> list[tuple[str, str]]:
    """The languages the list can be made in, as (code, name in that language): English,
    the official one, and the conference's."""
    codes = dict.fromkeys([PROTOCOL_LANGUAGE, *conference.languages])
    return [(code, translation.get_language_info(code)["name_local"]) for code in codes]


def participant_list(
    *, conference: Conference, public: bool = False, language: str = PROTOCOL_LANGUAGE
) -> list[DelegationEntry]:
    """Approved participants grouped by delegation, in protocol order; one query.

    With `public`, the public version: only those who consented to appear, in accredited
    delegations (as on the public list of delegations); the caller checks the conference is
    published. In another `language` the delegations are ordered by their names in it.
    """
    participants = (
        Participant.objects.approved()
        .filter(conference=conference)
        .select_related("delegation")
        .in_protocol_order(language=language)
    )
    if public:
        participants = participants.filter(
            consents_to_public_listing=True, delegation__status=DelegationStatus.ACCREDITED
        )
    return [
        DelegationEntry(delegation=delegation, participants=list(members))
        for delegation, members in itertools.groupby(participants, key=lambda p: p.delegation)
    ]


def participant_list_sections(
    entries: list[DelegationEntry],
) -> list[tuple[str, list[DelegationEntry]]]:
    """The entries under one heading per delegation kind (Member States, Observer States…)."""
    return [
        (SECTION_HEADINGS[kind], list(group))
        for kind, group in itertools.groupby(entries, key=lambda e: e.delegation.kind)
    ]


def participant_list_rows(entries: list[DelegationEntry]) -> list[list[str]]:
    """The header and one row per participant for CSV and XLSX, defused for spreadsheets."""
    header = [
        _("Delegation"),
        _("Kind"),
        _("Level of representation"),
        _("Name as printed"),
        *(
            capfirst(str(Participant._meta.get_field(name).verbose_name))
            for name in OFFICIAL_RECORD_FIELDS
        ),
    ]
    rows = [header]
    for entry in entries:
        for participant in entry.participants:
            rows.append(
                [
                    spreadsheet_safe(value)
                    for value in (
                        entry.delegation.name,
                        entry.delegation.get_kind_display(),
                        entry.delegation.get_representation_level_display(),
                        participant.full_name,
                        *(field_text(participant, name) for name in OFFICIAL_RECORD_FIELDS),
                    )
                ]
            )
    return rows


def participant_list_csv(*, conference: Conference, language: str = PROTOCOL_LANGUAGE) -> bytes:
    with translation.override(language):
        rows = participant_list_rows(participant_list(conference=conference, language=language))
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    # The byte-order mark makes spreadsheet programs read the file as UTF-8.
    return buffer.getvalue().encode("utf-8-sig")


def participant_list_xlsx(*, conference: Conference, language: str = PROTOCOL_LANGUAGE) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    with translation.override(language):
        sheet.title = _("List of Participants")[:31]
        rows = participant_list_rows(participant_list(conference=conference, language=language))
    for row in rows:
        sheet.append(row)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def participant_list_pdf(
    *, conference: Conference, public: bool = False, language: str = PROTOCOL_LANGUAGE
) -> bytes:
    with translation.override(language):
        entries = participant_list(conference=conference, public=public, language=language)
        return pdf_render(
            template="accreditation/participant_list_pdf.html",
            context={
                "conference": conference,
                "public": public,
                "sections": participant_list_sections(entries),
                "generated_at": timezone.now(),
            },
            stylesheet="accreditation/participant_list_pdf.css",
        )
