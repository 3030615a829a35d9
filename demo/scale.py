"""A large synthetic conference for benchmarks, written with bulk inserts.

Everything in it is generated; only its slug is fixed, because the benchmark script looks it
up. Each run replaces the previous one.
"""

import datetime
import random

from django.core.mail import EmailMessage
from django.db import connection, transaction
from mailer.models import PRIORITY_MEDIUM, RESULT_SUCCESS, MessageLog, email_to_db

from accreditation.models import Entry, Zone
from clearance.models import AccessKind, ClearanceState, SecurityDataAccess, SecurityRecord
from conference.models import Conference, Host, Room, Venue
from delegations.member_states import UN_MEMBER_STATES
from delegations.models import (
    Category,
    Delegation,
    DelegationKind,
    DelegationStatus,
    FocalPoint,
    Participant,
    ParticipantStateChange,
    Role,
    State,
)
from demo import names, programme
from demo.history import (
    APPROVE,
    STAY_PENDING,
    participant_history,
    participant_set_final_state,
    reject,
    withdraw,
)
from registration.models import ApplicantKind, Application
from sessions.models import Session, SessionKind, SessionRole, SessionRoleKind, Speaker, Track

SLUG = "scale-test"
SEED = 20_000
TIME_ZONE = "Europe/Zurich"
FIRST_DAY = datetime.date(2030, 6, 3)
DAYS = 5
ROOMS = 12
# Sessions last an hour and start every 75 minutes from 08:00; the last one ends by 21:45.
SESSION_LENGTH = datetime.timedelta(minutes=60)
SESSION_STRIDE = datetime.timedelta(minutes=75)
SLOTS_PER_DAY = 11
MAX_SESSIONS = DAYS * ROOMS * SLOTS_PER_DAY
# The size of a Conference of the Parties (`generate_scale_data --cop`): what every admin list
# and public page must stay fast at (docs/performance.md, "COP scale").
COP = {
    "delegations": 250,
    "participants": 100_000,
    "sessions": 2_000,
    "rooms": 30,
    "days": 14,
}
MAX_DAYS = 31
MAX_ROOMS = 200
BATCH_SIZE = 2000
# Registrations arrive over the months before the meeting, not all at once.
REGISTRATION_PERIOD = datetime.timedelta(days=120)
# The generated mail log is told apart from real mail by its messages' ids.
MAIL_DOMAIN = "scale.example.org"

# The programme is in English and French, interpreted into French: every page, feed and API
# response of the benchmark reads translated texts.
LANGUAGES = ["en", "fr"]
# (name, French name, colour)
TRACKS = (
    *((name, french_name, colour) for _, name, french_name, colour in programme.TRACKS),
    ("Protection of civilians", "Protection des civils", "#b54708"),
    ("Women, peace and security", "Les femmes et la paix et la sécurité", "#c11574"),
    ("Mine action", "Action contre les mines", "#475467"),
    (
        "Rule of law and security institutions",
        "État de droit et institutions chargées de la sécurité",
        "#0e9384",
    ),
)
SESSION_KINDS = (
    (SessionKind.PANEL, 50),
    (SessionKind.EXPERT_PRESENTATION, 20),
    (SessionKind.BRIEFING, 15),
    (SessionKind.PLENARY, 10),
    (SessionKind.KEYNOTE, 5),
)
# (registration path, weight); Heads of Delegation are always approved.
PATHS = (
    (APPROVE, 85),
    (STAY_PENDING, 7),
    (reject(names.REJECTION_REASONS[0]), 4),
    (withdraw(names.WITHDRAWAL_REASONS[0]), 4),
)
# (first role, other roles) by kind of session.
ROLES = {SessionKind.PANEL: (SessionRoleKind.MODERATOR, SessionRoleKind.PANELLIST)}
DEFAULT_ROLES = (SessionRoleKind.CHAIR, SessionRoleKind.PRESENTER)


def max_sessions(*, days: int = DAYS, rooms: int = ROOMS) -> int:
    return days * rooms * SLOTS_PER_DAY


# One transaction: a run that fails partway (say, no keys to encrypt the security data with)
# leaves the previous conference as it was, not half of a new one.
@transaction.atomic
def scale_conference_generate(
    *,
    delegations: int = 200,
    participants: int = 20_000,
    sessions: int = 500,
    days: int = DAYS,
    rooms: int = ROOMS,
) -> Conference:
    """Replace the scale-test conference with a new one of the given sizes."""
    if not (1 <= days <= MAX_DAYS and 1 <= rooms <= MAX_ROOMS):
        raise ValueError(f"Give 1 to {MAX_DAYS} days and 1 to {MAX_ROOMS} rooms.")
    most = max_sessions(days=days, rooms=rooms)
    if delegations < 1 or participants < 0 or not 0 <= sessions <= most:
        raise ValueError(
            f"Give at least one delegation and at most {most} sessions "
            f"(all that fit in {days} days and {rooms} rooms)."
        )
    rng = random.Random(SEED)
    scale_conference_delete()
    venue, _ = Venue.objects.get_or_create(
        name="Scale Test Convention Centre", city="Geneva", defaults={"country": "CH"}
    )
    rooms = [
        Room.objects.get_or_create(
            venue=venue,
            name=f"Room {number}",
            defaults={
                "name_translations": {"fr": f"Salle {number}"},
                "capacity": 100,
                "order": number,
            },
        )[0]
        for number in range(1, rooms + 1)
    ]
    conference = Conference.objects.create(
        slug=SLUG,
        title="Scale test conference",
        title_translations={"fr": "Conférence de test de charge"},
        theme="Synthetic data for benchmarks",
        languages=LANGUAGES,
        venue=venue,
        time_zone=TIME_ZONE,
        start_date=FIRST_DAY,
        end_date=FIRST_DAY + datetime.timedelta(days=days - 1),
        is_published=True,
    )
    Host.objects.create(conference=conference, name="Scale Test Host", country="CH")
    delegation_rows = _delegations(conference, count=delegations, participants=participants)
    participant_rows = _participants(rng, conference, delegation_rows, count=participants)
    _programme(rng, conference, rooms, participant_rows, count=sessions)
    _operations(rng, conference, participant_rows)
    return conference


def scale_conference_delete() -> None:
    conference = Conference.objects.filter(slug=SLUG).first()
    if conference is None:
        return
    # Plain SQL for the big tables: the ORM would fetch every row and send a signal for each,
    # which takes minutes at full size. The conference's own delete() does the rest.
    participant = Participant._meta.db_table
    session = Session._meta.db_table
    of_participants = f"participant_id IN (SELECT id FROM {participant} WHERE conference_id = %s)"
    statements = (
        f"DELETE FROM {Entry._meta.db_table} WHERE {of_participants}",
        f"DELETE FROM {SecurityDataAccess._meta.db_table} WHERE conference_id = %s",
        f"DELETE FROM {SecurityRecord._meta.db_table} WHERE {of_participants}",
        f"DELETE FROM {Application._meta.db_table} WHERE conference_id = %s",
        f"DELETE FROM {SessionRole._meta.db_table} WHERE session_id IN "
        f"(SELECT id FROM {session} WHERE conference_id = %s)",
        f"DELETE FROM {session} WHERE conference_id = %s",
        f"DELETE FROM {Speaker._meta.db_table} WHERE conference_id = %s",
        f"DELETE FROM {ParticipantStateChange._meta.db_table} WHERE participant_id IN "
        f"(SELECT id FROM {participant} WHERE conference_id = %s)",
        f"DELETE FROM {participant} WHERE conference_id = %s",
    )
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement, [conference.pk])
        cursor.execute(
            f"DELETE FROM {MessageLog._meta.db_table} WHERE message_id LIKE %s",
            [f"%@{MAIL_DOMAIN}>"],
        )
    conference.delete()


def _delegations(conference: Conference, *, count: int, participants: int) -> list[Delegation]:
    """Member States first, then as many organisations as it takes to reach `count`."""
    quota = -(-participants // max(count, 1)) + 5
    rows = []
    for index in range(count):
        if index < len(UN_MEMBER_STATES):
            delegation = Delegation(
                kind=DelegationKind.MEMBER_STATE, country=UN_MEMBER_STATES[index]
            )
        else:
            delegation = Delegation(
                kind=DelegationKind.IGO if index % 2 else DelegationKind.NGO,
                organisation_name=f"Organisation {index - len(UN_MEMBER_STATES) + 1:03d}",
            )
        delegation.conference = conference
        delegation.status = DelegationStatus.ACCREDITED
        delegation.quota = quota
        delegation.protocol_sort_key = delegation.default_protocol_sort_key()
        rows.append(delegation)
    rows = Delegation.objects.bulk_create(rows, batch_size=BATCH_SIZE)
    FocalPoint.objects.bulk_create(
        [
            FocalPoint(
                delegation=delegation,
                name=f"Focal Point {index + 1}",
                email=f"focal{index + 1:03d}@scale.example.org",
            )
            for index, delegation in enumerate(rows)
        ],
        batch_size=BATCH_SIZE,
    )
    return rows


def _participants(
    rng: random.Random, conference: Conference, delegations: list[Delegation], *, count: int
) -> list[Participant]:
    """Participants spread evenly over the delegations, each state's history logged."""
    paths = [path for path, _ in PATHS]
    weights = [weight for _, weight in PATHS]
    rows, chosen = [], []
    for index in range(count):
        delegation = delegations[index % len(delegations)]
        head = index < len(delegations)
        name = names.person_name(rng, country=delegation.country.code)
        row = Participant(
            conference=conference,
            delegation=delegation,
            given_name=name.given_name,
            family_name=name.family_name,
            name_order=name.name_order,
            own_script_name=name.own_script_name,
            role=Role.HEAD if head else Role.REPRESENTATIVE,
            category=Category.DELEGATE,
            email=f"participant{index:06d}@scale.example.org",
            nationality=delegation.country,
            consents_to_public_listing=rng.random() < 0.75,
        )
        path = APPROVE if head else rng.choices(paths, weights=weights)[0]
        participant_set_final_state(participant=row, path=path)
        rows.append(row)
        chosen.append(path)
    rows = Participant.objects.bulk_create(rows, batch_size=BATCH_SIZE)
    # Spread over the registration period (auto_now_add made them all now) by a hash of the
    # id (Knuth's multiplicative one), so that each run gives the same dates.
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {Participant._meta.db_table} SET registered_at = registered_at - "
            "((id * 2654435761) %% %s) * interval '1 second' WHERE conference_id = %s",
            [int(REGISTRATION_PERIOD.total_seconds()), conference.pk],
        )
    for row in rows:
        row.registered_at -= datetime.timedelta(
            seconds=(row.pk * 2654435761) % int(REGISTRATION_PERIOD.total_seconds())
        )
    ParticipantStateChange.objects.bulk_create(
        [
            change
            for row, path in zip(rows, chosen, strict=True)
            for change in participant_history(participant=row, path=path)
        ],
        batch_size=BATCH_SIZE,
    )
    return rows


BIO_PHRASES = (
    "has served in peacekeeping missions on three continents",
    "advises the Department of Peace Operations on force generation",
    "led the medical support component of a multidimensional mission",
    "teaches international humanitarian law to troop contributors",
    "coordinated the protection of civilians in the field",
    "chaired the working group on contingent-owned equipment",
    "is responsible for training of formed police units",
    "wrote the handbook on women, peace and security for commanders",
)


def _bio(rng: random.Random, index: int) -> str:
    """Three sentences, about 300 characters: speakers' pages show them."""
    phrases = rng.sample(BIO_PHRASES, 3)
    return (
        f"Speaker {index + 1} {phrases[0]}. Since 2020 the speaker {phrases[1]}, and before "
        f"that {phrases[2]}. Member of the scale test organisation's advisory board."
    )


def _programme(
    rng: random.Random,
    conference: Conference,
    rooms: list[Room],
    participants: list[Participant],
    *,
    count: int,
) -> None:
    """`count` published sessions laid out room by room, day by day, never overlapping."""
    tracks = Track.objects.bulk_create(
        [
            Track(
                conference=conference,
                name=name,
                name_translations={"fr": french_name},
                slug=f"track-{order + 1}",
                colour=colour,
                order=order,
            )
            for order, (name, french_name, colour) in enumerate(TRACKS)
        ]
    )
    kinds = [kind for kind, _ in SESSION_KINDS]
    weights = [weight for _, weight in SESSION_KINDS]
    sessions = []
    days = len(conference.days)
    for index in range(count):
        slot, place = divmod(index, days * len(rooms))
        day, room = divmod(place, len(rooms))
        starts_at = (
            conference.local_midnight(conference.days[day])
            + datetime.timedelta(hours=8)
            + slot * SESSION_STRIDE
        )
        kind = rng.choices(kinds, weights=weights)[0]
        track = tracks[index % len(tracks)]
        sessions.append(
            Session(
                conference=conference,
                kind=kind,
                title=f"{SessionKind(kind).label} {index + 1}: {track.name}",
                title_translations={"fr": f"Séance {index + 1} : {track.name_translations['fr']}"},
                room=rooms[room],
                track=track,
                starts_at=starts_at,
                ends_at=starts_at + SESSION_LENGTH,
                language="en",
                interpretation=["fr"],
                is_published=True,
            )
        )
    sessions = Session.objects.bulk_create(sessions, batch_size=BATCH_SIZE)
    # Every third speaker is also a registered participant, as often happens.
    linked = iter(
        participant for participant in participants if participant.state == State.APPROVED
    )
    speakers = []
    # About 800 speakers for 500 sessions, each with a short bio: the programme pretalx was
    # measured against (docs/performance.md) had as many, and its speakers page shows bios.
    for index in range(max(count * 8 // 5, 5)):
        name = names.person_name(rng, country=rng.choice(UN_MEMBER_STATES))
        speakers.append(
            Speaker(
                conference=conference,
                given_name=name.given_name,
                family_name=name.family_name,
                name_order=name.name_order,
                own_script_name=name.own_script_name,
                title="Panellist",
                organisation="Scale Test Organisation",
                bio=_bio(rng, index),
                participant=next(linked, None) if index % 3 == 0 else None,
            )
        )
    speakers = Speaker.objects.bulk_create(speakers, batch_size=BATCH_SIZE)
    roles = []
    for session in sessions:
        lead, others = ROLES.get(session.kind, DEFAULT_ROLES)
        for order, speaker in enumerate(rng.sample(speakers, rng.randint(2, 5))):
            roles.append(
                SessionRole(
                    session=session,
                    speaker=speaker,
                    role=lead if order == 0 else others,
                    order=order,
                )
            )
    SessionRole.objects.bulk_create(roles, batch_size=BATCH_SIZE)


def _operations(
    rng: random.Random, conference: Conference, participants: list[Participant]
) -> None:
    """What the meeting's days leave in proportion to its participants: about three entries at
    the door per approved participant, security data for three in five and its access log, an
    individual application for one in twenty, and a mail log entry for each."""
    zones = Zone.objects.bulk_create(
        [
            Zone(
                conference=conference,
                name=name,
                code=code,
                colour=colour,
                categories=Category.values,
                order=order,
            )
            for order, (name, code, colour) in enumerate(
                (("Blue Zone", "B", "#0b5cad"), ("Plenary hall", "P", "#b54708"))
            )
        ]
    )
    days = conference.days
    approved = [participant for participant in participants if participant.state == State.APPROVED]
    entries = []
    for participant in approved:
        for day in rng.sample(days, min(3, len(days))):
            morning = conference.local_midnight(day) + datetime.timedelta(hours=8)
            entries.append(
                Entry(
                    participant=participant,
                    zone=rng.choice(zones),
                    day=day,
                    entered_at=morning + datetime.timedelta(seconds=rng.randrange(4 * 3600)),
                )
            )
    Entry.objects.bulk_create(entries, batch_size=BATCH_SIZE)
    records = []
    for participant in rng.sample(participants, len(participants) * 3 // 5):
        state = rng.choice((ClearanceState.SUBMITTED, ClearanceState.CLEARED))
        records.append(
            SecurityRecord(
                participant=participant,
                birth_place="Geneva",
                state=state,
                submitted_at=participant.registered_at,
                decided_at=participant.registered_at if state == ClearanceState.CLEARED else None,
            )
        )
    SecurityRecord.objects.bulk_create(records, batch_size=BATCH_SIZE)
    SecurityDataAccess.objects.bulk_create(
        [
            SecurityDataAccess(
                conference=conference,
                participant=record.participant,
                by_label="Security officer",
                kind=AccessKind.VIEWED,
            )
            for record in records[::5]
        ],
        batch_size=BATCH_SIZE,
    )
    Application.objects.bulk_create(
        [
            Application(
                conference=conference,
                kind=rng.choice(ApplicantKind.values),
                email=f"applicant{index:06d}@{MAIL_DOMAIN}",
                data={"given_name": "Applicant", "family_name": f"{index:06d}"},
            )
            for index in range(len(participants) // 20)
        ],
        batch_size=BATCH_SIZE,
    )
    MessageLog.objects.bulk_create(
        [
            MessageLog(
                message_data=email_to_db(
                    EmailMessage("Your registration is approved", "Welcome.", to=[row.email])
                ),
                message_id=f"<{index}@{MAIL_DOMAIN}>",
                when_added=row.registered_at,
                when_attempted=row.registered_at,
                priority=PRIORITY_MEDIUM,
                result=RESULT_SUCCESS,
            )
            for index, row in enumerate(participants)
        ],
        batch_size=BATCH_SIZE,
    )
