"""Bilateral meetings at scale: the organisers' grid and the focal point's request form.

Creates a `bench-bilaterals` conference: 150 delegations of 3 members, 10 rooms offered on two
days from 09:00 to 18:00 in half-hour slots (360 slots), and 1,500 bilaterals between them: the
360 slots all taken by accepted meetings, the other 1,140 requests open, declined or cancelled
(each delegation is in about 20). Then it times, with Django's test client and DEBUG off (the
server's work: middleware, view, queries, template; no HTTP server), the grid page of the
first day, the request form and a delegation's list of meetings: median and 90th percentile
of 30 requests each, after one untimed request. Aim: under 300 ms. The conference is deleted
at the end. Results go in docs/bilaterals.md.
"""

import datetime
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from run import HEADERS, in_process_environment, prepare_database

SLUG = "bench-bilaterals"
DELEGATIONS, ROOMS, BILATERALS, MEMBERS = 150, 10, 1500, 3
TOKEN = "bench-bilaterals-token"
REQUESTS = 30


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="plenary-bench-static-") as static_root:
        in_process_environment(
            STAFF_MFA_REQUIRED="false",
            STATIC_ROOT=static_root,
        )
        prepare_database()
        from django.core.management import call_command

        # DEBUG off means hashed static file names, which need collectstatic's manifest.
        call_command("collectstatic", interactive=False, verbosity=0)
        try:
            conference, delegation = bench_conference()
            measure(conference, delegation)
        finally:
            bench_conference_delete()


def bench_conference_delete() -> None:
    from bilaterals.models import Bilateral, BilateralSlot
    from conference.models import Conference, Room

    conference = Conference.objects.filter(slug=SLUG).first()
    if conference is None:
        return
    Bilateral.objects.filter(conference=conference).delete()
    BilateralSlot.objects.filter(conference=conference).delete()
    rooms = Room.objects.filter(venue=conference.venue, name__startswith="Bench bilateral")
    conference.participants.all().delete()
    conference.delete()
    rooms.delete()


def bench_conference():
    from django.utils import timezone

    from bilaterals import services
    from bilaterals.models import (
        Bilateral,
        BilateralAttendee,
        BilateralParty,
        BilateralProposal,
        BilateralState,
    )
    from conference.models import Conference, Room, Venue
    from delegations.member_states import UN_MEMBER_STATES
    from delegations.models import Delegation, DelegationKind, Invitation, Participant, token_hash

    bench_conference_delete()
    venue, _ = Venue.objects.get_or_create(
        name="Benchmark Conference Centre", city="Geneva", defaults={"country": "CH"}
    )
    first = timezone.localdate() + datetime.timedelta(days=30)
    conference = Conference.objects.create(
        slug=SLUG,
        title="Benchmark: bilaterals",
        venue=venue,
        time_zone="Europe/Zurich",
        start_date=first,
        end_date=first + datetime.timedelta(days=1),
    )
    rooms = [
        Room.objects.create(venue=venue, name=f"Bench bilateral {n:02d}", order=n)
        for n in range(ROOMS)
    ]
    slots = services.slots_create(
        conference=conference,
        rooms=rooms,
        days=conference.days,
        day_starts=datetime.time(9),
        day_ends=datetime.time(18),
        length=datetime.timedelta(minutes=30),
    )
    delegations = Delegation.objects.bulk_create(
        Delegation(
            conference=conference,
            kind=DelegationKind.MEMBER_STATE,
            country=country,
            protocol_sort_key=country,
        )
        for country in UN_MEMBER_STATES[:DELEGATIONS]
    )
    members = Participant.objects.bulk_create(
        Participant(
            conference=conference,
            delegation=delegation,
            given_name=f"Given{n}",
            family_name=f"Family{index}",
            email=f"member-{index}-{n}@bench.invalid",
        )
        for index, delegation in enumerate(delegations)
        for n in range(MEMBERS)
    )
    first_member = {m.delegation_id: m for m in reversed(members)}
    Invitation.objects.create(delegation=delegations[0], token_hash=token_hash(TOKEN))
    rng = random.Random(1500)
    times = sorted({(slot.starts_at, slot.ends_at) for slot in slots})
    rows, busy, pairs = [], set(), set()
    for slot in slots:  # every slot taken by an accepted meeting
        while True:
            a, b = rng.sample(delegations, 2)
            key = frozenset((a.pk, b.pk))
            when = slot.starts_at
            if key not in pairs and (a.pk, when) not in busy and (b.pk, when) not in busy:
                break
        pairs.add(key)
        busy.update({(a.pk, when), (b.pk, when)})
        rows.append(
            Bilateral(
                conference=conference,
                requester=a,
                invitee=b,
                state=BilateralState.ACCEPTED,
                room=slot.room,
                starts_at=slot.starts_at,
                ends_at=slot.ends_at,
                topic="Benchmark",
            )
        )
    others = [BilateralState.REQUESTED, BilateralState.COUNTER_PROPOSED, BilateralState.DECLINED]
    while len(rows) < BILATERALS:
        a, b = rng.sample(delegations, 2)
        key = frozenset((a.pk, b.pk))
        if key in pairs:
            continue
        pairs.add(key)
        rows.append(
            Bilateral(conference=conference, requester=a, invitee=b, state=rng.choice(others))
        )
    bilaterals = Bilateral.objects.bulk_create(rows)
    BilateralParty.objects.bulk_create(
        BilateralParty(bilateral=bilateral, delegation_id=delegation_id)
        for bilateral in bilaterals
        for delegation_id in (bilateral.requester_id, bilateral.invitee_id)
    )
    BilateralAttendee.objects.bulk_create(
        BilateralAttendee(bilateral=bilateral, participant=first_member[bilateral.requester_id])
        for bilateral in bilaterals
    )
    BilateralProposal.objects.bulk_create(
        BilateralProposal(bilateral=bilateral, starts_at=start, ends_at=end)
        for bilateral in bilaterals
        for start, end in rng.sample(times, 3)
    )
    print(
        f"{len(delegations)} delegations, {len(slots)} slots in {ROOMS} rooms over 2 days, "
        f"{len(bilaterals)} bilaterals ({sum(b.starts_at is not None for b in bilaterals)} "
        f"accepted); {delegations[0].name} is in "
        f"{sum(delegations[0].pk in (b.requester_id, b.invitee_id) for b in bilaterals)}."
    )
    return conference, delegations[0]


def measure(conference, delegation) -> None:
    from django.contrib.auth import get_user_model
    from django.test import Client
    from django.urls import reverse

    organiser, _ = get_user_model().objects.get_or_create(
        username="bench-organiser", defaults={"is_staff": True, "is_superuser": True}
    )
    staff = Client(headers=HEADERS)
    staff.force_login(organiser)
    focal_point = Client(headers=HEADERS)
    pages = [
        (
            "Grid, first day (10 rooms x 18 slots)",
            staff,
            reverse("bilaterals:grid", kwargs={"conference": conference.slug}),
        ),
        (
            "Request form (149 delegations, 36 times)",
            focal_point,
            reverse("bilaterals:request", kwargs={"token": TOKEN}),
        ),
        (
            "A delegation's meetings (portal)",
            focal_point,
            reverse("bilaterals:portal", kwargs={"token": TOKEN}),
        ),
    ]
    print("| page | p50 ms | p90 ms | size kB |")
    print("|---|---:|---:|---:|")
    for name, client, url in pages:
        response = client.get(url, secure=True)
        if response.status_code != 200:
            sys.exit(f"{name}: {response.status_code}")
        timings = []
        for _ in range(REQUESTS):
            started = time.perf_counter()
            client.get(url, secure=True)
            timings.append((time.perf_counter() - started) * 1000)
        timings.sort()
        p90 = timings[int(len(timings) * 0.9) - 1]
        print(
            f"| {name} | {statistics.median(timings):.1f} | {p90:.1f} | "
            f"{len(response.content) / 1024:.0f} |"
        )


if __name__ == "__main__":
    main()
