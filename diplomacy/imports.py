"""Import focal points in bulk (CSV or XLSX: mission, name, e-mail, language), before the
notes verbales go out. All rows or none: a file with any row error changes nothing, and
every error of every row is reported at once."""

import csv
import io
import zipfile

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models.functions import Lower
from django.utils.translation import gettext as _
from django_countries import countries
from openpyxl import load_workbook

from conference.models import Conference
from delegations.models import FocalPoint

COLUMNS = ["mission", "name", "email", "language"]
MAX_ROWS = 2000
MAX_BYTES = 2 * 1024 * 1024


def focal_point_rows_read(*, name: str, content: bytes) -> list[dict[str, str]]:
    """The file's rows as dicts keyed by the four columns; refuses a file it cannot read."""
    if len(content) > MAX_BYTES:
        raise ValidationError(
            _("The file is too large: at most %(mb)d MB.") % {"mb": MAX_BYTES >> 20},
            code="too_large",
        )
    try:
        if name.lower().endswith(".xlsx"):
            sheet = load_workbook(io.BytesIO(content), read_only=True, data_only=True).active
            table = [
                ["" if cell is None else str(cell).strip() for cell in row]
                for row in sheet.iter_rows(values_only=True)
            ]
        elif name.lower().endswith(".csv"):
            table = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
        else:
            raise ValidationError(_("Upload a .csv or .xlsx file."), code="file_type")
    except (UnicodeDecodeError, csv.Error, zipfile.BadZipFile, KeyError, ValueError) as error:
        raise ValidationError(
            _("This file cannot be read: %(error)s") % {"error": error}, code="unreadable"
        ) from error
    if not table:
        raise ValidationError(_("The file is empty."), code="empty")
    header = [column.strip().lower() for column in table[0]]
    missing = [column for column in COLUMNS if column not in header]
    if missing:
        raise ValidationError(
            _("Missing columns: %(columns)s.") % {"columns": ", ".join(missing)},
            code="columns",
        )
    rows = [
        {column: value.strip() for column, value in zip(header, row, strict=False)}
        for row in table[1:]
        if any(value.strip() for value in row)
    ]
    if len(rows) > MAX_ROWS:
        raise ValidationError(
            _("Import at most %(max)d rows at a time.") % {"max": MAX_ROWS}, code="too_many"
        )
    return rows


def _delegations_by_mission(conference: Conference) -> dict[str, object]:
    """The conference's delegations by what a file may call them: the country's code or its
    English name, or the organisation's name, in any case."""
    found = {}
    for delegation in conference.delegations.all():
        if delegation.country:
            found[delegation.country.code.casefold()] = delegation
            found[delegation.protocol_sort_key.casefold()] = delegation
        else:
            found[delegation.organisation_name.casefold()] = delegation
    return found


@transaction.atomic
def focal_points_import(
    *, conference: Conference, rows: list[dict[str, str]]
) -> tuple[int, list[tuple[int, list[str]]]]:
    """Add the rows' focal points to the conference's delegations; returns (added, errors),
    errors as (line in the file, every message of that row). With any error nothing is saved."""
    delegations = _delegations_by_mission(conference)
    languages = {code for code, _name in settings.LANGUAGES}
    seen = {
        (delegation_id, email)
        for delegation_id, email in FocalPoint.objects.filter(
            delegation__conference=conference
        ).values_list("delegation_id", Lower("email"))
    }
    new, errors = [], []
    for line, row in enumerate(rows, start=2):
        messages = []
        mission = row.get("mission", "")
        delegation = delegations.get(mission.casefold()) or delegations.get(
            (countries.by_name(mission) or "").casefold()
        )
        if delegation is None:
            messages.append(
                _("mission: no delegation “%(mission)s” at this conference.") % {"mission": mission}
            )
        language = row.get("language", "").lower()
        if language and language not in languages:
            messages.append(
                _("language: “%(language)s” is not one of %(languages)s.")
                % {"language": language, "languages": ", ".join(sorted(languages))}
            )
        focal_point = FocalPoint(
            delegation=delegation,
            name=row.get("name", ""),
            email=row.get("email", ""),
            preferred_language=language if language in languages else "",
        )
        try:
            focal_point.full_clean(exclude=["delegation"], validate_constraints=False)
        except ValidationError as error:
            messages.extend(
                f"{FocalPoint._meta.get_field(field).verbose_name}: {message}"
                for field, field_messages in error.message_dict.items()
                for message in field_messages
            )
        key = (getattr(delegation, "pk", None), focal_point.email.lower())
        if delegation is not None and focal_point.email and key in seen:
            messages.append(_("e-mail: already a focal point of this delegation."))
        seen.add(key)
        if messages:
            errors.append((line, messages))
        else:
            new.append(focal_point)
    if errors:
        return 0, errors
    FocalPoint.objects.bulk_create(new)
    return len(new), []
