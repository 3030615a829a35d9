"""Check-in at the door: find the participant from a badge or a name, and let them into a zone
once a day: each entry records who, which zone, which day, when and by whom."""

import datetime
import unicodedata
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.core.signing import Signer
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import formats, timezone
from django.utils.crypto import constant_time_compare
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from accreditation.models import Entry, PreRegistrationDay, Zone
from accreditation.qr import badge_token_unsign
from conference.models import Conference
from conference.row_ids import row_id
from delegations.badge_checks import badge_holds
from delegations.models import Participant, State

# Supervisors may find someone by the badge number alone; door staff type the surname too.
CHECK_IN_BY_NUMBER = "accreditation.check_in_by_number"
SEARCH_LIMIT = 20
# How much of the surname door staff type after a badge number (all of a shorter one).
SURNAME_LETTERS = 3
REFUSALS = {
    State.PENDING: _("Refused: the registration has not been approved yet."),
    State.REJECTED: _("Refused: the registration was rejected."),
    State.WITHDRAWN: _("Refused: the participant was withdrawn."),
}


class CheckInRefused(ValidationError):
    pass


@dataclass(frozen=True)
class EntryResult:
    entry: Entry
    # False when the participant had already entered this zone that day (a second scan).
    created: bool


def check_in_refusal(participant: Participant) -> str | None:
    """Why this participant may not be checked in, or None if they may: a registration not
    approved, or a badge a feature holds (security clearance not given)."""
    reason = REFUSALS.get(participant.state)
    if reason:
        return str(reason)
    if held := badge_holds([participant]).get(participant.pk):
        return gettext("Refused: %(reason)s.") % {"reason": held}
    return None


def door_day(*, conference: Conference, now: datetime.datetime | None = None) -> datetime.date:
    """Today, in the conference's time zone: the day an entry counts for."""
    return timezone.localtime(now or timezone.now(), conference.tzinfo).date()


def day_refusal(*, conference: Conference, day: datetime.date) -> str | None:
    """Why the door is shut on `day`, or None on a day of the meeting or an open
    pre-registration day."""
    if day in conference.days:
        return None
    if PreRegistrationDay.objects.filter(conference=conference, day=day).exists():
        return None
    return gettext(
        "Refused: %(day)s is not a day of the meeting, and no pre-registration day is open on "
        "it. An organiser can open one."
    ) % {"day": formats.date_format(day, "DATE_FORMAT")}


def zone_refusal(*, zone: Zone, participant: Participant) -> str | None:
    """Why the participant may not enter `zone`, or None if they may."""
    if zone.admits(participant):
        return None
    return gettext(
        "Refused: %(category)s (%(role)s) may not enter %(zone)s. Send the person to the "
        "accreditation desk if this is wrong."
    ) % {
        "category": participant.get_category_display(),
        "role": participant.get_role_display(),
        "zone": zone.translated_name,
    }


def entry_refusal(
    *, participant: Participant, zone: Zone, day: datetime.date
) -> tuple[str, str] | None:
    """(code, reason) for the first reason the participant may not enter `zone` on `day`: their
    registration, the zone, then the day; None if they may."""
    if refusal := check_in_refusal(participant):
        return (participant.state if participant.state in REFUSALS else "held"), refusal
    if refusal := zone_refusal(zone=zone, participant=participant):
        return "zone", refusal
    if refusal := day_refusal(conference=zone.conference, day=day):
        return "day", refusal
    return None


def participant_zones(participant: Participant) -> list[Zone]:
    """The zones the participant may enter, in their order: what their badge prints."""
    return list(Zone.objects.admitting(participant))


def is_badge_number(text: str) -> bool:
    return row_id(text) is not None


def participants_for_check_in(*, conference: Conference) -> QuerySet[Participant]:
    return Participant.objects.filter(conference=conference).select_related("delegation")


def card_key(*, participant_pk: int) -> str:
    """What the address of a participant's check-in card carries besides the number.

    The door reaches a card only from a scan of the signed QR code or a search (a name, or a
    badge number with the surname), whose links carry this signature of the number: typing
    /check-in/<badge number>/ is no way round the surname.
    """
    return Signer(salt="accreditation.check-in-card").signature(str(participant_pk))


def card_key_valid(*, participant_pk: int, key: str) -> bool:
    return constant_time_compare(card_key(participant_pk=participant_pk), key)


def participant_for_badge(*, conference: Conference, code: str) -> Participant | None:
    """The participant whose badge's QR code holds `code`; None for any unsigned code.

    Only the signed code opens a participant this way: a badge number is printed for all to
    read, so typing one goes through participants_search, which asks for the surname too.
    """
    token = badge_token_unsign(value=code.strip())
    if token is None:
        return None
    return participants_for_check_in(conference=conference).filter(badge_token=token).first()


def _folded(text: str) -> str:
    """`text` without case or accents: "Ødegård" and "ødegard" fold alike."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def surname_matches(participant: Participant, typed: str) -> bool:
    """Whether `typed` is the start of the participant's surname, at least SURNAME_LETTERS
    letters of it (all of a shorter one), whatever the case and accents."""
    surname, typed = _folded(participant.family_name), _folded(typed.strip())
    return len(typed) >= min(SURNAME_LETTERS, len(surname)) and surname.startswith(typed)


def badge_number_needs_surname(*, query: str, by_number_alone: bool) -> bool:
    """Whether `query` is a bare badge number that these staff must complete with a surname."""
    words = query.split()
    return len(words) == 1 and is_badge_number(words[0]) and not by_number_alone


def participants_search(
    *, conference: Conference, query: str, by_number_alone: bool = False
) -> list[Participant]:
    """Participants whose names (in Latin letters or their own script) contain every word of
    `query`; or, for a badge number followed by the first letters of the (Latin) surname, its
    participant. With `by_number_alone` (a supervisor's permission, CHECK_IN_BY_NUMBER) the
    number alone is enough."""
    words = query.split()
    participants = participants_for_check_in(conference=conference)
    if not words:
        return []
    if is_badge_number(words[0]):
        participant = participants.filter(pk=int(words[0])).first()
        surname = " ".join(words[1:])
        if participant is None or not (
            surname_matches(participant, surname) if surname else by_number_alone
        ):
            return []
        return [participant]
    for word in words:
        participants = participants.filter(
            Q(given_name__icontains=word)
            | Q(family_name__icontains=word)
            | Q(own_script_name__icontains=word)
        )
    return list(participants.order_by("family_name", "given_name", "pk")[:SEARCH_LIMIT])


@transaction.atomic
def participant_enter(
    *,
    participant: Participant,
    zone: Zone,
    by: AbstractBaseUser | None = None,
    now: datetime.datetime | None = None,
) -> EntryResult:
    """Let the participant into `zone` today (the conference's day), or raise CheckInRefused
    with the reason: a registration not approved, a zone their category and role do not
    open, a day that is neither the meeting's nor an open pre-registration day.

    The participant's row is locked first, so scans of one badge at several doors queue up
    and only the first of the day at a zone creates an entry; the others get it back with
    created=False.
    """
    if zone.conference_id != participant.conference_id:
        raise CheckInRefused(
            gettext("Refused: this badge is of another conference."), code="conference"
        )
    now = now or timezone.now()
    locked = Participant.objects.select_for_update().get(pk=participant.pk)
    day = door_day(conference=zone.conference, now=now)
    refusal = entry_refusal(participant=locked, zone=zone, day=day)
    if refusal:
        code, reason = refusal
        raise CheckInRefused(reason, code=code)
    existing = Entry.objects.filter(participant=locked, zone=zone, day=day).first()
    if existing:
        return EntryResult(entry=existing, created=False)
    entry = Entry.objects.create(
        participant=locked,
        zone=zone,
        day=day,
        entered_at=now,
        entered_by=by if by and by.is_authenticated else None,
    )
    return EntryResult(entry=entry, created=True)
