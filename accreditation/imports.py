"""Import delegations and participants from CSV or XLSX.

Every row is tried inside a savepoint within one transaction that is rolled back for the
preview, so the preview reports exactly the errors the real import would meet (including
database constraints between rows), and the real import saves all rows or none.
"""

import csv
import io
import zipfile
from dataclasses import dataclass, field

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, transaction
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_countries import countries
from openpyxl import load_workbook

from conference.models import Conference
from delegations.models import STATE_KINDS, Category, Delegation, DelegationKind, Participant, Role
from delegations.names import NameOrder
from delegations.participant_fields import PARTICIPANT_DETAILS
from delegations.services import delegation_check_quota, delegation_lock

COLUMNS = ["delegation_kind", "country", "organisation", *PARTICIPANT_DETAILS]
PARTICIPANT_COLUMNS = ["given_name", "family_name", "own_script_name", "email"]
# Model field names that differ from the column that feeds them.
FIELD_COLUMNS = {"kind": "delegation_kind", "organisation_name": "organisation"}
TRUE_WORDS = {"1", "yes", "y", "true", "x", "oui"}
MAX_ROWS = 2000


def choice_value(choices: type, text: str) -> str:
    """Accept a choice's code or its English label, in any case ("Head of Delegation")."""
    wanted = text.strip().casefold()
    for value, label in choices.choices:
        if wanted in (value.casefold(), str(label).casefold()):
            return value
    return text.strip()


def country_code(text: str) -> str:
    text = text.strip()
    return countries.alpha2(text) or countries.by_name(text) or text


class ImportFileForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("CSV or XLSX file"),
        help_text=format_lazy(
            gettext_lazy("First row: column names. Columns: {columns}."),
            columns=", ".join(COLUMNS),
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith((".csv", ".xlsx")):
            raise ValidationError(_("Upload a .csv or .xlsx file."), code="file_type")
        try:
            self.cleaned_data["rows"] = import_rows_read(name=upload.name, content=upload.read())
        except (UnicodeDecodeError, csv.Error, zipfile.BadZipFile, KeyError, ValueError) as error:
            raise ValidationError(
                _("This file cannot be read: %(error)s") % {"error": error}, code="unreadable"
            ) from error
        return upload


def import_rows_read(*, name: str, content: bytes) -> list[dict[str, str]]:
    """The file's rows as dicts of text keyed by column name; refuses unknown columns."""
    if name.lower().endswith(".xlsx"):
        sheet = load_workbook(io.BytesIO(content), read_only=True, data_only=True).active
        table = [
            ["" if cell is None else str(cell).strip() for cell in row]
            for row in sheet.iter_rows(values_only=True)
        ]
    else:
        table = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    if not table:
        raise ValidationError(_("The file is empty."), code="empty")
    header = [column.strip().lower() for column in table[0]]
    unknown = sorted(set(header) - set(COLUMNS) - {""})
    if unknown:
        raise ValidationError(
            _("Unknown columns: %(columns)s.") % {"columns": ", ".join(unknown)}, code="columns"
        )
    rows = [
        {column: value.strip() for column, value in zip(header, row, strict=False) if column}
        for row in table[1:]
        if any(value.strip() for value in row)
    ]
    if len(rows) > MAX_ROWS:
        raise ValidationError(
            _("Import at most %(max)d rows at a time.") % {"max": MAX_ROWS}, code="too_many"
        )
    return rows


@dataclass
class ImportRow:
    number: int
    values: dict[str, str]
    errors: dict[str, list[str]] = field(default_factory=dict)
    created_delegation: bool = False
    created_participant: bool = False

    @property
    def cells(self) -> list[str]:
        return [self.values.get(column, "") for column in COLUMNS]


@dataclass
class ImportReport:
    rows: list[ImportRow]
    saved: bool

    @property
    def has_errors(self) -> bool:
        return any(row.errors for row in self.rows)

    @property
    def delegations(self) -> int:
        return sum(row.created_delegation for row in self.rows)

    @property
    def participants(self) -> int:
        return sum(row.created_participant for row in self.rows)


def row_delegation(conference: Conference, values: dict[str, str]) -> tuple[Delegation, bool]:
    kind = choice_value(DelegationKind, values.get("delegation_kind", ""))
    country = country_code(values.get("country", "")) if kind in STATE_KINDS else ""
    organisation = "" if kind in STATE_KINDS else values.get("organisation", "")
    existing = Delegation.objects.filter(conference=conference)
    existing = (
        existing.filter(country=country)
        if country
        else existing.filter(organisation_name=organisation)
    )
    delegation = existing.first() if (country or organisation) else None
    if delegation:
        return delegation, False
    delegation = Delegation(
        conference=conference, kind=kind, country=country, organisation_name=organisation
    )
    delegation.full_clean()
    delegation.save()
    return delegation, True


def row_participant(conference: Conference, delegation: Delegation, values: dict[str, str]):
    participant = Participant(
        conference=conference,
        delegation=delegation,
        **{field: values.get(field, "") for field in PARTICIPANT_DETAILS},
    )
    # The columns that are not plain text.
    participant.name_order = choice_value(
        NameOrder, values.get("name_order") or NameOrder.GIVEN_FIRST
    )
    participant.role = choice_value(Role, values.get("role") or Role.REPRESENTATIVE)
    participant.category = choice_value(Category, values.get("category") or Category.DELEGATE)
    participant.nationality = country_code(values.get("nationality", ""))
    participant.consents_to_public_listing = (
        values.get("consents_to_public_listing", "").casefold() in TRUE_WORDS
    )
    participant.full_clean(exclude=["photo"])
    participant.save()
    return participant


def row_import(conference: Conference, row: ImportRow) -> None:
    """Save one row's delegation (unless it exists) and participant (if the row names one)."""
    delegation, row.created_delegation = row_delegation(conference, row.values)
    if any(row.values.get(column) for column in PARTICIPANT_COLUMNS):
        # As in the portal: the quota is checked under the delegation's lock, which holds
        # until the whole import commits.
        try:
            delegation_check_quota(delegation=delegation_lock(delegation_id=delegation.pk))
        except ValidationError as error:
            raise ValidationError({NON_FIELD_ERRORS: error.messages}) from None
        row_participant(conference, delegation, row.values)
        row.created_participant = True


def import_run(*, conference: Conference, rows: list[dict[str, str]], save: bool) -> ImportReport:
    """Try every row; keep the result only if `save` and no row failed."""
    report = ImportReport(
        rows=[ImportRow(number=n, values=values) for n, values in enumerate(rows, start=2)],
        saved=False,
    )
    with transaction.atomic():
        for row in report.rows:
            try:
                with transaction.atomic():
                    row_import(conference, row)
            except ValidationError as error:
                row.errors = {
                    FIELD_COLUMNS.get(name, name): messages
                    for name, messages in error.message_dict.items()
                }
            except IntegrityError:
                row.errors = {"__all__": [_("This row conflicts with another one.")]}
        report.saved = save and not report.has_errors
        if not report.saved:
            transaction.set_rollback(True)
    return report
