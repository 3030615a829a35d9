"""The credentials report for the bureau, as the UN's credentials committees read it: the
delegations grouped by what was received (originals, copies, none), in protocol order, with
the level of representation and the Head of Delegation."""

import io
from dataclasses import dataclass

from django.db.models import Prefetch
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook
from openpyxl.styles import Font

from conference.models import Conference
from conference.pdf import pdf_render
from conference.spreadsheets import spreadsheet_safe
from delegations.models import (
    ACTIVE_STATES,
    PROTOCOL_LANGUAGE,
    Delegation,
    DelegationStatus,
    Participant,
    Role,
)
from diplomacy.models import CredentialsStatus

# The report's groups, in the order a credentials report gives them.
GROUPS = [
    (CredentialsStatus.ORIGINAL, gettext_lazy("Formal credentials: originals seen")),
    (CredentialsStatus.COPY, gettext_lazy("Copies of credentials received")),
    (CredentialsStatus.NONE, gettext_lazy("No credentials received")),
]


@dataclass(frozen=True)
class CredentialsLine:
    delegation: Delegation
    status: str
    issued_by: str
    head: str

    @property
    def level(self) -> str:
        return self.delegation.get_representation_level_display()


def credentials_lines(*, conference: Conference) -> list[CredentialsLine]:
    """Every delegation that has not declined, in protocol order, with its credentials' status;
    two queries."""
    heads = Participant.objects.filter(role=Role.HEAD, state__in=ACTIVE_STATES)
    delegations = (
        Delegation.objects.filter(conference=conference)
        .exclude(status=DelegationStatus.DECLINED)
        .select_related("credentials")
        .prefetch_related(Prefetch("participants", queryset=heads, to_attr="heads"))
        .in_protocol_order()
    )
    lines = []
    for delegation in delegations:
        credentials = getattr(delegation, "credentials", None)
        lines.append(
            CredentialsLine(
                delegation=delegation,
                status=credentials.status if credentials else CredentialsStatus.NONE,
                issued_by=credentials.get_issued_by_display() if credentials else "",
                head=delegation.heads[0].name_with_honorific if delegation.heads else "",
            )
        )
    return lines


def credentials_groups(lines: list[CredentialsLine]) -> list[tuple[str, list[CredentialsLine]]]:
    return [
        (str(heading), [line for line in lines if line.status == status])
        for status, heading in GROUPS
    ]


def credentials_xlsx(*, conference: Conference, language: str = PROTOCOL_LANGUAGE) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    with translation.override(language):
        sheet.title = _("Credentials")[:31]
        sheet.append(
            [
                _("Delegation"),
                _("Kind"),
                _("Level of representation"),
                _("Head of Delegation"),
                _("Credentials"),
                _("Issued by"),
            ]
        )
        for line in credentials_lines(conference=conference):
            sheet.append(
                [
                    spreadsheet_safe(value)
                    for value in (
                        line.delegation.name,
                        line.delegation.get_kind_display(),
                        line.level,
                        line.head,
                        CredentialsStatus(line.status).label,
                        line.issued_by,
                    )
                ]
            )
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def credentials_pdf(*, conference: Conference, language: str = PROTOCOL_LANGUAGE) -> bytes:
    with translation.override(language):
        lines = credentials_lines(conference=conference)
        return pdf_render(
            template="diplomacy/credentials_report_pdf.html",
            context={
                "conference": conference,
                "groups": credentials_groups(lines),
                "total": len(lines),
                "generated_at": timezone.now(),
            },
            stylesheet="diplomacy/note_verbale.css",
        )
