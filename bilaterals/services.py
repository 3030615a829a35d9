"""Writes to bilateral meetings. Their state rules live here and only here.

Who may do what:
- the requester asks (state requested); the delegation whose turn it is (the invitee while
  requested, the requester once other times are proposed) accepts one proposed time, proposes
  others, or declines;
- either delegation may cancel an open or accepted meeting; organisers may cancel, move or
  arrange any meeting.
The database refuses what must never happen (two meetings in one room, delegation or person
at once; an attendee speaking on the programme meanwhile); the checks here say it first, in
words a focal point understands.
"""

import datetime
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from bilaterals.models import (
    OPEN_STATES,
    Bilateral,
    BilateralAttendee,
    BilateralNotice,
    BilateralParty,
    BilateralProposal,
    BilateralSlot,
    BilateralState,
    CalendarFeed,
    NoticeKind,
    feed_token_hash,
)
from bilaterals.selectors import Time, free_slots, offered_times
from conference.local_time import local_time_range
from conference.models import Conference, Room
from delegations.models import Delegation, Participant
from sessions.models import Session

# A digest waits this long for more news before it is sent.
DIGEST_WINDOW = datetime.timedelta(minutes=2)
MAX_PROPOSED_TIMES = 10
MAX_ATTENDEES = 10

# Database constraints, and what to tell people when one refuses a write.
CONSTRAINT_MESSAGES = {
    "bilateral_room_once_at_a_time": lambda: _(
        "No room is free at that time any more. Choose another time."
    ),
    "bilateral_delegation_once_at_a_time": lambda: _(
        "One of the two delegations already meets another at that time."
    ),
    "bilateral_participant_once_at_a_time": lambda: _(
        "One of the attendees already attends another meeting at that time."
    ),
    "bilateral_attendee_not_speaking": lambda: _(
        "One of the attendees speaks on the programme at that time."
    ),
    "bilateral_slot_room_once_at_a_time": lambda: _(
        "One of these rooms is already offered at one of these times."
    ),
    "bilateral_slot_within_conference_dates": lambda: _(
        "Slots must lie within the conference's dates."
    ),
}


def _constraint_error(error: IntegrityError) -> ValidationError:
    diag = getattr(getattr(error, "__cause__", None), "diag", None)
    message = CONSTRAINT_MESSAGES.get(getattr(diag, "constraint_name", None))
    if message is None:
        raise error
    return ValidationError(message(), code="constraint")


def _when(conference: Conference, time: Time) -> str:
    return local_time_range(time[0], time[1], conference.tzinfo)


# ---- Offering rooms -------------------------------------------------------------------------


def slots_create(
    *,
    conference: Conference,
    rooms: Iterable[Room],
    days: Iterable[datetime.date],
    day_starts: datetime.time,
    day_ends: datetime.time,
    length: datetime.timedelta,
) -> list[BilateralSlot]:
    """Offer each room on each day from `day_starts` to `day_ends` (conference time) in slots of
    `length`; all of them, or none."""
    rooms, days = list(rooms), list(days)
    errors = {}
    if length < datetime.timedelta(minutes=10) or length > datetime.timedelta(hours=4):
        errors["length"] = _("A slot lasts between 10 minutes and 4 hours.")
    if day_ends <= day_starts:
        errors["day_ends"] = _("The last slot must end after the first starts.")
    outside = [day for day in days if not conference.start_date <= day <= conference.end_date]
    if outside:
        errors["days"] = _("Choose days between %(first)s and %(last)s.") % {
            "first": conference.start_date,
            "last": conference.end_date,
        }
    if not rooms:
        errors["rooms"] = _("Choose at least one room.")
    if not days:
        errors.setdefault("days", _("Choose at least one day."))
    if errors:
        raise ValidationError(errors)
    slots = []
    for day in days:
        start = datetime.datetime.combine(day, day_starts, tzinfo=conference.tzinfo)
        end_of_day = datetime.datetime.combine(day, day_ends, tzinfo=conference.tzinfo)
        while start + length <= end_of_day:
            slots.extend(
                BilateralSlot(
                    conference=conference, room=room, starts_at=start, ends_at=start + length
                )
                for room in rooms
            )
            start += length
    if not slots:
        raise ValidationError({"length": _("No slot of that length fits between those times.")})
    try:
        with transaction.atomic():
            return BilateralSlot.objects.bulk_create(slots)
    except IntegrityError as error:
        raise _constraint_error(error) from error


# ---- Checks ---------------------------------------------------------------------------------


def _require_times(conference: Conference, times: list[Time], *, now: datetime.datetime) -> None:
    if not times:
        raise ValidationError({"times": _("Propose at least one time.")})
    if len(times) > MAX_PROPOSED_TIMES:
        raise ValidationError(
            {"times": _("Propose at most %(count)d times.") % {"count": MAX_PROPOSED_TIMES}}
        )
    offered = set(offered_times(conference=conference))
    if any(time not in offered for time in times):
        raise ValidationError({"times": _("Propose only times the organisers offer.")})
    if any(time[0] <= now for time in times):
        raise ValidationError({"times": _("Propose only times still to come.")})


def _require_attendees(delegation: Delegation, attendees: list[Participant]) -> None:
    if len(attendees) > MAX_ATTENDEES:
        raise ValidationError(
            {"attendees": _("Name at most %(count)d attendees.") % {"count": MAX_ATTENDEES}}
        )
    members = set(delegation.participants.active().values_list("pk", flat=True))
    if any(person.pk not in members for person in attendees):
        raise ValidationError(
            {"attendees": _("Attendees must be registered members of your delegation.")}
        )


def _clashes(*, bilateral: Bilateral, time: Time, attendees: Iterable[Participant]) -> list[str]:
    """Why the meeting cannot take place at `time` with these attendees, in words; [] if it can."""
    starts, ends = time
    overlapping = Q(starts_at__lt=ends, ends_at__gt=starts)
    problems = []
    for party in (
        BilateralParty.objects.filter(
            overlapping, delegation_id__in=[bilateral.requester_id, bilateral.invitee_id]
        )
        .exclude(bilateral=bilateral)
        .select_related("delegation")
    ):
        problems.append(
            _("%(delegation)s already has a bilateral meeting at that time.")
            % {"delegation": party.delegation.name}
        )
    people = {person.pk: person for person in attendees}
    for attendance in (
        BilateralAttendee.objects.filter(overlapping, participant_id__in=people)
        .exclude(bilateral=bilateral)
        .select_related("participant")
    ):
        problems.append(
            _("%(person)s already attends another bilateral meeting at that time.")
            % {"person": attendance.participant.display_name}
        )
    for session in (
        Session.objects.filter(overlapping, roles__speaker__participant_id__in=people)
        .distinct()
        .prefetch_related("roles__speaker")
    ):
        speakers = [
            role.speaker.participant_id
            for role in session.roles.all()
            if role.speaker.participant_id in people
        ]
        for person_id in dict.fromkeys(speakers):
            problems.append(
                _("%(person)s speaks on the programme then (%(session)s).")
                % {"person": people[person_id].display_name, "session": session.translated_title}
            )
    return problems


def _notify(bilateral: Bilateral, delegation_id: int, kind: str) -> None:
    """Record news for the delegation; the first unsent one starts the digest's wait."""
    from bilaterals.tasks import notices_send

    waiting = BilateralNotice.objects.filter(
        delegation_id=delegation_id, sent_at__isnull=True
    ).exists()
    BilateralNotice.objects.create(delegation_id=delegation_id, bilateral=bilateral, kind=kind)
    if not waiting:
        notices_send.using(run_after=timezone.now() + DIGEST_WINDOW).enqueue(
            delegation_id=delegation_id
        )


def _lock(bilateral: Bilateral) -> Bilateral:
    return (
        Bilateral.objects.select_for_update(of=("self",))
        .select_related("conference", "requester", "invitee")
        .get(pk=bilateral.pk)
    )


def _set_attendees(bilateral: Bilateral, delegation: Delegation, attendees: list[Participant]):
    bilateral.attendees.filter(participant__delegation=delegation).delete()
    BilateralAttendee.objects.bulk_create(
        BilateralAttendee(bilateral=bilateral, participant=person) for person in attendees
    )


def _set_proposals(bilateral: Bilateral, times: list[Time]) -> None:
    bilateral.proposals.all().delete()
    BilateralProposal.objects.bulk_create(
        BilateralProposal(bilateral=bilateral, starts_at=starts, ends_at=ends)
        for starts, ends in dict.fromkeys(times)
    )


# ---- Focal points ---------------------------------------------------------------------------


def bilateral_request(
    *,
    requester: Delegation,
    invitee: Delegation,
    times: list[Time],
    attendees: list[Participant],
    topic: str = "",
    now: datetime.datetime | None = None,
) -> Bilateral:
    """Ask `invitee` for a meeting at one of `times` (offered times), with these members."""
    now = now or timezone.now()
    conference = requester.conference
    if invitee.conference_id != requester.conference_id or invitee.pk == requester.pk:
        raise ValidationError({"invitee": _("Choose another delegation of this conference.")})
    _require_times(conference, times, now=now)
    _require_attendees(requester, attendees)
    if len(topic) > 300:
        raise ValidationError({"topic": _("Keep the topic under 300 characters.")})
    if (
        Bilateral.objects.filter(state__in=OPEN_STATES)
        .filter(Q(requester=requester, invitee=invitee) | Q(requester=invitee, invitee=requester))
        .exists()
    ):
        raise ValidationError(
            {"invitee": _("A request between your two delegations is already open.")}
        )
    with transaction.atomic():
        bilateral = Bilateral.objects.create(
            conference=conference, requester=requester, invitee=invitee, topic=topic.strip()
        )
        BilateralParty.objects.bulk_create(
            [
                BilateralParty(bilateral=bilateral, delegation=requester),
                BilateralParty(bilateral=bilateral, delegation=invitee),
            ]
        )
        _set_proposals(bilateral, times)
        _set_attendees(bilateral, requester, attendees)
        _notify(bilateral, invitee.pk, NoticeKind.REQUESTED)
    return bilateral


def _require_turn(bilateral: Bilateral, delegation: Delegation) -> None:
    if not bilateral.awaits(delegation):
        raise ValidationError(_("This request is not waiting for your answer."))


def _schedule(bilateral: Bilateral, time: Time, attendees_of_all: list[Participant]) -> None:
    """Give the locked `bilateral` a free room at `time`, or raise why it cannot have one."""
    problems = _clashes(bilateral=bilateral, time=time, attendees=attendees_of_all)
    if problems:
        raise ValidationError(problems)
    # The first free room at that time, locked; one another transaction holds is skipped, so
    # two delegations taking the last room at once: one gets it, the other is told.
    slot = (
        free_slots(conference=bilateral.conference)
        .filter(starts_at=time[0], ends_at=time[1])
        .order_by("room__order", "room__name")
        .select_for_update(of=("self",), skip_locked=True)
        .first()
    )
    if slot is None:
        raise ValidationError(CONSTRAINT_MESSAGES["bilateral_room_once_at_a_time"]())
    bilateral.state = BilateralState.ACCEPTED
    bilateral.room = slot.room
    bilateral.starts_at, bilateral.ends_at = time
    try:
        with transaction.atomic():
            bilateral.save(update_fields=["state", "room", "starts_at", "ends_at", "updated_at"])
    except IntegrityError as error:
        raise _constraint_error(error) from error


def bilateral_accept(
    *,
    bilateral: Bilateral,
    delegation: Delegation,
    time: Time,
    attendees: list[Participant],
    now: datetime.datetime | None = None,
) -> Bilateral:
    """Accept one of the proposed times; the meeting takes the first free room then."""
    now = now or timezone.now()
    _require_attendees(delegation, attendees)
    with transaction.atomic():
        bilateral = _lock(bilateral)
        _require_turn(bilateral, delegation)
        proposed = set(bilateral.proposals.values_list("starts_at", "ends_at"))
        if time not in proposed:
            raise ValidationError({"time": _("Choose one of the proposed times.")})
        if time[0] <= now:
            raise ValidationError({"time": _("That time has passed. Propose other times.")})
        _set_attendees(bilateral, delegation, attendees)
        everyone = list(Participant.objects.filter(bilateral_attendances__bilateral=bilateral))
        _schedule(bilateral, time, everyone)
        _notify(bilateral, bilateral.other(delegation).pk, NoticeKind.ACCEPTED)
    return bilateral


def bilateral_propose(
    *,
    bilateral: Bilateral,
    delegation: Delegation,
    times: list[Time],
    attendees: list[Participant] | None = None,
    now: datetime.datetime | None = None,
) -> Bilateral:
    """Answer with other times; the other delegation's turn to choose."""
    now = now or timezone.now()
    with transaction.atomic():
        bilateral = _lock(bilateral)
        _require_turn(bilateral, delegation)
        _require_times(bilateral.conference, times, now=now)
        if attendees is not None:
            _require_attendees(delegation, attendees)
            _set_attendees(bilateral, delegation, attendees)
        _set_proposals(bilateral, times)
        bilateral.state = (
            BilateralState.COUNTER_PROPOSED
            if delegation.pk == bilateral.invitee_id
            else BilateralState.REQUESTED
        )
        bilateral.save(update_fields=["state", "updated_at"])
        _notify(bilateral, bilateral.other(delegation).pk, NoticeKind.COUNTER_PROPOSED)
    return bilateral


def bilateral_decline(*, bilateral: Bilateral, delegation: Delegation) -> Bilateral:
    with transaction.atomic():
        bilateral = _lock(bilateral)
        _require_turn(bilateral, delegation)
        bilateral.state = BilateralState.DECLINED
        bilateral.save(update_fields=["state", "updated_at"])
        _notify(bilateral, bilateral.other(delegation).pk, NoticeKind.DECLINED)
    return bilateral


def _unschedule(bilateral: Bilateral, state: str) -> None:
    bilateral.state = state
    bilateral.room = bilateral.starts_at = bilateral.ends_at = None
    bilateral.save(update_fields=["state", "room", "starts_at", "ends_at", "updated_at"])


def bilateral_cancel(*, bilateral: Bilateral, delegation: Delegation | None = None) -> Bilateral:
    """Cancel an open or accepted meeting: by one of its delegations, or by the organisers
    (`delegation` None). The room is free again."""
    with transaction.atomic():
        bilateral = _lock(bilateral)
        if delegation is not None and delegation.pk not in (
            bilateral.requester_id,
            bilateral.invitee_id,
        ):
            raise ValidationError(_("This is not your delegation's meeting."))
        if bilateral.state not in (*OPEN_STATES, BilateralState.ACCEPTED):
            raise ValidationError(_("This meeting is already declined or cancelled."))
        _unschedule(bilateral, BilateralState.CANCELLED)
        for party_id in (bilateral.requester_id, bilateral.invitee_id):
            if delegation is None or party_id != delegation.pk:
                _notify(bilateral, party_id, NoticeKind.CANCELLED)
    return bilateral


# ---- Organisers -----------------------------------------------------------------------------


def bilateral_move(*, bilateral: Bilateral, slot: BilateralSlot) -> Bilateral:
    """Put an accepted or open meeting in `slot` (its room, at its time): the organisers arrange
    or move it. Both delegations are told."""
    with transaction.atomic():
        bilateral = _lock(bilateral)
        if bilateral.state not in (*OPEN_STATES, BilateralState.ACCEPTED):
            raise ValidationError(_("A declined or cancelled meeting cannot be moved."))
        if slot.conference_id != bilateral.conference_id:
            raise ValidationError({"slot": _("Choose a slot of this meeting's conference.")})
        time = (slot.starts_at, slot.ends_at)
        problems = _clashes(
            bilateral=bilateral,
            time=time,
            attendees=Participant.objects.filter(bilateral_attendances__bilateral=bilateral),
        )
        taken = (
            Bilateral.objects.accepted()
            .filter(room=slot.room, starts_at__lt=slot.ends_at, ends_at__gt=slot.starts_at)
            .exclude(pk=bilateral.pk)
            .exists()
        )
        if taken:
            problems.append(_("The room is already taken at that time."))
        if problems:
            raise ValidationError({"slot": problems})
        bilateral.state = BilateralState.ACCEPTED
        bilateral.room = slot.room
        bilateral.starts_at, bilateral.ends_at = time
        try:
            with transaction.atomic():
                bilateral.save(
                    update_fields=["state", "room", "starts_at", "ends_at", "updated_at"]
                )
        except IntegrityError as error:
            raise _constraint_error(error) from error
        for party_id in (bilateral.requester_id, bilateral.invitee_id):
            _notify(bilateral, party_id, NoticeKind.MOVED)
    return bilateral


# ---- Calendar link --------------------------------------------------------------------------


def feed_renew(*, delegation: Delegation) -> str:
    """A new private calendar link for the delegation (the old one stops working); returns its
    token, which is never stored."""
    token = CalendarFeed.new_token()
    CalendarFeed.objects.update_or_create(
        delegation=delegation, defaults={"token_hash": feed_token_hash(token)}
    )
    return token


def feed_revoke(*, delegation: Delegation) -> None:
    CalendarFeed.objects.filter(delegation=delegation).delete()
