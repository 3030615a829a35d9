"""The daily attendance report: who came in, zone by zone, by delegation and by category.

Counts people, never rows: an entry is one participant at one zone on one day, so a zone's
figure is how many people entered it that day, and a row's total how many entered at all.
"""

import datetime
import io
from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from accreditation.models import Entry, PreRegistrationDay, Zone
from conference.models import Conference
from conference.spreadsheets import spreadsheet_safe
from delegations.models import Category, Delegation


@dataclass(frozen=True)
class AttendanceRow:
    label: str
    # People who entered each zone, in the report's order of zones.
    counts: list[int]
    # People who entered any zone.
    total: int


@dataclass(frozen=True)
class AttendanceReport:
    conference: Conference
    day: datetime.date
    zones: list[Zone]
    by_zone: AttendanceRow
    by_delegation: list[AttendanceRow]
    by_category: list[AttendanceRow]


def attendance_days(*, conference: Conference) -> list[datetime.date]:
    """The days the report offers: the meeting's, the open pre-registration days and any
    other day someone entered (an entry made before a day was closed again)."""
    days = set(conference.days)
    days.update(
        PreRegistrationDay.objects.filter(conference=conference).values_list("day", flat=True)
    )
    days.update(
        Entry.objects.filter(zone__conference=conference).values_list("day", flat=True).distinct()
    )
    return sorted(days)


def _rows(
    keys: list[tuple[object, str]],
    per_zone: dict[tuple[object, int], int],
    totals: dict[object, int],
    zones: list[Zone],
) -> list[AttendanceRow]:
    return [
        AttendanceRow(
            label=label,
            counts=[per_zone.get((key, zone.pk), 0) for zone in zones],
            total=totals.get(key, 0),
        )
        for key, label in keys
    ]


def attendance_report(*, conference: Conference, day: datetime.date) -> AttendanceReport:
    """The report of `day` (local date): six queries whatever the number of entries."""
    zones = list(conference.zones.all())
    entries = Entry.objects.filter(zone__conference=conference, day=day)
    people = Count("participant", distinct=True)

    by_zone = dict(entries.values_list("zone").annotate(n=people).order_by())
    everyone = entries.aggregate(n=people)["n"]

    per_delegation_zone = {
        (delegation, zone): n
        for delegation, zone, n in entries.values_list("participant__delegation", "zone")
        .annotate(n=people)
        .order_by()
    }
    per_delegation = dict(
        entries.values_list("participant__delegation").annotate(n=people).order_by()
    )
    delegations = (
        Delegation.objects.filter(conference=conference)
        .filter(Exists(entries.filter(participant__delegation=OuterRef("pk"))))
        .in_protocol_order()
    )

    per_category_zone = {
        (category, zone): n
        for category, zone, n in entries.values_list("participant__category", "zone")
        .annotate(n=people)
        .order_by()
    }
    per_category = dict(entries.values_list("participant__category").annotate(n=people).order_by())

    return AttendanceReport(
        conference=conference,
        day=day,
        zones=zones,
        by_zone=AttendanceRow(
            label=_("All participants"),
            counts=[by_zone.get(zone.pk, 0) for zone in zones],
            total=everyone,
        ),
        by_delegation=_rows(
            [(delegation.pk, delegation.name) for delegation in delegations],
            per_delegation_zone,
            per_delegation,
            zones,
        ),
        by_category=_rows(
            [
                (category.value, str(category.label))
                for category in Category
                if category in per_category
            ],
            per_category_zone,
            per_category,
            zones,
        ),
    )


def attendance_xlsx(report: AttendanceReport) -> bytes:
    """The report as a workbook: one sheet by delegation, one by category, zones as columns."""
    workbook = Workbook()
    header = [
        _("Day"),
        *[f"{zone.code} {zone.translated_name}" for zone in report.zones],
        _("Any zone"),
    ]
    day = report.day.isoformat()
    sheets = [
        (_("By delegation"), _("Delegation"), report.by_delegation),
        (_("By category"), _("Category"), report.by_category),
    ]
    for index, (title, first_column, rows) in enumerate(sheets):
        sheet = workbook.active if index == 0 else workbook.create_sheet()
        sheet.title = title[:31]
        sheet.append([first_column, *header])
        for row in [*rows, report.by_zone]:
            sheet.append([spreadsheet_safe(row.label), day, *row.counts, row.total])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for cell in sheet[sheet.max_row]:
            cell.font = Font(bold=True)
        sheet.freeze_panes = "B2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
