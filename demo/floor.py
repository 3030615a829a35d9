"""The floor of the reference meeting (invented): the plenary segment's list of speakers and the
seating of the Main Auditorium drawn by lot.

Forty Member States are inscribed, their Heads of Delegation at mixed levels of representation,
two of them speaking for a group; the first ten statements have been delivered. Two
delegations exchanged places by agreement from their portals, and another request awaits an
answer. The Main Auditorium has a head table (the chair, Pakistan as host, the Secretariat)
and seats each delegation two deep (its Head, one adviser behind) around it, in the order
drawn with a fixed seed, so every load gives the same plan.
"""

import datetime

from django.contrib.auth.models import AnonymousUser
from django.db.models import Case, IntegerField, Value, When

from conference.models import Conference, Room
from delegations.models import (
    ACTIVE_STATES,
    Delegation,
    DelegationKind,
    Participant,
    RepresentationLevel,
    Role,
)
from demo import programme
from floor.models import (
    Inscription,
    InscriptionStatus,
    ReservedFor,
    ReservedSeat,
    RoomLayout,
    SeatingPlan,
    SpeakersList,
)
from floor.seating import seating_draw
from floor.speakers import inscription_add, speaker_call_next, speaker_finish
from floor.swaps import swap_accept, swap_request
from sessions.models import Session

INSCRIBED = 40
DELIVERED = 10
SEED = "islamabad-2023"
# The levels of the Heads of the inscribed delegations, in turn: mostly ambassadors, some
# ministers and vice-ministers, one Deputy Prime Minister.
LEVELS = [
    RepresentationLevel.AMBASSADOR,
    RepresentationLevel.MINISTER,
    RepresentationLevel.AMBASSADOR,
    RepresentationLevel.VICE_MINISTER,
    RepresentationLevel.SENIOR_OFFICIAL,
    RepresentationLevel.AMBASSADOR,
    RepresentationLevel.MINISTER,
    RepresentationLevel.AMBASSADOR,
]
DEPUTY_PRIME_MINISTER = "JP"
# (country, group it speaks for): invented for the demo.
GROUP_STATEMENTS = [("MA", "Non-Aligned Movement"), ("EG", "Group of African States")]
STATEMENT_LANGUAGES = {"FR": "fr", "MA": "ar", "EG": "ar", "SN": "fr", "CI": "fr", "DZ": "ar"}
# Group statements are marked by the organisers; the demo has no organiser account of its own
# (create_demo_organiser makes one later), so the change log names nobody.
ORGANISERS_DESK = AnonymousUser()
ROWS, SEATS_PER_ROW, SEATS_PER_DELEGATION = 20, 20, 2
HOST_COUNTRY = "PK"
# By place on the list before anyone spoke, both after the ten statements delivered: the 13th
# and the 18th exchanged places, the 15th asks the 22nd (no answer yet).
SWAPPED, ASKED = (13, 18), (15, 22)


def floor_load(*, conference: Conference) -> None:
    _speakers_load(conference=conference)
    _seating_load(conference=conference)


def _speakers(conference: Conference) -> dict[int, Participant]:
    """Each Member State's speaker: its Head of Delegation, else its first active member."""
    members = (
        Participant.objects.filter(
            conference=conference,
            state__in=ACTIVE_STATES,
            delegation__kind=DelegationKind.MEMBER_STATE,
        )
        .annotate(
            is_head=Case(
                When(role=Role.HEAD, then=Value(0)), default=Value(1), output_field=IntegerField()
            )
        )
        .order_by("delegation_id", "is_head", "pk")
    )
    speakers = {}
    for member in members:
        speakers.setdefault(member.delegation_id, member)
    return speakers


def _speakers_load(*, conference: Conference) -> None:
    session = Session.objects.get(conference=conference, title=programme.PLENARY_TITLE)
    # Loaded afresh each time: the list is the script's, whatever was done to it since.
    SpeakersList.objects.filter(session=session).delete()
    speakers = _speakers(conference)
    delegations = [
        delegation
        for delegation in conference.delegations.filter(
            kind=DelegationKind.MEMBER_STATE
        ).in_protocol_order()
        if delegation.pk in speakers
    ]
    groups = dict(GROUP_STATEMENTS)
    chosen = [d for d in delegations if d.country.code in {*groups, DEPUTY_PRIME_MINISTER}]
    step = max(1, len(delegations) // INSCRIBED)
    chosen += [d for d in delegations[::step] if d not in chosen][: INSCRIBED - len(chosen)]
    for index, delegation in enumerate(chosen):
        level = LEVELS[index % len(LEVELS)]
        if delegation.country.code == DEPUTY_PRIME_MINISTER:
            level = RepresentationLevel.DEPUTY_PRIME_MINISTER
        delegation.representation_level = level
    Delegation.objects.bulk_update(chosen, ["representation_level"])
    speakers_list = SpeakersList.objects.create(
        session=session, time_limit=datetime.timedelta(minutes=4), is_published=True
    )
    # Inscribed as focal points would, in the weeks before; groups by the organisers.
    for delegation in chosen:
        group = groups.get(delegation.country.code, "")
        inscription_add(
            session=session,
            delegation=delegation,
            speaker=speakers[delegation.pk],
            language=STATEMENT_LANGUAGES.get(delegation.country.code, "en"),
            on_behalf_of=group,
            by=ORGANISERS_DESK if group else None,
        )
    inscriptions = list(speakers_list.inscriptions.order_by("pk"))
    for index, inscription in enumerate(inscriptions):
        inscription.inscribed_at = session.starts_at - datetime.timedelta(days=20, hours=-index)
    Inscription.objects.bulk_update(inscriptions, ["inscribed_at"])
    _swaps_load(speakers_list=speakers_list)
    # Closed two hours before the session, as announced.
    speakers_list.closes_at = session.starts_at - datetime.timedelta(hours=2)
    speakers_list.save(update_fields=["closes_at"])
    for _statement in range(DELIVERED):
        speaker_call_next(speakers_list=speakers_list)
    speaker_finish(speakers_list=speakers_list)
    # Their times as in the room: four minutes each from the session's start.
    delivered = speakers_list.inscriptions.exclude(status=InscriptionStatus.WAITING).order_by(
        "position"
    )
    for index, inscription in enumerate(delivered):
        inscription.started_at = session.starts_at + datetime.timedelta(minutes=4 * index)
        inscription.ended_at = inscription.started_at + datetime.timedelta(minutes=4)
        inscription.save(update_fields=["started_at", "ended_at"])


def _swaps_load(*, speakers_list: SpeakersList) -> None:
    """Focal points' requests to exchange places: one accepted, one awaiting an answer."""
    waiting = list(speakers_list.inscriptions.order_by("position"))
    first, second = (waiting[place - 1] for place in SWAPPED)
    accepted = swap_request(
        proposer=first,
        partner=second,
        delegation=first.delegation,
        reason="Our minister must leave for the Security Council in the afternoon.",
    )
    swap_accept(swap=accepted, delegation=second.delegation)
    asker, asked = (waiting[place - 1] for place in ASKED)
    swap_request(
        proposer=asker,
        partner=asked,
        delegation=asker.delegation,
        reason="Our Head of Delegation arrives on the evening flight.",
    )


def _seating_load(*, conference: Conference) -> None:
    room = Room.objects.get(venue=conference.venue, name=programme.MAIN_AUDITORIUM)
    RoomLayout.objects.update_or_create(
        room=room, defaults={"rows": ROWS, "seats_per_row": SEATS_PER_ROW}
    )
    plan, _ = SeatingPlan.objects.update_or_create(
        conference=conference,
        room=room,
        defaults={"seats_per_delegation": SEATS_PER_DELEGATION},
    )
    # The head table, from the left: the chair, the host country, the Secretariat.
    plan.reserved_seats.all().delete()
    host = conference.delegations.filter(country=HOST_COUNTRY).first()
    head_table = [ReservedFor.CHAIR, ReservedFor.DELEGATION, ReservedFor.SECRETARIAT]
    for order, reserved_for in enumerate(head_table, start=1):
        if reserved_for == ReservedFor.DELEGATION and host is None:
            continue
        ReservedSeat.objects.create(
            plan=plan,
            reserved_for=reserved_for,
            delegation=host if reserved_for == ReservedFor.DELEGATION else None,
            order=order,
        )
    seating_draw(plan=plan, by=None, seed=SEED)
