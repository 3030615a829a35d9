"""Visa support letters: the rules. A focal point (for a member) or an applicant (for
themselves) requests a letter; organisers approve in bulk, which numbers each letter and queues
the task that makes and sends them (diplomacy.tasks.visa_letters_make), or refuse with a reason.

requested → approved → letter sent, or → refused; a refused request may be corrected by its
requester (requested again) or approved after all; a sent letter is final.
"""

import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from delegations.link_secrets import link_token, link_token_pk
from delegations.models import ACTIVE_STATES, Participant
from diplomacy.models import (
    JobKind,
    ProtocolJob,
    ProtocolSettings,
    VisaLetterRequest,
    VisaState,
)
from diplomacy.services import _one_conference, _user, delegation_language, protocol_settings_for

# How long before the first day one may arrive, and after the last leave, on the letter's visa.
TRAVEL_MARGIN = datetime.timedelta(days=14)
# The applicant's link to their visa request (diplomacy.visa_views), signed with this salt.
APPLICANT_SALT = "diplomacy.applicant-visa"
# The states in which the requester may still change the request.
EDITABLE = (VisaState.REQUESTED, VisaState.REFUSED)
DECIDABLE = (VisaState.REQUESTED, VisaState.REFUSED, VisaState.APPROVED)


def visa_request_errors(visa_request: VisaLetterRequest) -> dict[str, str]:
    """Field errors of the request's dates against the meeting and today (the conference's)."""
    conference = visa_request.conference
    today = timezone.localdate(timezone=conference.tzinfo)
    errors = {}
    birth = visa_request.date_of_birth
    issued = visa_request.passport_issued_on
    expires = visa_request.passport_expires_on
    arrival = visa_request.arrival_on
    departure = visa_request.departure_on
    if birth and birth >= today:
        errors["date_of_birth"] = _("The date of birth must be in the past.")
    if issued and issued > today:
        errors["passport_issued_on"] = _("The passport cannot be issued in the future.")
    elif issued and birth and issued < birth:
        errors["passport_issued_on"] = _("The passport cannot be issued before the birth.")
    if expires and expires <= max(conference.end_date, departure or conference.end_date):
        errors["passport_expires_on"] = _(
            "The passport must be valid beyond the end of the meeting and the departure."
        )
    if arrival and not (conference.start_date - TRAVEL_MARGIN <= arrival <= conference.start_date):
        errors["arrival_on"] = _(
            "Arrive on the first day of the meeting at the latest, and at most %(days)d days "
            "before it."
        ) % {"days": TRAVEL_MARGIN.days}
    elif arrival and arrival < today:
        errors["arrival_on"] = _("The arrival cannot be in the past.")
    if departure and not (conference.end_date <= departure <= conference.end_date + TRAVEL_MARGIN):
        errors["departure_on"] = _(
            "Leave on the last day of the meeting at the earliest, and at most %(days)d days "
            "after it."
        ) % {"days": TRAVEL_MARGIN.days}
    return errors


def visa_request_for(*, participant: Participant) -> VisaLetterRequest:
    """The participant's request, or a new unsaved one to fill in."""
    existing = VisaLetterRequest.objects.filter(participant=participant).first()
    return existing or VisaLetterRequest(
        participant=participant,
        conference_id=participant.conference_id,
        nationality=participant.nationality,
    )


@transaction.atomic
def visa_request_submit(
    *, visa_request: VisaLetterRequest, by_applicant: bool
) -> VisaLetterRequest:
    """Save the request as its requester filled it in: a new or refused request is (again)
    requested. Refused once approved: the letter is then the organisers' to change."""
    participant = (
        Participant.objects.select_for_update(of=("self",))
        .select_related("delegation__conference")
        .get(pk=visa_request.participant_id)
    )
    if participant.state not in ACTIVE_STATES:
        raise ValidationError(
            _("Only a registered member, not withdrawn or turned down, can ask for a letter."),
            code="not_registered",
        )
    if visa_request.pk:
        stored = VisaLetterRequest.objects.select_for_update().get(pk=visa_request.pk)
        if stored.state not in EDITABLE:
            raise ValidationError(
                _("The letter is approved already: ask the organisers for any change."),
                code="decided",
            )
    visa_request.conference = participant.conference
    visa_request.state = VisaState.REQUESTED
    visa_request.refusal_reason = ""
    visa_request.by_applicant = by_applicant
    visa_request.language = (
        participant.language if by_applicant else delegation_language(participant.delegation)
    )
    visa_request.full_clean()
    errors = visa_request_errors(visa_request)
    if errors:
        raise ValidationError(errors)
    visa_request.save()
    return visa_request


def _number_next(settings: ProtocolSettings) -> int:
    last = VisaLetterRequest.objects.filter(conference_id=settings.conference_id).aggregate(
        Max("number")
    )["number__max"]
    return (last or 0) + 1


@transaction.atomic
def visa_requests_approve(
    *, visa_requests: QuerySet[VisaLetterRequest], by: AbstractBaseUser | None = None
) -> tuple[int, ProtocolJob | None]:
    """Approve the requests not approved yet, giving each its reference number (kept if it had
    one), and queue the task that makes and sends their letters. Returns how many were
    approved, and the job (None when none was)."""
    from diplomacy.tasks import visa_letters_make

    requests = list(visa_requests.select_related("conference"))
    if not requests:
        return 0, None
    conference, ids = _one_conference(requests)
    protocol_settings_for(conference)
    # The settings row is the lock that orders the numbers, as for the notes verbales.
    settings = ProtocolSettings.objects.select_for_update().get(conference=conference)
    locked = list(
        VisaLetterRequest.objects.select_for_update()
        .filter(pk__in=ids, state__in=[VisaState.REQUESTED, VisaState.REFUSED])
        .order_by("requested_at", "pk")
    )
    now = timezone.now()
    number = _number_next(settings)
    for visa_request in locked:
        if visa_request.number is None:
            visa_request.number = number
            visa_request.reference = (
                f"{settings.reference_prefix}/VISA/{conference.start_date.year}/{number:03d}"
            )
            number += 1
        visa_request.state = VisaState.APPROVED
        visa_request.refusal_reason = ""
        visa_request.decided_at = now
        visa_request.decided_by = _user(by)
        visa_request.save()
    if not locked:
        return 0, None
    job = ProtocolJob.objects.create(
        conference=conference,
        kind=JobKind.VISA_LETTERS,
        requested_by=_user(by),
        progress_total=len(locked),
    )
    visa_letters_make.enqueue(document_id=job.pk)
    return len(locked), job


@transaction.atomic
def visa_requests_refuse(
    *,
    visa_requests: QuerySet[VisaLetterRequest],
    reason: str,
    by: AbstractBaseUser | None = None,
) -> int:
    """Refuse the requests whose letter is not sent yet, saying why, and queue the e-mail
    that tells each requester; returns how many."""
    from diplomacy.tasks import visa_refusals_email

    if not reason.strip():
        raise ValidationError({"reason": _("Give the reason for the refusal.")})
    with transaction.atomic():
        refused = list(
            visa_requests.select_for_update()
            .exclude(state=VisaState.REFUSED, refusal_reason=reason.strip())
            .filter(state__in=DECIDABLE)
            .values_list("pk", flat=True)
        )
        VisaLetterRequest.objects.filter(pk__in=refused).update(
            state=VisaState.REFUSED,
            refusal_reason=reason.strip(),
            decided_at=timezone.now(),
            decided_by=_user(by),
        )
        if refused:
            visa_refusals_email.enqueue(visa_request_ids=refused)
    return len(refused)


def applicant_token(participant: Participant) -> str:
    """The token of an applicant's own visa request page; shown only on their application's
    status page (whose own token they hold)."""
    return link_token(participant.pk, salt=APPLICANT_SALT)


def applicant_for_token(*, token: str) -> Participant | None:
    """The participant whose visa request page `token` opens, if it is a genuine one."""
    pk = link_token_pk(token, salt=APPLICANT_SALT)
    if pk is None:
        return None
    return Participant.objects.select_related("delegation__conference").filter(pk=pk).first()
