"""The protocol workflow's work off the request path: notes verbales made (and sent) in a
batch, credentials reports, reminders at the time chosen, and the secretariat's digest."""

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from conference.task_retries import retrying_task
from delegations.emails import email_send, focal_points_by_language
from delegations.invitations import invitation_link_issue
from delegations.models import Delegation, token_hash
from delegations.storage import file_replace_on_commit
from delegations.task_documents import document_task
from diplomacy.models import (
    JobKind,
    MemberChange,
    ProtocolJob,
    ProtocolSettings,
    Reminder,
    Step,
    VisaLetterRequest,
    VisaState,
)
from diplomacy.notes import note_pdf
from diplomacy.reports import credentials_pdf, credentials_xlsx
from diplomacy.services import (
    delegation_language,
    note_number_assign,
    portal_url,
    response_record,
)
from diplomacy.visa_emails import visa_letter_email, visa_refusal_email
from diplomacy.visa_letters import visa_letter_pdf

REPORTS = {JobKind.CREDENTIALS_PDF: credentials_pdf, JobKind.CREDENTIALS_XLSX: credentials_xlsx}


def note_make_one(
    *, delegation: Delegation, settings: ProtocolSettings, site_url: str, send: bool, by
) -> None:
    """One delegation's note, in one transaction: a new portal link, the reference number (kept
    if it had one), the PDF, the step "invited" and, with `send`, the e-mail carrying it all.
    The link's token exists only in this transaction, in the PDF and the e-mail."""
    with transaction.atomic():
        note = note_number_assign(delegation=delegation)
        _invitation, token = invitation_link_issue(delegation=delegation, by=by)
        note.language = delegation_language(delegation)
        url = portal_url(token=token, language=note.language, site_url=site_url)
        content = note_pdf(note=note, settings=settings, url=url)
        # Written, and the older note deleted, once this commits: the PDF holds a live link.
        file_replace_on_commit(
            field_file=note.file,
            content=ContentFile(content, name=f"{note.reference.replace('/', '-')}.pdf"),
        )
        note.link_token_hash = token_hash(token)
        note.generated_at = timezone.now()
        if send:
            _note_send(
                delegation=delegation,
                note_reference=note.reference,
                content=content,
                token=token,
                site_url=site_url,
            )
            note.sent_at = timezone.now()
        note.save()
        response_record(delegation=delegation, step=Step.INVITED, by=by)


def _note_send(
    *, delegation: Delegation, note_reference: str, content: bytes, token: str, site_url: str
) -> None:
    conference = delegation.conference
    filename = f"{note_reference.replace('/', '-')}.pdf"
    for language, emails in focal_points_by_language(delegation).items():
        with translation.override(language):
            email_send(
                template="diplomacy/emails/note_verbale",
                subject=_("Note verbale %(reference)s: %(conference)s")
                % {"reference": note_reference, "conference": conference.translated_name},
                to=emails,
                cc=[],
                context={
                    "delegation": delegation,
                    "conference": conference,
                    "reference": note_reference,
                    "url": portal_url(token=token, language=language, site_url=site_url),
                },
                attachments=[(filename, content, "application/pdf")],
            )


@document_task(ProtocolJob, related=("conference", "requested_by"))
def notes_make(job: ProtocolJob, *, site_url: str) -> None:
    """Make the job's notes verbales, one delegation at a time, recording progress; a note
    made stays made if a later one fails (the retry makes the rest, and the made ones again
    with new links)."""
    settings = ProtocolSettings.objects.get(conference=job.conference)
    delegations = list(
        Delegation.objects.filter(pk__in=job.delegation_ids)
        .select_related("conference")
        .in_protocol_order()
    )
    for done, delegation in enumerate(delegations, start=1):
        note_make_one(
            delegation=delegation,
            settings=settings,
            site_url=site_url,
            send=job.send,
            by=job.requested_by,
        )
        job.progress_record(done, len(delegations))
    return None


def visa_letter_make_one(*, visa_request_id: int, settings: ProtocolSettings) -> bool:
    """Make one approved request's letter and e-mail it, in one transaction: the request is
    then "letter sent". False when it is no longer approved (refused meanwhile, or sent by
    another job)."""
    with transaction.atomic():
        visa_request = (
            VisaLetterRequest.objects.select_for_update(of=("self",))
            .select_related("conference", "participant__delegation__conference")
            .filter(pk=visa_request_id, state=VisaState.APPROVED)
            .first()
        )
        if visa_request is None:
            return False
        content = visa_letter_pdf(visa_request=visa_request, settings=settings)
        file_replace_on_commit(
            field_file=visa_request.file,
            content=ContentFile(content, name=f"{visa_request.reference.replace('/', '-')}.pdf"),
        )
        visa_letter_email(visa_request=visa_request, content=content)
        visa_request.state = VisaState.SENT
        visa_request.sent_at = timezone.now()
        visa_request.save(update_fields=["state", "sent_at", "file"])
        return True


@document_task(ProtocolJob)
def visa_letters_make(job: ProtocolJob) -> None:
    """Make and send the letter of every approved request of the job's conference, one at a
    time, recording progress; a letter sent stays sent if a later one fails (the retry sends
    the rest)."""
    settings = ProtocolSettings.objects.get(conference=job.conference)
    ids = list(
        VisaLetterRequest.objects.filter(conference=job.conference, state=VisaState.APPROVED)
        .order_by("number")
        .values_list("pk", flat=True)
    )
    for done, visa_request_id in enumerate(ids, start=1):
        visa_letter_make_one(visa_request_id=visa_request_id, settings=settings)
        job.progress_record(done, len(ids))
    return None


@document_task(ProtocolJob)
def report_make(job: ProtocolJob) -> bytes:
    return REPORTS[job.kind](conference=job.conference)


@retrying_task(queue_name="email")
def visa_refusals_email(*, visa_request_ids: list[int]) -> None:
    """Tell each requester their letter is refused, and why (if still refused when sent)."""
    refused = VisaLetterRequest.objects.filter(
        pk__in=visa_request_ids, state=VisaState.REFUSED
    ).select_related("conference", "participant__delegation__conference")
    for visa_request in refused:
        visa_refusal_email(visa_request=visa_request)


@retrying_task(queue_name="email")
def reminder_email(*, reminder_id: int) -> None:
    """Send the reminder, at the time it was scheduled for (see reminder_send)."""
    reminder_send(reminder_id=reminder_id)


def reminder_send(*, reminder_id: int) -> None:
    """Send the reminder to the delegation's focal points, each in their language, once."""
    with transaction.atomic():
        reminder = (
            Reminder.objects.select_for_update(of=("self",))
            .select_related("delegation__conference")
            .filter(pk=reminder_id, sent_at__isnull=True)
            .first()
        )
        if reminder is None:
            return  # Sent already, or deleted.
        delegation = reminder.delegation
        conference = delegation.conference
        note = getattr(delegation, "note_verbale", None)
        for language, emails in focal_points_by_language(delegation).items():
            with translation.override(language):
                email_send(
                    template="diplomacy/emails/reminder",
                    subject=_("Reminder: %(conference)s")
                    % {"conference": conference.translated_name},
                    to=emails,
                    cc=[],
                    context={
                        "delegation": delegation,
                        "conference": conference,
                        "reminder": reminder,
                        "reference": note.reference if note else "",
                    },
                )
        reminder.sent_at = timezone.now()
        reminder.save(update_fields=["sent_at"])


@retrying_task(queue_name="email")
def secretariat_digest(*, conference_id: int) -> None:
    """The digest, a while after the first change it reports (see digest_send)."""
    digest_send(conference_id=conference_id)


def digest_send(*, conference_id: int) -> None:
    """One e-mail to the secretariat listing the changes to submitted delegations not yet
    reported; they are then marked reported. Without a secretariat address they wait."""
    with transaction.atomic():
        settings = (
            ProtocolSettings.objects.select_related("conference")
            .filter(conference_id=conference_id)
            .first()
        )
        if settings is None or not settings.secretariat_email:
            return
        changes = list(
            MemberChange.objects.select_for_update(of=("self",))
            .select_related("delegation")
            .filter(delegation__conference_id=conference_id, digested_at__isnull=True)
            .order_by("delegation__protocol_sort_key", "at", "pk")
        )
        if not changes:
            return
        conference = settings.conference
        with translation.override(conference.main_language):
            email_send(
                template="diplomacy/emails/digest",
                subject=_("Changes to delegations: %(conference)s")
                % {"conference": conference.translated_name},
                to=[settings.secretariat_email],
                cc=[],
                context={"conference": conference, "changes": changes},
            )
        MemberChange.objects.filter(pk__in=[change.pk for change in changes]).update(
            digested_at=timezone.now()
        )
