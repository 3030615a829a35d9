"""Writes the reference meeting (the demo conference) to the database, idempotently.

Every row is found by its natural key and updated or created, and rows the script no longer
has are deleted, so loading twice leaves the same rows. Only participants' registration states
are written once, when they are created: states that organisers changed while trying the demo,
and their logged history, stay.
"""

import datetime
import zoneinfo
from collections.abc import Callable, Hashable, Iterable

from django.db import models, transaction
from django.db.models import Q

from conference.models import Conference, Host, Room, Venue
from delegations.models import Delegation, FocalPoint, Participant, ParticipantStateChange
from delegations.participant_fields import CONTACT_FIELDS, MEDIA_FIELDS, PARTICIPANT_DETAILS
from demo import programme
from demo.attendance import zones_load
from demo.bilaterals import bilaterals_load
from demo.floor import floor_load
from demo.history import participant_history, participant_set_final_state
from demo.invitations import invitations_load
from demo.pledges import pledges_load
from demo.protocol import protocol_load
from demo.registrations import (
    UNCONFIRMED_APPLICANT,
    UNCONFIRMED_APPLICATION_KIND,
    DelegationPlan,
    MemberPlan,
    registration_plan,
)
from demo.timeline import (
    MemberTimes,
    timeline_load,
    timeline_plan,
    unconfirmed_applied_at,
)
from registration.models import Application
from registration.services import application_data
from sessions.models import SearchSynonym, Session, SessionRole, Speaker, Track

SLUG = "peacekeeping-prep-2023"
TIME_ZONE = "Asia/Karachi"
HOSTS = (("Pakistan", "PK"), ("Japan", "JP"))
# The details a MemberPlan gives; the e-mail address is the key, and no member has a phone.
MEMBER_PLAN_DETAILS = [
    field for field in PARTICIPANT_DETAILS if field not in (*CONTACT_FIELDS, *MEDIA_FIELDS)
]

SOURCE_NOTE = """\
From the source (the CIPS-NUST event page): the title, the theme, the dates (30-31 August
2023), the venue (CIPS-NUST, Islamabad), the co-hosts Pakistan and Japan, the description; the
keynote addresses by General Syed Asim Munir (Chief of Army Staff), Pakistan's Foreign Minister
and Defence Minister (shown by office: the source does not name them); four panel discussions,
one per sub-theme; the expert presentation on Improvised Explosive Devices; the briefing on the
system of pledging; the UN Secretariat officials who attended (the Under-Secretaries-General
for Peace Operations and for Operational Support, the UN Police Adviser; only the first is
named, with the name of the office holder in August 2023); 156 C-34 Member States.

Invented: the times, rooms and capacities; the opening, breaks and closing; every moderator,
panellist and presenter (their biographies say "Fictitious person invented for the demo
data."); the track colours; the floor languages and interpretation, and the French and Arabic
texts (translations made for the demo; the source is in English); the registration dates,
privacy notice and data controller; all delegations' statuses, quotas and focal points, and
every participant (seeded, so always the same), with when each registered, was approved or
turned down, had the badge printed and checked in; the pledge register and its 25 pledges
(demo/pledges.py); the three bilateral rooms and the 60 bilateral meetings between
delegations; the plenary segment (statements by delegations), its list of speakers (40
delegations, their levels of representation, two group statements, the first ten
statements delivered) and the seating of the Main Auditorium drawn by lot (seed shown on
the plan). The C-34's membership list is approximated by 156 UN Member States.\
"""

DESCRIPTION = """\
CIPS-NUST hosted the UN Peacekeeping Ministerial Preparatory Meeting, a collaborative effort \
between Pakistan and Japan underscoring their commitment to maintaining peace and stability in \
conflict zones worldwide. The meeting focused on the central theme of “Ensuring the Safety and \
Security of UN Peacekeepers”.

It featured keynote addresses by General Syed Asim Munir, Chief of Army Staff, and by \
Pakistan's Foreign Minister and Defence Minister. Member States represented in the UN Special \
Committee on Peacekeeping Operations, comprising 156 countries, took part, as did local and \
international experts and senior officials of the UN Secretariat: the Under-Secretary-General \
for Peace Operations, the Under-Secretary-General for Operational Support and the UN Police \
Adviser.

Panel discussions addressed four sub-themes: capacity-building needs; the safety and security \
of UN peacekeepers within the bounds of international law; the medical capabilities of UN \
peacekeeping missions; and technology and strategic communication. An expert presentation \
covered the threats posed by Improvised Explosive Devices (IEDs), and a briefing explained the \
system of pledging.

Pakistan has taken part in UN peacekeeping since 1960, with over 230,000 men and women \
deployed to 46 missions; 172 Pakistani peacekeepers made the ultimate sacrifice. The meeting \
prepared the UN Peacekeeping Ministerial to be held in Accra, Ghana, in December 2023."""

DESCRIPTION_FR = """\
Le CIPS-NUST a accueilli la Réunion ministérielle préparatoire sur le maintien de la paix des \
Nations Unies, fruit d'une collaboration entre le Pakistan et le Japon qui souligne leur \
engagement en faveur de la paix et de la stabilité dans les zones de conflit du monde entier. \
La réunion avait pour thème central « Assurer la sûreté et la sécurité des Casques bleus des \
Nations Unies ».

Elle a été marquée par les discours liminaires du général Syed Asim Munir, chef d'état-major de \
l'armée de terre, et des ministres pakistanais des Affaires étrangères et de la Défense. Les \
États Membres représentés au Comité spécial des opérations de maintien de la paix, qui compte \
156 pays, y ont pris part, ainsi que des experts nationaux et internationaux et de hauts \
fonctionnaires du Secrétariat de l'ONU : le Secrétaire général adjoint aux opérations de paix, \
le Secrétaire général adjoint à l'appui opérationnel et le Conseiller pour les questions de \
police.

Des tables rondes ont porté sur quatre sous-thèmes : les besoins en matière de renforcement des \
capacités ; la sûreté et la sécurité des Casques bleus dans le respect du droit international ; \
les capacités médicales des missions de maintien de la paix ; la technologie et la \
communication stratégique. Un exposé d'expert a présenté la menace des engins explosifs \
improvisés (EEI), et un exposé a expliqué le système d'annonces de contributions.

Le Pakistan participe au maintien de la paix des Nations Unies depuis 1960 : plus de 230 000 \
femmes et hommes ont été déployés dans 46 missions, et 172 Casques bleus pakistanais ont fait \
le sacrifice suprême. La réunion a préparé la réunion ministérielle sur le maintien de la paix \
des Nations Unies tenue à Accra (Ghana) en décembre 2023."""

DATA_CONTROLLER = (
    "Centre for International Peace and Stability (CIPS), National University of Sciences and "
    "Technology, Islamabad"
)
PRIVACY_NOTICE = """\
CIPS-NUST processes the personal data you give (name, title, contact details, photograph and \
needs) only to organise this meeting: registration, accreditation, badges, security and the \
official List of Participants. Your name appears on public pages only if you agree. Your data \
is deleted 180 days after the meeting. (Demo text.)"""


def _local(day: datetime.date, hhmm: str) -> datetime.datetime:
    """The aware instant of `hhmm` on `day` in Islamabad."""
    return datetime.datetime.combine(
        day, datetime.time.fromisoformat(hhmm), tzinfo=zoneinfo.ZoneInfo(TIME_ZONE)
    )


@transaction.atomic
def reference_meeting_load() -> Conference:
    """Create or update the reference meeting: registrations, invitations and the programme."""
    venue, _ = Venue.objects.update_or_create(
        name=programme.VENUE_NAME,
        city=programme.VENUE_CITY,
        defaults={"address": programme.VENUE_ADDRESS, "country": programme.VENUE_COUNTRY},
    )
    conference, _ = Conference.objects.update_or_create(
        slug=SLUG,
        defaults={
            "languages": programme.LANGUAGES,
            "title": "UN Peacekeeping Ministerial Preparatory Meeting",
            "title_translations": {
                "fr": "Réunion ministérielle préparatoire sur le maintien de la paix des "
                "Nations Unies",
                "ar": "الاجتماع الوزاري التحضيري بشأن عمليات حفظ السلام التابعة للأمم المتحدة",
            },
            "short_title": "Peacekeeping Preparatory Meeting",
            "short_title_translations": {
                "fr": "Réunion préparatoire sur le maintien de la paix",
                "ar": "الاجتماع التحضيري لحفظ السلام",
            },
            "theme": "Ensuring the Safety and Security of UN Peacekeepers",
            "theme_translations": {
                "fr": "Assurer la sûreté et la sécurité des Casques bleus des Nations Unies",
                "ar": "ضمان سلامة وأمن حفظة السلام التابعين للأمم المتحدة",
            },
            "description": DESCRIPTION,
            "description_translations": {"fr": DESCRIPTION_FR},
            "venue": venue,
            "time_zone": TIME_ZONE,
            "start_date": datetime.date(2023, 8, 30),
            "end_date": datetime.date(2023, 8, 31),
            "registration_opens_at": _local(datetime.date(2023, 7, 3), "09:00"),
            "registration_closes_at": _local(datetime.date(2023, 8, 25), "17:00"),
            "modification_deadline": _local(datetime.date(2023, 8, 18), "17:00"),
            "accepts_individual_applications": True,
            "privacy_notice": PRIVACY_NOTICE,
            "data_controller": DATA_CONTROLLER,
            "is_published": True,
        },
    )
    for order, (name, country) in enumerate(HOSTS):
        Host.objects.update_or_create(
            conference=conference, name=name, defaults={"country": country, "order": order}
        )
    plan = registration_plan()
    timeline = timeline_plan(conference=conference, plan=plan)
    registered = _registrations_load(conference=conference, plan=plan)
    zones = zones_load(conference=conference)
    timeline_load(conference=conference, registered=registered, timeline=timeline, zones=zones)
    _applications_load(conference=conference, registered=registered, timeline=timeline)
    invitations_load(conference=conference)
    protocol_load(conference=conference)
    _programme_load(
        conference=conference,
        venue=venue,
        participants={plan.speaker_key: row for row, plan in registered if plan.speaker_key},
    )
    pledges_load(conference=conference)
    bilaterals_load(conference=conference, venue=venue)
    floor_load(conference=conference)
    return conference


def _registrations_load(
    *, conference: Conference, plan: list[DelegationPlan]
) -> list[tuple[Participant, MemberPlan]]:
    """Write every delegation, focal point and participant; returns each with its plan.

    In bulk, by natural key: through the service this took 9,000 queries and 4-12 seconds.
    """
    # Participants the script dropped go first, so that their e-mail and their seat as Head
    # of Delegation are free; the stale delegations and focal points go at the end.
    conference.participants.exclude(
        email__in=[member.email for delegation in plan for member in delegation.members]
    ).delete()
    delegations, _, stale_delegations = _upsert(
        [
            Delegation(
                conference=conference,
                kind=delegation.kind,
                country=delegation.country,
                organisation_name=delegation.organisation_name,
                status=delegation.status,
                quota=delegation.quota,
                protocol_sort_key=Delegation(
                    country=delegation.country, organisation_name=delegation.organisation_name
                ).default_protocol_sort_key(),
            )
            for delegation in plan
        ],
        existing=conference.delegations.all(),
        key=lambda delegation: (str(delegation.country), delegation.organisation_name),
        fields=["kind", "status", "quota", "protocol_sort_key"],
    )
    _, _, stale_focal_points = _upsert(
        [
            FocalPoint(delegation=delegation, name=name, email=email)
            for delegation, planned in zip(delegations, plan, strict=True)
            for name, email in planned.focal_points
        ],
        existing=FocalPoint.objects.filter(delegation__conference=conference),
        key=lambda focal_point: (focal_point.delegation_id, focal_point.email),
        fields=["name"],
    )
    members = {
        member.email: (delegation, member)
        for delegation, planned in zip(delegations, plan, strict=True)
        for member in planned.members
    }
    rows = []
    for delegation, member in members.values():
        row = Participant(
            conference=conference,
            delegation=delegation,
            email=member.email,
            **{field: getattr(member, field) for field in MEMBER_PLAN_DETAILS},
        )
        participant_set_final_state(participant=row, path=member.path)
        rows.append(row)
    # States and their history are written only for new participants, so that a rerun neither
    # repeats the history nor undoes what an organiser changed while trying the demo.
    participants, created, _ = _upsert(
        rows,
        existing=conference.participants.all(),
        key=lambda row: row.email,
        fields=["delegation_id", *MEMBER_PLAN_DETAILS],
    )
    ParticipantStateChange.objects.bulk_create(
        [
            change
            for row in created
            for change in participant_history(participant=row, path=members[row.email][1].path)
        ]
    )
    FocalPoint.objects.filter(pk__in=stale_focal_points).delete()
    Delegation.objects.filter(pk__in=stale_delegations).delete()
    return [(row, members[row.email][1]) for row in participants]


def _applications_load(
    *,
    conference: Conference,
    registered: list[tuple[Participant, MemberPlan]],
    timeline: dict[str, MemberTimes],
) -> None:
    """The confirmed application of everyone who applied on their own, and one unconfirmed."""
    waiting = Participant(**UNCONFIRMED_APPLICANT)
    applied = {email: times.applied_at for email, times in timeline.items() if times.applied_at}
    applied[waiting.email] = unconfirmed_applied_at(conference=conference)
    rows = [
        Application(
            conference=conference,
            kind=plan.applied_as,
            email=row.email,
            data=application_data(participant=row),
            participant=row,
            confirmed_at=row.registered_at,
        )
        for row, plan in registered
        if plan.applied_as
    ]
    rows.append(
        Application(
            conference=conference,
            kind=UNCONFIRMED_APPLICATION_KIND,
            email=waiting.email,
            data=application_data(participant=waiting),
        )
    )
    saved, _, stale = _upsert(
        rows,
        existing=conference.applications.all(),
        key=lambda application: application.email,
        fields=["kind", "data", "participant_id", "confirmed_at"],
    )
    # created_at is set on insert (auto_now_add), hence the update after the upsert.
    misdated = [row for row in saved if row.created_at != applied[row.email]]
    for row in misdated:
        row.created_at = applied[row.email]
    Application.objects.bulk_update(misdated, ["created_at"])
    Application.objects.filter(pk__in=stale).delete()


def _upsert(
    rows: list[models.Model],
    *,
    existing: models.QuerySet,
    key: Callable[[models.Model], Hashable],
    fields: list[str],
) -> tuple[list[models.Model], list[models.Model], list[int]]:
    """Update `fields` of the `existing` rows whose natural `key` matches (where they differ),
    then insert the rest.

    Returns the saved rows in the order given, the inserted ones, and the ids of existing
    rows that `rows` no longer has.
    """
    stored = {key(row): row for row in existing}
    saved, to_create, to_update = [], [], []
    for row in rows:
        match = stored.pop(key(row), None)
        if match is None:
            to_create.append(row)
        elif any(getattr(match, field) != getattr(row, field) for field in fields):
            for field in fields:
                setattr(match, field, getattr(row, field))
            to_update.append(match)
        saved.append(match or row)
    # Updates first: a member who stops being Head of Delegation frees the seat for a new one.
    existing.model.objects.bulk_update(to_update, fields)
    existing.model.objects.bulk_create(to_create)
    return saved, to_create, [row.pk for row in stored.values()]


def _programme_load(
    *, conference: Conference, venue: Venue, participants: dict[str, Participant]
) -> None:
    rooms = {}
    for order, (name, french_name, capacity) in enumerate(programme.ROOMS):
        rooms[name], _ = Room.objects.update_or_create(
            venue=venue,
            name=name,
            defaults={
                "name_translations": {"fr": french_name},
                "capacity": capacity,
                "order": order,
            },
        )
    tracks = {}
    for order, (slug, name, french_name, colour) in enumerate(programme.TRACKS):
        tracks[slug], _ = Track.objects.update_or_create(
            conference=conference,
            slug=slug,
            defaults={
                "name": name,
                "name_translations": {"fr": french_name},
                "colour": colour,
                "order": order,
            },
        )
    synonyms = [
        SearchSynonym.objects.update_or_create(conference=conference, terms=list(terms))[0].pk
        for terms in programme.SEARCH_SYNONYMS
    ]
    _delete_all_but(SearchSynonym.objects.filter(conference=conference), synonyms)
    speakers = {}
    for key, person in programme.PEOPLE.items():
        speakers[key], _ = Speaker.objects.update_or_create(
            conference=conference,
            family_name=person.family_name,
            given_name=person.given_name,
            defaults={
                "honorific": person.honorific,
                "name_order": person.name_order,
                "own_script_name": person.own_script_name,
                "title": person.title,
                "organisation": person.organisation,
                "bio": person.bio,
                "participant": participants.get(key),
            },
        )
    # A session is known by its title and start: breaks share titles. Rows the script dropped
    # go first, so that a renamed or moved session cannot collide with its old self in the
    # room; the other deletes at the end keep the programme exactly as scripted.
    agenda = [(item, _local(conference.days[item.day], item.starts)) for item in programme.AGENDA]
    scripted = Q()
    for item, starts_at in agenda:
        scripted |= Q(title=item.title, starts_at=starts_at)
    Session.objects.filter(conference=conference).exclude(scripted).delete()
    session_roles = []
    for item, starts_at in agenda:
        session, _ = Session.objects.update_or_create(
            conference=conference,
            title=item.title,
            starts_at=starts_at,
            defaults={
                "kind": item.kind,
                "title_translations": _translations(item, 0),
                "description": item.description,
                "description_translations": _translations(item, 1),
                "room": rooms[item.room] if item.room else None,
                "track": tracks[item.track] if item.track else None,
                "ends_at": _local(conference.days[item.day], item.ends),
                "language": item.language,
                "interpretation": list(item.interpretation),
                "restricted_to_roles": list(item.restricted_to_roles),
                "restricted_to_delegation_kinds": list(item.restricted_to_delegation_kinds),
                "is_published": True,
            },
        )
        for order, (key, role) in enumerate(item.roles):
            session_role, _ = SessionRole.objects.update_or_create(
                session=session, speaker=speakers[key], role=role, defaults={"order": order}
            )
            session_roles.append(session_role.pk)
    _delete_all_but(SessionRole.objects.filter(session__conference=conference), session_roles)
    _delete_all_but(
        Speaker.objects.filter(conference=conference), [speaker.pk for speaker in speakers.values()]
    )
    _delete_all_but(
        Track.objects.filter(conference=conference), [track.pk for track in tracks.values()]
    )


def _translations(item: programme.Item, index: int) -> dict[str, str]:
    """The item's title (`index` 0) or description (1) in the languages it has them in."""
    texts = {"fr": item.fr[index], "ar": item.ar[index]}
    return {code: text for code, text in texts.items() if text}


def _delete_all_but(queryset: models.QuerySet, kept: Iterable[int]) -> None:
    queryset.exclude(pk__in=kept).delete()
