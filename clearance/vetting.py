"""The vetting authority's list (XLSX) of the people submitted, and the import of its answers.

The export has one row per person, keyed by the reference Plenary reads back; the authority
fills in the last two columns, "decision" (cleared or refused) and "reason". The import
checks every row first and reports every error at once, with its row number; only a file
without errors is applied, in one transaction: all its decisions or none.
"""

import io
import zipfile
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_countries import countries
from openpyxl import Workbook, load_workbook

from clearance.models import AccessKind, ClearanceState, SecurityRecord
from clearance.selectors import records_of, records_to_vet
from clearance.services import access_record, clearance_decide
from conference.models import Conference

REFERENCE_PREFIX = "SEC-"
# The headings are the file's contract with the authority: in English, whatever the page's
# language; the import reads "reference", "decision" and "reason" back.
EXPORT_COLUMNS = [
    "reference",
    "family name",
    "given name",
    "delegation",
    "category",
    "date of birth",
    "place of birth",
    "nationality",
    "passport or ID number",
    "issuing country",
    "expiry date",
    "armed",
    "protected status",
    "decision",
    "reason",
]
DECISIONS = {
    "cleared": ClearanceState.CLEARED,
    "clear": ClearanceState.CLEARED,
    "refused": ClearanceState.REFUSED,
    "refuse": ClearanceState.REFUSED,
}
IMPORT_MAX_BYTES = 5 * 1024 * 1024
IMPORT_MAX_ROWS = 5000


def reference(record: SecurityRecord) -> str:
    return f"{REFERENCE_PREFIX}{record.pk:06d}"


def _yes_no(value: bool) -> str:
    return "yes" if value else "no"


def vetting_export_xlsx(*, conference: Conference, by: AbstractBaseUser) -> tuple[bytes, int]:
    """The submitted people's data for the vetting authority, and how many rows; each
    person's export is logged as an access to their data."""
    records = list(records_to_vet(conference))
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "vetting"
    sheet.append(EXPORT_COLUMNS)
    for record in records:
        participant = record.participant
        sheet.append(
            [
                reference(record),
                participant.family_name,
                participant.given_name,
                participant.delegation.name,
                participant.get_category_display(),
                record.birth_date,
                record.birth_place,
                countries.name(record.nationality) or record.nationality,
                record.document_number,
                countries.name(record.issuing_country) or record.issuing_country,
                record.document_expiry,
                _yes_no(record.armed),
                _yes_no(record.protected_status),
                "",
                "",
            ]
        )
    access_record(
        participants=[record.participant for record in records], by=by, kind=AccessKind.EXPORTED
    )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue(), len(records)


@dataclass(frozen=True)
class RowError:
    row: int
    message: str


@dataclass(frozen=True)
class ImportResult:
    cleared: int
    refused: int
    errors: list[RowError]


def _rows(content: bytes) -> list[tuple[int, dict[str, str]]]:
    """(row number, {heading: text}) of each non-empty row under the heading row."""
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError):
        raise ValidationError(
            _("This file cannot be read as XLSX: upload the file the export made, filled in."),
            code="unreadable",
        ) from None
    rows = workbook.active.iter_rows(values_only=True)
    headings = [str(cell or "").strip().casefold() for cell in next(rows, ())]
    missing = [name for name in ("reference", "decision", "reason") if name not in headings]
    if missing:
        raise ValidationError(
            _("The first row must name the columns; missing: %(columns)s.")
            % {"columns": ", ".join(missing)},
            code="columns",
        )
    found = []
    for number, cells in enumerate(rows, start=2):
        values = {
            heading: "" if cell is None else str(cell).strip()
            for heading, cell in zip(headings, cells, strict=False)
        }
        if any(values.values()):
            found.append((number, values))
        if len(found) > IMPORT_MAX_ROWS:
            raise ValidationError(
                _("At most %(rows)d rows at a time.") % {"rows": IMPORT_MAX_ROWS}, code="rows"
            )
    return found


UNKNOWN_REFERENCE = gettext_lazy("unknown reference “%(reference)s” for this conference")


def vetting_import(*, conference: Conference, content: bytes, by: AbstractBaseUser) -> ImportResult:
    """Apply the authority's decisions, all or none: every row's error is reported at once
    and nothing is written while there is one. Rows without a decision are left as they are.
    Raises ValidationError for a file that cannot be read at all."""
    if len(content) > IMPORT_MAX_BYTES:
        raise ValidationError(
            _("The file is too large: at most %(mb)d MB.") % {"mb": IMPORT_MAX_BYTES >> 20},
            code="too_large",
        )
    rows = _rows(content)
    # Only what the checks read: the passport data is neither decrypted nor needed here.
    by_reference = {
        reference(record): record
        for record in records_of(conference).only("pk", "state", "participant_id")
    }
    errors, decisions, seen = [], [], set()
    for number, values in rows:
        ref, decision = values.get("reference", ""), values.get("decision", "").casefold()
        reason = values.get("reason", "")
        record = by_reference.get(ref.upper())
        if record is None:
            errors.append(RowError(number, str(UNKNOWN_REFERENCE) % {"reference": ref}))
            continue
        if ref.upper() in seen:
            errors.append(RowError(number, _("this reference is on an earlier row too")))
            continue
        seen.add(ref.upper())
        if not decision:
            continue
        state = DECISIONS.get(decision)
        if state is None:
            errors.append(
                RowError(
                    number,
                    _("decision “%(decision)s”: write “cleared” or “refused”")
                    % {"decision": values.get("decision", "")},
                )
            )
        elif state == ClearanceState.REFUSED and not reason:
            errors.append(RowError(number, _("a refusal needs its reason")))
        elif record.state == ClearanceState.NOT_SUBMITTED:
            errors.append(RowError(number, _("this person's data has not been submitted")))
        else:
            decisions.append((number, record, state, reason))
    if errors:
        return ImportResult(cleared=0, refused=0, errors=errors)
    counts = {ClearanceState.CLEARED: 0, ClearanceState.REFUSED: 0}
    with transaction.atomic():
        for _number, record, state, reason in decisions:
            if record.state != state:
                counts[state] += 1
            clearance_decide(record=record, state=state, reason=reason, by=by)
    return ImportResult(
        cleared=counts[ClearanceState.CLEARED], refused=counts[ClearanceState.REFUSED], errors=[]
    )
