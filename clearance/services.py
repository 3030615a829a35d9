"""Security clearance's rules: who gives the data and when, the states and who moves them,
the purge, and the log of who saw whose passport data.

    not submitted → submitted → cleared | refused

Data given (complete and valid) submits the person; security officers (or the vetting
authority's answers, imported) clear or refuse; changed data goes back to "submitted"; a
decision may be revised (cleared → refused, refused → cleared).
"""

import datetime
import warnings

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from PIL import Image

from clearance.models import (
    DATA_FIELDS,
    AccessKind,
    ClearanceChange,
    ClearancePolicy,
    ClearanceState,
    SecurityDataAccess,
    SecurityRecord,
)
from conference.models import Conference
from delegations.models import ACTIVE_STATES, Participant, State
from delegations.storage import file_delete_on_commit, file_replace_on_commit
from delegations.tasks import participant_state_email

TRANSITIONS = {
    ClearanceState.NOT_SUBMITTED: {ClearanceState.SUBMITTED},
    # Data corrected before a decision is submitted again.
    ClearanceState.SUBMITTED: {
        ClearanceState.SUBMITTED,
        ClearanceState.CLEARED,
        ClearanceState.REFUSED,
    },
    ClearanceState.CLEARED: {ClearanceState.SUBMITTED, ClearanceState.REFUSED},
    ClearanceState.REFUSED: {ClearanceState.SUBMITTED, ClearanceState.CLEARED},
}
# The data a submission needs; the flags default to "no".
REQUIRED_FIELDS = [name for name in DATA_FIELDS if name not in ("armed", "protected_status")]
DATA_PAGE_MAX_BYTES = 5 * 1024 * 1024
DATA_PAGE_MAX_PIXELS = 40_000_000
DATA_PAGE_IMAGE_FORMATS = frozenset({"JPEG", "PNG", "WEBP"})
OLDEST_AGE_YEARS = 120


def clearance_policy(conference: Conference) -> ClearancePolicy:
    """The conference's policy; an unsaved one (nothing on) when it has none."""
    found = ClearancePolicy.objects.filter(conference=conference).first()
    return found or ClearancePolicy(conference=conference)


def policy_save(*, policy: ClearancePolicy) -> ClearancePolicy:
    """Save the switches; refused where no encryption key is configured (the model's clean)."""
    policy.full_clean()
    policy.save()
    return policy


def validate_data_page(file: UploadedFile) -> None:
    """Accept a PDF, or a JPEG, PNG or WebP image that decodes fully, of at most
    DATA_PAGE_MAX_BYTES."""
    if file.size > DATA_PAGE_MAX_BYTES:
        raise ValidationError(
            _("The scan is too large: at most %(mb)d MB.") % {"mb": DATA_PAGE_MAX_BYTES >> 20},
            code="too_large",
        )
    unreadable = ValidationError(
        _("Upload the passport's data page as a PDF, JPEG, PNG or WebP file that opens."),
        code="unreadable",
    )
    file.seek(0)
    head = file.read(5)
    file.seek(0)
    if head == b"%PDF-":
        # A PDF cut short in its upload has no end-of-file marker near its end.
        file.seek(max(file.size - 1024, 0))
        tail = file.read()
        file.seek(0)
        if b"%%EOF" not in tail:
            raise unreadable
        return
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(file) as image:
                if image.format not in DATA_PAGE_IMAGE_FORMATS:
                    raise unreadable
                if image.width * image.height > DATA_PAGE_MAX_PIXELS:
                    raise unreadable
                image.load()
    except ValidationError:
        raise
    except Exception:
        # Pillow raises many kinds of errors for damaged or disguised files.
        raise unreadable from None
    finally:
        file.seek(0)


def validate_dates(
    *,
    conference: Conference,
    birth_date: datetime.date | None,
    document_expiry: datetime.date | None,
    today: datetime.date | None = None,
) -> dict[str, str]:
    """Field errors for dates no passport holder could have."""
    today = today or timezone.localdate()
    errors = {}
    if birth_date and not (today.replace(year=today.year - OLDEST_AGE_YEARS) < birth_date < today):
        errors["birth_date"] = _("Check the date of birth: it is not a plausible one.")
    if document_expiry and document_expiry <= conference.end_date:
        errors["document_expiry"] = _(
            "The passport must still be valid after the conference ends (%(date)s)."
        ) % {"date": conference.end_date.isoformat()}
    return errors


def _record_for_update(participant: Participant) -> SecurityRecord:
    # The participant's row is locked first: two saves of one person's data queue up.
    Participant.objects.select_for_update().filter(pk=participant.pk).first()
    record = SecurityRecord.objects.select_for_update().filter(participant=participant).first()
    return record or SecurityRecord(participant=participant)


def _step(
    record: SecurityRecord,
    state: str,
    *,
    reason: str = "",
    by: AbstractBaseUser | None,
    by_label: str,
) -> None:
    if state not in TRANSITIONS[ClearanceState(record.state)]:
        raise ValidationError(
            _("A clearance cannot go from “%(from)s” to “%(to)s”.")
            % {
                "from": ClearanceState(record.state).label,
                "to": ClearanceState(state).label,
            },
            code="transition",
        )
    record.state = state
    ClearanceChange.objects.create(
        record=record, state=state, reason=reason, by=by, by_label="" if by else by_label
    )


@transaction.atomic
def security_data_save(
    *,
    participant: Participant,
    data: dict,
    data_page: UploadedFile | None = None,
    by: AbstractBaseUser | None = None,
    by_label: str = "",
) -> SecurityRecord:
    """Record the participant's security data and submit it for clearance.

    Refused when the conference does not collect it, for a participant withdrawn or
    rejected, or for data incomplete or implausible (field errors). Data that changes after
    a decision goes back to "submitted"; the same data saved again changes nothing.
    """
    conference = participant.conference
    if not clearance_policy(conference).collects_security_data:
        raise ValidationError(_("This conference does not collect security data."), code="off")
    if participant.state not in ACTIVE_STATES:
        raise ValidationError(
            _("Security data is given for pending or approved participants only."),
            code="inactive",
        )
    record = _record_for_update(participant)
    before = {name: getattr(record, name) for name in DATA_FIELDS if name != "data_page"}
    for name, value in data.items():
        if name not in DATA_FIELDS or name == "data_page":
            raise ValueError(f"not a security data field: {name}")
        setattr(record, name, value)
    errors = validate_dates(
        conference=conference,
        birth_date=record.birth_date,
        document_expiry=record.document_expiry,
    )
    if data_page is not None:
        try:
            validate_data_page(data_page)
        except ValidationError as error:
            errors["data_page"] = error.messages[0]
    for name in REQUIRED_FIELDS:
        missing = not getattr(record, name) and not (name == "data_page" and data_page)
        if missing and name not in errors:
            errors[name] = _("This field is required.")
    if errors:
        raise ValidationError(errors)
    changed = data_page is not None or any(
        getattr(record, name) != value for name, value in before.items()
    )
    if not changed and record.state != ClearanceState.NOT_SUBMITTED:
        return record
    if data_page is not None:
        data_page.seek(0)
        file_replace_on_commit(
            field_file=record.data_page,
            content=ContentFile(data_page.read(), name=data_page.name),
        )
    record.full_clean(exclude=["participant", "data_page"])
    record.data_purged_at = None
    record.reason = ""
    record.submitted_at = timezone.now()
    record.decided_at = None
    record.decided_by = None
    if record.pk is None:
        record.save()
    _step(record, ClearanceState.SUBMITTED, by=by, by_label=by_label)
    record.save()
    return record


@transaction.atomic
def clearance_decide(
    *,
    record: SecurityRecord,
    state: str,
    reason: str = "",
    by: AbstractBaseUser | None,
    by_label: str = "",
) -> SecurityRecord:
    """Clear or refuse (with a reason) a submitted person, or revise a decision. A person
    cleared once approved is sent the approval e-mail again, now with the badge."""
    if state not in (ClearanceState.CLEARED, ClearanceState.REFUSED):
        raise ValidationError(_("Decide “cleared” or “refused”."), code="decision")
    reason = reason.strip()
    if state == ClearanceState.REFUSED and not reason:
        raise ValidationError({"reason": _("Give the reason for the refusal.")})
    locked = (
        SecurityRecord.objects.select_for_update().select_related("participant").get(pk=record.pk)
    )
    if locked.state == state:
        return locked
    _step(locked, state, reason=reason, by=by, by_label=by_label)
    locked.reason = reason if state == ClearanceState.REFUSED else ""
    locked.decided_at = timezone.now()
    locked.decided_by = by
    locked.save(update_fields=["state", "reason", "decided_at", "decided_by"])
    participant = locked.participant
    if state == ClearanceState.CLEARED and participant.state == State.APPROVED:
        participant_state_email.enqueue(participant_id=participant.pk, state=State.APPROVED)
    return locked


def access_record(
    *, participants: list[Participant], by: AbstractBaseUser | None, kind: str, by_label: str = ""
) -> None:
    """Log that `by` (or `by_label`, e.g. "focal point") saw or took these people's data."""
    label = by.get_username() if by is not None else by_label
    SecurityDataAccess.objects.bulk_create(
        SecurityDataAccess(
            conference_id=participant.conference_id,
            participant=participant,
            by=by,
            by_label=label,
            kind=kind,
        )
        for participant in participants
    )


EMPTY_DATA = {
    "birth_date": None,
    "birth_place": "",
    "nationality": "",
    "document_number": "",
    "issuing_country": "",
    "document_expiry": None,
    "armed": False,
    "protected_status": False,
}


def _wipe(records: list[SecurityRecord], *, now: datetime.datetime) -> None:
    for record in records:
        file_delete_on_commit(storage=record.data_page.storage, name=record.data_page.name)
        for name, value in EMPTY_DATA.items():
            setattr(record, name, value)
        record.data_page = ""
        record.data_purged_at = now
    SecurityRecord.objects.bulk_update(records, [*EMPTY_DATA, "data_page", "data_purged_at"])


@transaction.atomic
def security_data_purge(*, records: list[SecurityRecord], by: AbstractBaseUser | None) -> int:
    """Remove these people's security data now (on request); their clearance state and its
    history stay. The scans go once the purge has committed."""
    locked = list(
        SecurityRecord.objects.select_for_update()
        .select_related("participant")
        .filter(pk__in=[record.pk for record in records], data_purged_at__isnull=True)
    )
    _wipe(locked, now=timezone.now())
    access_record(
        participants=[record.participant for record in locked], by=by, kind=AccessKind.PURGED
    )
    return len(locked)


def security_data_wipe_for_retention(*, conference: Conference) -> list[SecurityRecord]:
    """The retention purge's share, in its transaction: every record of the conference."""
    records = list(
        SecurityRecord.objects.select_for_update().filter(
            participant__conference=conference, data_purged_at__isnull=True
        )
    )
    _wipe(records, now=timezone.now())
    return records
