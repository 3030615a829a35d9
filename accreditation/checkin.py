"""Check-in at the door: find the participant from a badge or a name, record arrival once."""

from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser, Group, Permission
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from accreditation.models import CheckIn
from accreditation.qr import badge_token_unsign
from conference.models import Conference
from delegations.models import Participant, State

CHECK_IN_GROUP = "Check-in staff"
SEARCH_LIMIT = 20
REFUSALS = {
    State.PENDING: _("Refused: the registration has not been approved yet."),
    State.REJECTED: _("Refused: the registration was rejected."),
    State.WITHDRAWN: _("Refused: the participant was withdrawn."),
}


class CheckInRefused(ValidationError):
    pass


@dataclass(frozen=True)
class CheckInResult:
    check_in: CheckIn
    # False when the participant had already been checked in (a second scan, another door).
    created: bool


def check_in_group_ensure(**kwargs) -> Group:
    """The "Check-in staff" group, holding the check-in permission and nothing else."""
    group, _created = Group.objects.get_or_create(name=CHECK_IN_GROUP)
    group.permissions.set(
        [
            Permission.objects.get(
                content_type__app_label="accreditation", codename="check_in_participants"
            )
        ]
    )
    return group


def check_in_refusal(participant: Participant) -> str | None:
    """Why this participant may not be checked in, or None if they may."""
    reason = REFUSALS.get(participant.state)
    return str(reason) if reason else None


def is_badge_number(text: str) -> bool:
    # str.isdigit() also accepts digits int() refuses, such as "²".
    return text.isascii() and text.isdigit()


def participants_for_check_in(*, conference: Conference) -> QuerySet[Participant]:
    return Participant.objects.filter(conference=conference).select_related(
        "delegation", "check_in"
    )


def participant_for_badge(*, conference: Conference, code: str) -> Participant | None:
    """The participant whose badge carries `code`: a scanned QR value or a typed badge number."""
    code = code.strip()
    participants = participants_for_check_in(conference=conference)
    if is_badge_number(code):
        return participants.filter(pk=int(code)).first()
    token = badge_token_unsign(value=code)
    if token is None:
        return None
    return participants.filter(badge_token=token).first()


def participants_search(*, conference: Conference, query: str) -> QuerySet[Participant]:
    """Participants whose names (in Latin letters or their own script) contain every word of
    `query`, or whose badge number it is."""
    words = query.split()
    participants = participants_for_check_in(conference=conference)
    if not words:
        return participants.none()
    if len(words) == 1 and is_badge_number(words[0]):
        return participants.filter(pk=int(words[0]))
    for word in words:
        participants = participants.filter(
            Q(given_name__icontains=word)
            | Q(family_name__icontains=word)
            | Q(own_script_name__icontains=word)
        )
    return participants.order_by("family_name", "given_name", "pk")[:SEARCH_LIMIT]


@transaction.atomic
def participant_check_in(
    *, participant: Participant, by: AbstractBaseUser | None = None
) -> CheckInResult:
    """Record the participant's arrival, or raise CheckInRefused with the reason.

    The participant's row is locked first, so scans of one badge at several doors queue up
    and only the first creates a check-in; the others get it back with created=False.
    """
    locked = Participant.objects.select_for_update().get(pk=participant.pk)
    refusal = check_in_refusal(locked)
    if refusal:
        raise CheckInRefused(refusal, code=locked.state)
    existing = CheckIn.objects.filter(participant=locked).first()
    if existing:
        return CheckInResult(check_in=existing, created=False)
    check_in = CheckIn.objects.create(
        participant=locked, checked_in_by=by if by and by.is_authenticated else None
    )
    return CheckInResult(check_in=check_in, created=True)
