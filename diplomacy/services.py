"""Writes of the protocol workflow: a delegation's response, its credentials, notes verbales,
reminders and reports. The rules live here; views, the admin and tasks call these."""

import datetime
from collections.abc import Iterable
from urllib.parse import urljoin

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from conference.models import Conference
from delegations.invitations import invitation_link_issue
from delegations.models import Delegation, DelegationStatus
from delegations.services import delegation_decline, delegation_lock
from delegations.storage import file_replace_on_commit
from delegations.uploads import letter_renamed, validate_letter
from diplomacy.models import (
    Credentials,
    CredentialsStatus,
    JobKind,
    NoteVerbale,
    ProtocolJob,
    ProtocolSettings,
    Reminder,
    ResponseStep,
    Step,
)

# How long after the first unreported change the secretariat's digest goes: changes made
# meanwhile travel in the same e-mail.
DIGEST_DELAY = datetime.timedelta(minutes=30)
# The end of every PDF file; a file cut short (an interrupted upload, a broken scanner) lacks it.
PDF_END = b"%%EOF"


def _user(by: AbstractBaseUser | None) -> AbstractBaseUser | None:
    return by if by is not None and by.is_authenticated else None


def response_record(
    *,
    delegation: Delegation,
    step: str,
    by: AbstractBaseUser | None = None,
    by_focal_point: bool = False,
    at: datetime.datetime | None = None,
    note: str = "",
) -> ResponseStep:
    """Record `step` of the delegation's response, once: a step already recorded keeps its
    first date and author. Returns the step as recorded."""
    recorded, _created = ResponseStep.objects.get_or_create(
        delegation=delegation,
        step=step,
        defaults={
            "at": at or timezone.now(),
            "by": _user(by),
            "by_focal_point": by_focal_point,
            "note": note,
        },
    )
    return recorded


def response_stage(steps: Iterable[ResponseStep]) -> str:
    """The furthest step among `steps` (a delegation's), declined overriding the others; ""
    when there is none."""
    recorded = {step.step for step in steps}
    if Step.DECLINED in recorded:
        return Step.DECLINED
    reached = [value for value in Step.values if value in recorded]
    return reached[-1] if reached else ""


@transaction.atomic
def response_acknowledge(
    *, delegation: Delegation, by: AbstractBaseUser | None = None, by_focal_point: bool = False
) -> ResponseStep:
    """The mission acknowledged the invitation (in the portal, or by a note the organiser got)."""
    locked = delegation_lock(delegation_id=delegation.pk)
    if locked.status == DelegationStatus.DECLINED:
        raise ValidationError(
            _("%(delegation)s has declined the invitation.") % {"delegation": locked.name},
            code="declined",
        )
    return response_record(
        delegation=locked, step=Step.ACKNOWLEDGED, by=by, by_focal_point=by_focal_point
    )


@transaction.atomic
def response_decline(
    *, delegation: Delegation, by: AbstractBaseUser | None = None, note: str = ""
) -> ResponseStep:
    """The mission declined: the delegation's status becomes declined (its step is recorded by
    diplomacy.signals on the core's announcement); `note` says how the answer came."""
    delegation_decline(delegation=delegation, by=by)
    step = ResponseStep.objects.get(delegation=delegation, step=Step.DECLINED)
    if note and not step.note:
        step.note = note
        step.save(update_fields=["note"])
    return step


def validate_credentials_pdf(file: UploadedFile) -> None:
    """A PDF (by its content) of at most 5 MB that ends as a PDF does: a file cut short, or
    anything else renamed .pdf, is refused."""
    validate_letter(file)
    file.seek(max(file.size - 1024, 0))
    tail = file.read()
    file.seek(0)
    if PDF_END not in tail:
        raise ValidationError(
            _("This PDF cannot be read: it seems cut short. Scan or save it again."),
            code="unreadable_pdf",
        )


def _credentials_locked(delegation: Delegation) -> Credentials:
    credentials, _created = Credentials.objects.select_for_update().get_or_create(
        delegation=delegation
    )
    return credentials


@transaction.atomic
def credentials_upload(
    *, delegation: Delegation, file: UploadedFile, issued_by: str
) -> Credentials:
    """The focal point's scan of the credentials: a copy received, kept as a private file."""
    validate_credentials_pdf(file)
    locked = delegation_lock(delegation_id=delegation.pk)
    credentials = _credentials_locked(locked)
    file_replace_on_commit(field_file=credentials.file, content=letter_renamed(file))
    now = timezone.now()
    credentials.uploaded_at = now
    credentials.issued_by = issued_by
    # An original already seen by the organisers stays so: the scan adds nothing to it.
    if credentials.status == CredentialsStatus.NONE:
        credentials.status = CredentialsStatus.COPY
    credentials.full_clean(exclude=["file", "delegation"])
    credentials.save()
    response_record(delegation=locked, step=Step.CREDENTIALS_RECEIVED, by_focal_point=True)
    return credentials


@transaction.atomic
def credentials_record(
    *,
    delegation: Delegation,
    status: str,
    issued_by: str = "",
    remarks: str = "",
    by: AbstractBaseUser | None = None,
) -> Credentials:
    """The organiser's record: original seen, copy received, or none."""
    locked = delegation_lock(delegation_id=delegation.pk)
    credentials = _credentials_locked(locked)
    credentials.status = status
    credentials.issued_by = issued_by
    credentials.remarks = remarks
    credentials.recorded_by = _user(by)
    credentials.recorded_at = timezone.now()
    credentials.full_clean(exclude=["file", "delegation"])
    credentials.save()
    if status != CredentialsStatus.NONE:
        response_record(delegation=locked, step=Step.CREDENTIALS_RECEIVED, by=by)
    return credentials


def protocol_settings_for(conference: Conference) -> ProtocolSettings:
    settings = ProtocolSettings.objects.filter(conference=conference).first()
    if settings is None:
        raise ValidationError(
            _(
                "Fill in the conference's protocol settings (letterhead, sender, reference "
                "prefix) first."
            ),
            code="no_protocol_settings",
        )
    return settings


def _one_conference(delegations: Iterable[Delegation]) -> tuple[Conference, list[int]]:
    delegations = list(delegations)
    conferences = {delegation.conference_id for delegation in delegations}
    if len(conferences) != 1:
        raise ValidationError(
            _("Select delegations of one conference at a time."), code="one_conference"
        )
    return delegations[0].conference, [delegation.pk for delegation in delegations]


@transaction.atomic
def notes_request(
    *,
    delegations: Iterable[Delegation],
    send: bool,
    site_url: str,
    by: AbstractBaseUser | None = None,
) -> ProtocolJob:
    """Queue the making of the delegations' notes verbales (and, with `send`, their e-mailing
    to the focal points); each note gets a new portal link, so earlier links stop working."""
    from diplomacy.tasks import notes_make

    conference, ids = _one_conference(delegations)
    protocol_settings_for(conference)
    job = ProtocolJob.objects.create(
        conference=conference,
        kind=JobKind.NOTES,
        delegation_ids=ids,
        send=send,
        requested_by=_user(by),
        progress_total=len(ids),
    )
    # The site's root (https://plenary.example.org/), for the portal links the notes carry.
    notes_make.enqueue(document_id=job.pk, site_url=site_url)
    return job


@transaction.atomic
def report_request(
    *, conference: Conference, kind: str, by: AbstractBaseUser | None = None
) -> ProtocolJob:
    from diplomacy.tasks import report_make

    if kind not in (JobKind.CREDENTIALS_PDF, JobKind.CREDENTIALS_XLSX):
        raise ValidationError(_("Choose a report."), code="kind")
    job = ProtocolJob.objects.create(conference=conference, kind=kind, requested_by=_user(by))
    report_make.enqueue(document_id=job.pk)
    return job


def note_number_assign(*, delegation: Delegation) -> NoteVerbale:
    """The delegation's note, with its reference number: the next one of the conference, given
    once and kept. Call in a transaction; the settings row is the lock that orders numbers."""
    existing = NoteVerbale.objects.filter(delegation=delegation).first()
    if existing is not None:
        return existing
    settings = ProtocolSettings.objects.select_for_update().get(
        conference_id=delegation.conference_id
    )
    last = NoteVerbale.objects.filter(conference_id=delegation.conference_id).aggregate(
        Max("number")
    )["number__max"]
    number = (last or 0) + 1
    year = delegation.conference.start_date.year
    return NoteVerbale.objects.create(
        conference_id=delegation.conference_id,
        delegation=delegation,
        number=number,
        reference=f"{settings.reference_prefix}/{year}/{number:03d}",
        language=delegation_language(delegation),
    )


def delegation_language(delegation: Delegation) -> str:
    """The language the delegation is written to in: its first focal point's if the
    conference offers it, else the conference's main language."""
    conference = delegation.conference
    focal_point = delegation.focal_points.order_by("pk").first()
    # Only a language the conference offers: its portal pages exist in no other.
    if focal_point is not None and focal_point.language in conference.languages:
        return focal_point.language
    return conference.main_language


def portal_url(*, token: str, language: str, site_url: str) -> str:
    with translation.override(language):
        return urljoin(site_url, reverse("registration:portal", kwargs={"token": token}))


@transaction.atomic
def portal_links_reissue(
    *, delegations: Iterable[Delegation], site_url: str, by: AbstractBaseUser | None = None
) -> list[tuple[Delegation, str]]:
    """New portal links for the delegations, to show the organiser once (only their hash is
    kept): each delegation's old link, and the one in its note verbale, stop working."""
    links = []
    for delegation in delegations:
        _invitation, token = invitation_link_issue(delegation=delegation, by=by)
        language = delegation_language(delegation)
        links.append((delegation, portal_url(token=token, language=language, site_url=site_url)))
    return links


@transaction.atomic
def reminders_schedule(
    *,
    delegations: Iterable[Delegation],
    send_at: datetime.datetime | None = None,
    message: str = "",
    by: AbstractBaseUser | None = None,
) -> list[Reminder]:
    """Queue a reminder to each delegation's focal points, sent at `send_at` (now if None),
    in each one's language. Delegations without a focal point, or that declined, are skipped."""
    from diplomacy.tasks import reminder_email

    send_at = send_at or timezone.now()
    reminders = []
    for delegation in delegations:
        if delegation.status == DelegationStatus.DECLINED or not delegation.focal_points.exists():
            continue
        reminder = Reminder.objects.create(
            delegation=delegation, send_at=send_at, message=message, requested_by=_user(by)
        )
        reminder_email.using(run_after=send_at).enqueue(reminder_id=reminder.pk)
        reminders.append(reminder)
    return reminders
