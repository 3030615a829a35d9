"""The official List of Participants in protocol order (Participant.objects.in_protocol_order):
the selector and its PDF, XLSX and CSV."""

import csv
import io
import itertools
from dataclasses import dataclass

from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from accreditation.pdf import pdf_render
from conference.models import Conference
from conference.spreadsheets import field_text, spreadsheet_safe
from delegations.models import (
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


def participant_list(*, conference: Conference, public: bool = False) -> list[DelegationEntry]:
    """Approved participants grouped by delegation, in protocol order; one query.

    With `public`, the public version: only those who consented to appear, in accredited
    delegations (as on the public list of delegations); the caller checks the conference is
    published.
    """
    participants = (
        Participant.objects.approved()
        .filter(conference=conference)
        .select_related("delegation")
        .in_protocol_order()
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
                        *(field_text(participant, name) for name in OFFICIAL_RECORD_FIELDS),
                    )
                ]
            )
    return rows


def participant_list_csv(*, conference: Conference) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer).writerows(participant_list_rows(participant_list(conference=conference)))
    # The byte-order mark makes spreadsheet programs read the file as UTF-8.
    return buffer.getvalue().encode("utf-8-sig")


def participant_list_xlsx(*, conference: Conference) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("List of Participants")[:31]
    for row in participant_list_rows(participant_list(conference=conference)):
        sheet.append(row)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def participant_list_pdf(*, conference: Conference, public: bool = False) -> bytes:
    entries = participant_list(conference=conference, public=public)
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
