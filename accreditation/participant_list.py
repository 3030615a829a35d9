"""The official List of Participants in protocol order: the selector and its PDF, XLSX and CSV.

Protocol order: delegations by kind (DelegationKind's declared order), then by English short
name with accents ignored; within a delegation by role (Role's declared order), then by the
Latin family and given names. An organiser may ask for another of the conference's languages:
the country names, headings and order are then that language's.
"""

import csv
import io
import itertools
import unicodedata
from dataclasses import dataclass

from django.utils import timezone, translation
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from accreditation.pdf import pdf_render
from conference.models import Conference
from conference.spreadsheets import spreadsheet_safe
from delegations.models import (
    PROTOCOL_LANGUAGE,
    SECTION_HEADINGS,
    Delegation,
    DelegationKind,
    DelegationStatus,
    Participant,
    Role,
)

KIND_RANK = {kind: rank for rank, kind in enumerate(DelegationKind.values)}
ROLE_RANK = {role: rank for rank, role in enumerate(Role.values)}


@dataclass(frozen=True)
class DelegationEntry:
    delegation: Delegation
    participants: list[Participant]


def protocol_text_key(text: str) -> str:
    """Alphabetical key that ignores case and accents: “Côte d'Ivoire” files under C-o-t."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def delegation_protocol_key(delegation: Delegation) -> tuple:
    return (
        KIND_RANK[delegation.kind],
        protocol_text_key(delegation.protocol_sort_key or delegation.name),
        delegation.pk,
    )


def participant_protocol_key(participant: Participant) -> tuple:
    return (
        ROLE_RANK[participant.role],
        protocol_text_key(participant.family_name),
        protocol_text_key(participant.given_name),
        participant.pk,
    )


def participant_list_languages(conference: Conference) -> list[tuple[str, str]]:
    """The languages the list can be made in, as (code, name in that language): English,
    the official one, and the conference's."""
    codes = dict.fromkeys([PROTOCOL_LANGUAGE, *conference.languages])
    return [(code, translation.get_language_info(code)["name_local"]) for code in codes]


def participant_list(
    *, conference: Conference, public: bool = False, language: str = PROTOCOL_LANGUAGE
) -> list[DelegationEntry]:
    """Approved participants grouped by delegation, in protocol order; two queries.

    With `public`, the public version: only those who consented to appear, in accredited
    delegations (as on the public list of delegations); the caller checks the conference is
    published. Delegations are ordered as `Delegation.objects.in_protocol_order(language=)`
    orders them.
    """
    participants = (
        Participant.objects.approved().filter(conference=conference).select_related("delegation")
    )
    if public:
        participants = participants.filter(
            consents_to_public_listing=True, delegation__status=DelegationStatus.ACCREDITED
        )
    delegations = Delegation.objects.filter(conference=conference).in_protocol_order(
        language=language
    )
    rank = {pk: rank for rank, pk in enumerate(delegations.values_list("pk", flat=True))}
    ordered = sorted(
        participants, key=lambda p: (rank[p.delegation_id], participant_protocol_key(p))
    )
    return [
        DelegationEntry(delegation=delegation, participants=list(members))
        for delegation, members in itertools.groupby(ordered, key=lambda p: p.delegation)
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
        _("Honorific"),
        _("Name as printed"),
        _("Given name"),
        _("Family name"),
        _("Name in own script"),
        _("Functional title"),
        _("Role in delegation"),
        _("Category"),
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
                        participant.honorific,
                        participant.full_name,
                        participant.given_name,
                        participant.family_name,
                        participant.own_script_name,
                        participant.functional_title,
                        participant.get_role_display(),
                        participant.get_category_display(),
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
