"""The summary of pledges as files: XLSX (made in the request: a few rows of totals) and PDF
(made by a task, pledges/tasks.py: WeasyPrint takes seconds)."""

import io

from django.utils.translation import gettext as _

from conference.models import Conference
from conference.pdf import pdf_render
from conference.spreadsheets import spreadsheet_safe
from delegations.regional_groups import RegionalGroup
from pledges.selectors import Summary


def summary_xlsx(*, conference: Conference, summary: Summary) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Totals")[:31]
    sheet.append([spreadsheet_safe(conference.translated_name)])
    sheet["A1"].font = Font(bold=True)
    if summary.region:
        sheet.append([spreadsheet_safe(RegionalGroup(summary.region).label)])
    sheet.append([])
    header = [
        _("Capability"),
        _("Unit"),
        _("Total"),
        _("Pledges"),
        _("Member States"),
        *(group.label for group in RegionalGroup),
    ]
    sheet.append([str(cell) for cell in header])
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
    for total in summary.totals:
        sheet.append(
            [
                spreadsheet_safe(total.capability.translated_name),
                str(total.unit_label),
                total.quantity,
                total.pledges,
                total.state_count,
                *(quantity for _label, quantity in total.region_totals()),
            ]
        )
    sheet.column_dimensions["A"].width = 36
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def summary_pdf(*, conference: Conference, summary: Summary) -> bytes:
    return pdf_render(
        template="pledges/summary_pdf.html",
        context={
            "conference": conference,
            "summary": summary,
            "groups": [group.label for group in RegionalGroup],
            "region": RegionalGroup(summary.region).label if summary.region else "",
        },
        stylesheet="pledges/summary_pdf.css",
    )
