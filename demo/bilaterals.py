"""The demo meeting's bilateral meetings: three small rooms offered on both days, and 60
requests between delegations in every state. All invented (the source says nothing of
bilaterals), seeded so each load writes the same meetings.

Written through the services, as focal points would have, on a clock set to the week before
the meeting; the e-mails they would have sent are marked sent.
"""

import datetime
import random

from django.core.exceptions import ValidationError
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from bilaterals import services
from bilaterals.models import Bilateral, BilateralNotice, BilateralSlot
from bilaterals.tasks import notices_send
from conference.models import Conference, Room, Venue
from delegations.models import Delegation, DelegationKind

# (name, French name, capacity), after the programme's rooms. Invented.
ROOMS = (
    ("Bilateral Room 1", "Salle bilatérale 1", 10),
    ("Bilateral Room 2", "Salle bilatérale 2", 10),
    ("Bilateral Room 3", "Salle bilatérale 3", 8),
)
DAY_STARTS, DAY_ENDS = datetime.time(9), datetime.time(18)
SLOT = datetime.timedelta(minutes=30)
REQUESTS = 60
SEED = 2023
TOPICS = (
    "Formed police unit rotation",
    "Medical evacuation arrangements",
    "Counter-IED training cooperation",
    "Helicopter unit pledge",
    "Women in peacekeeping",
    "",
)
# What becomes of each request, in turn: 30 accepted, 10 awaiting, 6 with other times proposed,
# 8 declined, 6 cancelled.
OUTCOMES = (
    ["accepted"] * 30 + ["requested"] * 10 + ["counter"] * 6 + ["declined"] * 8 + ["cancelled"] * 6
)


def bilaterals_load(*, conference: Conference, venue: Venue) -> None:
    """Replace the conference's bilaterals and offered rooms with the demo's."""
    Bilateral.objects.filter(conference=conference).delete()
    BilateralSlot.objects.filter(conference=conference).delete()
    rooms = []
    for order, (name, french, capacity) in enumerate(ROOMS, start=20):
        room, _ = Room.objects.update_or_create(
            venue=venue,
            name=name,
            defaults={"name_translations": {"fr": french}, "capacity": capacity, "order": order},
        )
        rooms.append(room)
    slots = services.slots_create(
        conference=conference,
        rooms=rooms,
        days=conference.days,
        day_starts=DAY_STARTS,
        day_ends=DAY_ENDS,
        length=SLOT,
    )
    times = sorted({(slot.starts_at, slot.ends_at) for slot in slots})
    now = conference.starts_at - datetime.timedelta(days=7)
    rng = random.Random(SEED)
    delegations = list(
        Delegation.objects.filter(conference=conference, kind=DelegationKind.MEMBER_STATE)
        .order_by("protocol_sort_key")
        .prefetch_related("participants")
    )
    pairs = set()
    for outcome in OUTCOMES:
        requester, invitee = _pair(rng, delegations, pairs)
        members = [p for p in requester.participants.all() if p.state in ("pending", "approved")]
        proposed = rng.sample(times, 3)
        bilateral = services.bilateral_request(
            requester=requester,
            invitee=invitee,
            times=proposed,
            attendees=members[:2],
            topic=rng.choice(TOPICS),
            now=now,
        )
        _answer(rng, bilateral, invitee, outcome, proposed, times, now)
    # The demo's focal points were told long ago: nothing waits to be sent, and the digests
    # the services queued are dropped (loading twice leaves the same rows).
    BilateralNotice.objects.filter(bilateral__in=conference.bilaterals.all()).update(
        sent_at=timezone.now()
    )
    DBTaskResult.objects.filter(
        task_path=notices_send.module_path,
        status=TaskResultStatus.READY,
        args_kwargs__kwargs__delegation_id__in=[d.pk for d in delegations],
    ).delete()


def _pair(rng, delegations, pairs):
    while True:
        requester, invitee = rng.sample(delegations, 2)
        key = frozenset((requester.pk, invitee.pk))
        if key not in pairs:
            pairs.add(key)
            return requester, invitee


def _answer(rng, bilateral, invitee, outcome, proposed, times, now) -> None:
    members = [p for p in invitee.participants.all() if p.state in ("pending", "approved")]
    if outcome == "accepted" or outcome == "cancelled":
        for time in proposed:
            try:
                services.bilateral_accept(
                    bilateral=bilateral,
                    delegation=invitee,
                    time=time,
                    attendees=members[:1],
                    now=now,
                )
                break
            except ValidationError:
                continue  # A clash: the next proposed time, as a focal point would.
        if outcome == "cancelled":
            services.bilateral_cancel(bilateral=bilateral, delegation=invitee)
    elif outcome == "counter":
        services.bilateral_propose(
            bilateral=bilateral, delegation=invitee, times=rng.sample(times, 2), now=now
        )
    elif outcome == "declined":
        services.bilateral_decline(bilateral=bilateral, delegation=invitee)
