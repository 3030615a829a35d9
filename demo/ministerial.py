"""The upcoming UN Peacekeeping Ministerial, the meeting the reference meeting prepared.

The 2023 preparatory meeting is over: its registration closed long ago, so a newcomer who runs
the demo would find no form to fill in. This conference is dated from the day `load_demo` runs
(its first day about two months ahead), so it is always upcoming with registration open:
the focal points' links work, the application form is linked from its page, and a few members
wait for an organiser's decision.

From the source: the reference meeting prepared the Ministerial held in Accra, Ghana, in
December 2023. Invented: the dates (moved with today), the programme, the rooms, the
registration dates, who registered; the venue is Accra's international conference centre.
"""

import datetime
import zoneinfo

from django.db import transaction
from django.utils import timezone

from conference.models import Conference, Host, Room, Venue
from delegations.email_templates import INVITATION
from delegations.member_states import C34_MEMBERS
from delegations.models import (
    Category,
    Delegation,
    DelegationKind,
    DelegationStatus,
    EmailTemplate,
    FocalPoint,
    Participant,
    QuotaRequest,
    RepresentationLevel,
    Role,
)
from delegations.services import participant_approve
from demo import programme
from demo.attendance import zones_load
from demo.invitations import invitations_load
from diplomacy.models import ProtocolSettings, VisaLetterRequest, VisaState
from registration.services import member_add
from sessions.models import Session, SessionKind, Track

SLUG = "peacekeeping-ministerial"
TIME_ZONE = "Africa/Accra"
# The first day is about this far ahead of the day the demo is loaded, on a Tuesday.
DAYS_AHEAD = 60
VENUE_NAME = "Accra International Conference Centre"
VENUE_ADDRESS = "Castle Road, Ridge, Accra"
# (name, French name, capacity). Invented.
ROOMS = (
    ("Main Plenary Hall", "Salle plénière", 1600),
    ("Conference Room 1", "Salle de conférence 1", 150),
    ("Conference Room 2", "Salle de conférence 2", 80),
)
TRACKS = (
    ("plenary", "Plenary", "Plénière", "#1f4e79"),
    ("ministerial", "Ministerial round tables", "Tables rondes ministérielles", "#7a3b69"),
)
# (day, starts, ends, room, track, kind, title, French title).
AGENDA = (
    (0, "09:00", "10:30", 0, "plenary", SessionKind.OPENING, "Opening of the Ministerial",
     "Ouverture de la réunion ministérielle"),
    (0, "11:00", "13:00", 0, "plenary", SessionKind.PLENARY,
     "Plenary segment: statements of delegations (1)",
     "Débat plénier : déclarations des délégations (1)"),
    (0, "14:30", "16:30", 1, "ministerial", SessionKind.PANEL,
     "Round table: protection of civilians and the safety of peacekeepers",
     "Table ronde : protection des civils et sécurité des Casques bleus"),
    (0, "14:30", "16:30", 2, "ministerial", SessionKind.PANEL,
     "Round table: strategic communications and mis- and disinformation",
     "Table ronde : communication stratégique, mésinformation et désinformation"),
    (1, "09:00", "11:00", 0, "plenary", SessionKind.PLENARY,
     "Plenary segment: statements of delegations (2)",
     "Débat plénier : déclarations des délégations (2)"),
    (1, "11:30", "13:00", 1, "ministerial", SessionKind.PANEL,
     "Round table: women in peacekeeping",
     "Table ronde : les femmes dans le maintien de la paix"),
    (1, "11:30", "13:00", 2, "ministerial", SessionKind.BRIEFING,
     "Announcement of pledges", "Annonce des contributions"),
    (1, "15:00", "16:00", 0, "plenary", SessionKind.CLOSING, "Closing of the Ministerial",
     "Clôture de la réunion ministérielle"),
)  # fmt: skip
# Who registered so far: the host's delegation, approved; Japan's, waiting for a decision.
# (delegation, given name, family name, role, functional title, approved)
MEMBERS = (
    ("GH", "Ama", "Mensah", Role.HEAD, "Minister for Defence", True),
    ("GH", "Kwame", "Boateng", Role.DEPUTY, "Chief of the Defence Staff", True),
    ("GH", "Efua", "Owusu", Role.ADVISER, "Director, Peacekeeping Training", True),
    ("JP", "Haruka", "Sato", Role.HEAD, "State Minister for Foreign Affairs", False),
    ("JP", "Kenji", "Ito", Role.ADVISER, "Deputy Director, UN Policy Division", False),
    ("JP", "Yui", "Tanaka", Role.ADVISER, "Counsellor, Permanent Mission to the UN", False),
    ("JP", "Daisuke", "Mori", Role.ADVISER, "Colonel, Joint Staff", False),
)
# Visa support letters asked for by Japan's focal point, one in each state, to Ghana's embassy
# in Tokyo (invented): (given name, state, passport number, date of birth).
VISA_LETTERS = (
    ("Haruka", VisaState.SENT, "TK4410231", datetime.date(1968, 3, 14)),
    ("Kenji", VisaState.APPROVED, "TK5120874", datetime.date(1979, 11, 2)),
    ("Yui", VisaState.REQUESTED, "TR2296610", datetime.date(1986, 6, 25)),
    ("Daisuke", VisaState.REFUSED, "TZ0081377", datetime.date(1975, 1, 9)),
)
VISA_REFUSAL = (
    "The passport expires within six months of arrival: send a renewed passport's details."
)
QUOTA = 5
# The organisers' own wording of the invitation e-mail (admin: E-mail texts), in English.
INVITATION_SUBJECT = "Invitation: {{ conference }}"
INVITATION_TEXT = """\
The Government of the Republic of Ghana, as host of the {{ conference }}, has the honour to
invite {{ delegation }} to register its delegation.

Please register the members of your delegation, and upload the note verbale naming them,
through your delegation's personal page:

{{ portal_link }}

This link is personal to your delegation: please do not forward it.

The Secretariat of the {{ conference }}"""


def ministerial_dates(today: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The first and last day: the Tuesday on or after DAYS_AHEAD days from `today`, two days."""
    first = today + datetime.timedelta(days=DAYS_AHEAD)
    first += datetime.timedelta(days=(1 - first.weekday()) % 7)
    return first, first + datetime.timedelta(days=1)


def _local(day: datetime.date, hhmm: str) -> datetime.datetime:
    return datetime.datetime.combine(
        day, datetime.time.fromisoformat(hhmm), tzinfo=zoneinfo.ZoneInfo(TIME_ZONE)
    )


@transaction.atomic
def ministerial_load(*, today: datetime.date | None = None) -> Conference:
    """Create or update the upcoming Ministerial, dated from `today` (default: today)."""
    today = today or timezone.localdate()
    first, last = ministerial_dates(today)
    venue, _ = Venue.objects.update_or_create(
        name=VENUE_NAME, city="Accra", defaults={"address": VENUE_ADDRESS, "country": "GH"}
    )
    conference, _ = Conference.objects.update_or_create(
        slug=SLUG,
        defaults={
            "languages": programme.LANGUAGES,
            "title": "United Nations Peacekeeping Ministerial",
            "title_translations": {
                "fr": "Réunion ministérielle des Nations Unies sur le maintien de la paix",
                "ar": "الاجتماع الوزاري للأمم المتحدة بشأن حفظ السلام",
            },
            "short_title": "Peacekeeping Ministerial",
            "short_title_translations": {"fr": "Ministérielle sur le maintien de la paix"},
            "theme": "Ensuring the Safety and Security of UN Peacekeepers",
            "theme_translations": {
                "fr": "Assurer la sûreté et la sécurité des Casques bleus des Nations Unies",
                "ar": "ضمان سلامة وأمن حفظة السلام التابعين للأمم المتحدة",
            },
            "description": (
                "Ministers of the Member States that contribute to UN peacekeeping meet to "
                "announce pledges and agree on the priorities prepared at the preparatory "
                "meetings. (Demo conference: dated from the day the demo was loaded.)"
            ),
            "venue": venue,
            "time_zone": TIME_ZONE,
            "start_date": first,
            "end_date": last,
            "registration_opens_at": _local(today - datetime.timedelta(days=14), "09:00"),
            "registration_closes_at": _local(first - datetime.timedelta(days=7), "17:00"),
            "modification_deadline": _local(first - datetime.timedelta(days=10), "17:00"),
            "accepts_individual_applications": True,
            "privacy_notice": (
                "The organisers process the personal data you give only to organise this "
                "meeting; your name appears on public pages only if you agree, and your data "
                "is deleted 180 days after the meeting. (Demo text.)"
            ),
            "data_controller": "Ministry of Defence of Ghana (demo)",
            "is_published": True,
        },
    )
    Host.objects.update_or_create(
        conference=conference, name="Ghana", defaults={"country": "GH", "order": 0}
    )
    _delegations_load(conference)
    invitations_load(conference=conference)
    _programme_load(conference, venue, first)
    _members_load(conference)
    _waiting_list_load(conference)
    _visa_letters_load(conference, first, last)
    EmailTemplate.objects.update_or_create(
        conference=conference,
        kind=INVITATION,
        language="en",
        defaults={"subject": INVITATION_SUBJECT, "body": INVITATION_TEXT},
    )
    # The same three zones as the 2023 meeting: the door volunteer has zones to choose from
    # (the door still refuses until the meeting's first day or an open pre-registration day).
    zones_load(conference=conference)
    return conference


def _delegations_load(conference: Conference) -> None:
    """Every C-34 Member State and the Department of Peace Operations, invited."""
    wanted = [(code, "", DelegationKind.MEMBER_STATE) for code in C34_MEMBERS]
    wanted.append(("", programme.DPO, DelegationKind.UN_SECRETARIAT))
    existing = {(str(row.country), row.organisation_name) for row in conference.delegations.all()}
    new = []
    for country, organisation_name, kind in wanted:
        if (country, organisation_name) in existing:
            continue
        delegation = Delegation(
            conference=conference,
            kind=kind,
            country=country,
            organisation_name=organisation_name,
            status=DelegationStatus.INVITED,
            quota=QUOTA,
        )
        delegation.protocol_sort_key = delegation.default_protocol_sort_key()
        new.append(delegation)
    Delegation.objects.bulk_create(new)
    levels = {"GH": RepresentationLevel.MINISTER, "JP": RepresentationLevel.VICE_MINISTER}
    for code, level in levels.items():
        conference.delegations.filter(country=code).update(representation_level=level)
    for delegation in conference.delegations.filter(focal_points__isnull=True):
        key = str(delegation.country).lower() or "dpo"
        FocalPoint.objects.create(
            delegation=delegation,
            name=f"Focal point ({delegation.name})",
            email=f"focal.point.{key}@ministerial.example.org",
        )


def _programme_load(conference: Conference, venue: Venue, first: datetime.date) -> None:
    rooms = []
    for order, (name, french_name, capacity) in enumerate(ROOMS):
        room, _ = Room.objects.update_or_create(
            venue=venue,
            name=name,
            defaults={"name_translations": {"fr": french_name}, "capacity": capacity},
        )
        room.order = order
        room.save(update_fields=["order"])
        rooms.append(room)
    tracks = {}
    for order, (slug, name, french_name, colour) in enumerate(TRACKS):
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
    # The dates move with the day the demo is loaded: the sessions are written afresh.
    conference.sessions.all().delete()
    for day, starts, ends, room, track, kind, title, french_title in AGENDA:
        date = first + datetime.timedelta(days=day)
        Session.objects.create(
            conference=conference,
            title=title,
            title_translations={"fr": french_title},
            kind=kind,
            room=rooms[room],
            track=tracks[track],
            starts_at=_local(date, starts),
            ends_at=_local(date, ends),
            language="en",
            interpretation=[code for code in programme.LANGUAGES if code != "en"],
            is_published=True,
        )


def _members_load(conference: Conference) -> None:
    """Register MEMBERS through the portal's own service, once; approve the host's."""
    if conference.participants.exists():
        return
    delegations = {str(row.country): row for row in conference.delegations.all()}
    for code, given_name, family_name, role, title, approved in MEMBERS:
        participant = member_add(
            delegation=delegations[code],
            participant=Participant(
                given_name=given_name,
                family_name=family_name,
                role=role,
                functional_title=title,
                category=Category.DELEGATE,
                nationality=code,
                email=f"{given_name}.{family_name}@ministerial.example.org".lower(),
                consents_to_public_listing=True,
            ),
        )
        if approved:
            participant_approve(participant=participant)
    Delegation.objects.filter(conference=conference, country="GH").update(
        status=DelegationStatus.ACCREDITED
    )
    Delegation.objects.filter(conference=conference, country="JP").update(
        status=DelegationStatus.NOMINATED
    )


def _waiting_list_load(conference: Conference) -> None:
    """Ghana asks for more places than its quota: the waiting list has one open request."""
    ghana = conference.delegations.get(country="GH")
    if not ghana.quota_requests.exists():
        QuotaRequest.objects.create(
            delegation=ghana,
            places=2,
            reason="Two close-protection officers accompany the Minister for Defence.",
        )


def _visa_letters_load(conference: Conference, first: datetime.date, last: datetime.date) -> None:
    """Ghana's protocol settings (its letterhead in English and French), and VISA_LETTERS. The
    letters' PDFs are not made here: approving a request in the admin makes and sends them."""
    settings, _ = ProtocolSettings.objects.get_or_create(
        conference=conference,
        defaults={
            "letterhead": "Ministry of Foreign Affairs and Regional Integration\nRepublic of Ghana",
            "letterhead_translations": {
                "fr": "Ministère des affaires étrangères et de l'intégration régionale\n"
                "République du Ghana"
            },
            "sender": "The Ministry of Foreign Affairs and Regional Integration of the Republic "
            "of Ghana",
            "sender_translations": {
                "fr": "Le Ministère des affaires étrangères et de l'intégration régionale de la "
                "République du Ghana"
            },
            "place": "Accra",
            "reference_prefix": "GHMFA",
        },
    )
    members = {
        row.given_name: row for row in conference.participants.filter(delegation__country="JP")
    }
    year = first.year
    decided = timezone.now() - datetime.timedelta(days=2)
    for number, (given_name, state, passport, born) in enumerate(VISA_LETTERS, start=1):
        numbered = state in (VisaState.APPROVED, VisaState.SENT)
        VisaLetterRequest.objects.update_or_create(
            participant=members[given_name],
            defaults={
                "conference": conference,
                "mission_city": "Tokyo",
                "mission_country": "JP",
                "passport_number": passport,
                "nationality": "JP",
                "date_of_birth": born,
                "passport_issued_on": datetime.date(2021, 4, 1),
                "passport_expires_on": (
                    last + datetime.timedelta(days=90)
                    if state == VisaState.REFUSED
                    else datetime.date(2031, 3, 31)
                ),
                "arrival_on": first - datetime.timedelta(days=1),
                "departure_on": last + datetime.timedelta(days=1),
                "state": state,
                "refusal_reason": VISA_REFUSAL if state == VisaState.REFUSED else "",
                "language": "en",
                "number": number if numbered else None,
                "reference": f"{settings.reference_prefix}/VISA/{year}/{number:03d}"
                if numbered
                else "",
                "decided_at": decided if state != VisaState.REQUESTED else None,
                "sent_at": decided if state == VisaState.SENT else None,
            },
        )
