"""Factories for every model; defaults describe a plain, valid, unpublished conference."""

import datetime
import itertools
import zoneinfo

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.utils import timezone
from django_countries import countries

from accounts.models import LoginFailures, RecoveryCode, RecoveryCodes, recovery_code_digest
from accreditation.models import Document, DocumentKind, Entry, PreRegistrationDay, Zone
from bilaterals.models import Bilateral, BilateralSlot
from conference.models import Conference, ConferenceRole, Host, Room, Venue
from conference.models import Role as StaffRole
from delegations.member_states import UN_MEMBER_STATES
from delegations.models import (
    Category,
    Delegation,
    DelegationKind,
    EmailTemplate,
    Export,
    ExportKind,
    FocalPoint,
    Invitation,
    Participant,
    ParticipantStateChange,
    QuotaRequest,
    Role,
    State,
    token_hash,
)
from diplomacy.models import VisaLetterRequest
from messaging.models import Audience, BulkMessage
from registration.models import ApplicantKind, Application
from sessions.models import (
    SearchSynonym,
    Session,
    SessionKind,
    SessionRole,
    SessionRoleKind,
    Speaker,
    Track,
)

KARACHI = zoneinfo.ZoneInfo("Asia/Karachi")
# Every factory user's password, for tests that log in through the login form.
PASSWORD = "correct horse battery staple"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")
    password = factory.django.Password(PASSWORD)


class StaffUserFactory(UserFactory):
    is_staff = True
    is_superuser = True


class StaffMemberFactory(UserFactory):
    """Staff, not superuser, with only the permissions named: permissions=["app.codename"]."""

    is_staff = True

    class Meta:
        skip_postgeneration_save = True

    @factory.post_generation
    def permissions(user, create, extracted, **kwargs):
        for name in extracted or []:
            app_label, codename = name.split(".")
            user.user_permissions.add(
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
            )


class VenueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Venue

    name = factory.Sequence(lambda n: f"Conference Centre {n}")
    city = "Islamabad"
    country = "PK"


class RoomFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Room

    venue = factory.SubFactory(VenueFactory)
    name = factory.Sequence(lambda n: f"Room {n}")
    capacity = 200


class ConferenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Conference

    slug = factory.Sequence(lambda n: f"meeting-{n}")
    title = factory.Sequence(lambda n: f"Preparatory Meeting {n}")
    venue = factory.SubFactory(VenueFactory)
    time_zone = "Asia/Karachi"
    start_date = datetime.date(2023, 8, 30)
    end_date = datetime.date(2023, 8, 31)


class PublishedConferenceFactory(ConferenceFactory):
    is_published = True


class OpenConferenceFactory(ConferenceFactory):
    """A conference whose registration opened yesterday and closes in a month."""

    registration_opens_at = factory.LazyFunction(
        lambda: timezone.now() - datetime.timedelta(days=1)
    )
    registration_closes_at = factory.LazyFunction(
        lambda: timezone.now() + datetime.timedelta(days=30)
    )
    accepts_individual_applications = True


class RegistrationClosedConferenceFactory(ConferenceFactory):
    """A meeting next week whose registration closed an hour ago: links show lists read-only."""

    registration_opens_at = factory.LazyFunction(
        lambda: timezone.now() - datetime.timedelta(days=10)
    )
    registration_closes_at = factory.LazyFunction(
        lambda: timezone.now() - datetime.timedelta(hours=1)
    )
    start_date = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=6))
    end_date = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=7))


class ConferenceRoleFactory(factory.django.DjangoModelFactory):
    """A staff member (not superuser, no permissions of their own) with a role in a conference."""

    class Meta:
        model = ConferenceRole

    conference = factory.SubFactory(ConferenceFactory)
    user = factory.SubFactory("tests.factories.UserFactory", is_staff=True)
    role = StaffRole.VIEWER


class HostFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Host

    conference = factory.SubFactory(ConferenceFactory)
    name = factory.Sequence(lambda n: f"Host {n}")


_country_turn = itertools.count()


def _country_not_in(conference: Conference) -> str:
    """The next UN Member State in turn of which `conference` has no delegation yet (one per
    country, a constraint): a test that names a country for one delegation must not meet it
    again in the factory's turn, wherever the turn stands in this process (pytest-xdist
    shares tests between processes)."""
    taken = set()
    if conference.pk is not None:
        taken = set(
            Delegation.objects.filter(conference=conference).values_list("country", flat=True)
        )
    start = next(_country_turn)
    for offset in range(len(UN_MEMBER_STATES)):
        country = UN_MEMBER_STATES[(start + offset) % len(UN_MEMBER_STATES)]
        if country not in taken:
            return country
    raise ValueError(f"{conference} has a delegation of every Member State")


class DelegationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Delegation

    conference = factory.SubFactory(ConferenceFactory)
    kind = DelegationKind.MEMBER_STATE
    country = factory.LazyAttribute(lambda delegation: _country_not_in(delegation.conference))
    protocol_sort_key = factory.LazyAttribute(
        lambda delegation: countries.name(delegation.country) if delegation.country else ""
    )
    quota = 5


class OrganisationDelegationFactory(DelegationFactory):
    kind = DelegationKind.UN_SECRETARIAT
    country = ""
    organisation_name = factory.Sequence(lambda n: f"United Nations Office {n}")
    protocol_sort_key = factory.SelfAttribute("organisation_name")


class FocalPointFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FocalPoint

    delegation = factory.SubFactory(DelegationFactory)
    name = factory.Sequence(lambda n: f"Focal Point {n}")
    email = factory.Sequence(lambda n: f"focal{n}@mission.example.org")


class ParticipantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Participant

    delegation = factory.SubFactory(DelegationFactory)
    conference = factory.SelfAttribute("delegation.conference")
    given_name = factory.Sequence(lambda n: f"Given{n}")
    family_name = factory.Sequence(lambda n: f"Family{n}")
    role = Role.REPRESENTATIVE
    category = Category.DELEGATE
    email = factory.Sequence(lambda n: f"participant{n}@example.org")
    state = State.PENDING


class ParticipantStateChangeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ParticipantStateChange

    participant = factory.SubFactory(ParticipantFactory)
    from_state = State.PENDING
    to_state = State.APPROVED


class InvitationFactory(factory.django.DjangoModelFactory):
    """A sent invitation to a delegation of an open conference; `token` is the link's secret."""

    class Meta:
        model = Invitation

    class Params:
        token = factory.Sequence(lambda n: f"invitation-token-{n}")

    delegation = factory.SubFactory(
        DelegationFactory, conference=factory.SubFactory(OpenConferenceFactory)
    )
    token_hash = factory.LazyAttribute(lambda invitation: token_hash(invitation.token))
    sent_at = factory.LazyFunction(timezone.now)
    send_count = 1


class ApplicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Application

    conference = factory.SubFactory(OpenConferenceFactory)
    kind = ApplicantKind.EXPERT
    email = factory.Sequence(lambda n: f"expert{n}@university.example.org")
    data = factory.Sequence(
        lambda n: {"given_name": f"Expert{n}", "family_name": "Applicant", "nationality": "GH"}
    )


class TrackFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Track

    conference = factory.SubFactory(ConferenceFactory)
    name = factory.Sequence(lambda n: f"Sub-theme {n}")
    slug = factory.Sequence(lambda n: f"sub-theme-{n}")


class SessionFactory(factory.django.DjangoModelFactory):
    """A half-hour panel; a conference's sessions follow each other from 08:00 local time.

    So sessions made one after another are in time order and never overlap; the first 32
    fall on the conference's first day.
    """

    class Meta:
        model = Session

    conference = factory.SubFactory(ConferenceFactory)
    kind = SessionKind.PANEL
    title = factory.Sequence(lambda n: f"Panel discussion {n}")
    language = factory.LazyAttribute(lambda session: session.conference.main_language)
    starts_at = factory.LazyAttribute(
        lambda session: (
            session.conference.local_midnight(session.conference.start_date)
            + datetime.timedelta(hours=8, minutes=30 * session.conference.sessions.count())
        )
    )
    ends_at = factory.LazyAttribute(
        lambda session: session.starts_at + datetime.timedelta(minutes=30)
    )


class SearchSynonymFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SearchSynonym

    conference = factory.SubFactory(ConferenceFactory)
    terms = factory.LazyFunction(lambda: ["IED", "improvised explosive device"])


class PublishedSessionFactory(SessionFactory):
    conference = factory.SubFactory(PublishedConferenceFactory)
    is_published = True


class SpeakerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Speaker

    conference = factory.SubFactory(ConferenceFactory)
    given_name = factory.Sequence(lambda n: f"Speaker{n}")
    family_name = factory.Sequence(lambda n: f"Surname{n}")
    organisation = "United Nations"


class SessionRoleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SessionRole

    session = factory.SubFactory(SessionFactory)
    speaker = factory.SubFactory(
        SpeakerFactory, conference=factory.SelfAttribute("..session.conference")
    )
    role = SessionRoleKind.PANELLIST


def published_programme(*, sessions: int) -> Conference:
    """A published conference whose `sessions` published half-hour sessions follow each other in
    one room from 08:00 on the first day, each in one track with one panellist."""
    conference = PublishedConferenceFactory()
    room = RoomFactory(venue=conference.venue, name="Main Hall")
    track = TrackFactory(conference=conference, name="Capacity-building")
    first = datetime.datetime.combine(conference.start_date, datetime.time(8), conference.tzinfo)
    for number in range(sessions):
        starts_at = first + datetime.timedelta(minutes=30 * number)
        session = PublishedSessionFactory(
            conference=conference,
            room=room,
            track=track,
            starts_at=starts_at,
            ends_at=starts_at + datetime.timedelta(minutes=30),
        )
        SessionRoleFactory(session=session)
    return conference


class ApprovedParticipantFactory(ParticipantFactory):
    state = State.APPROVED


class DoorConferenceFactory(ConferenceFactory):
    """A meeting running today and tomorrow (in Karachi): the door lets people in today."""

    start_date = factory.LazyFunction(lambda: timezone.localtime(timezone.now(), KARACHI).date())
    end_date = factory.LazyAttribute(
        lambda conference: conference.start_date + datetime.timedelta(days=1)
    )


class DoorParticipantFactory(ParticipantFactory):
    """An approved participant of a meeting running today: the door may let them in."""

    delegation = factory.SubFactory(
        DelegationFactory, conference=factory.SubFactory(DoorConferenceFactory)
    )
    state = State.APPROVED


class ZoneFactory(factory.django.DjangoModelFactory):
    """A zone every category may enter."""

    class Meta:
        model = Zone

    conference = factory.SubFactory(ConferenceFactory)
    name = factory.Sequence(lambda n: f"Zone {n}")
    code = factory.Sequence(lambda n: str(n % 1000))
    colour = "#0B5CAD"
    categories = factory.LazyFunction(lambda: list(Category.values))
    confirm_each_entry = False


class PreRegistrationDayFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PreRegistrationDay

    conference = factory.SubFactory(ConferenceFactory)
    day = factory.LazyAttribute(lambda day: day.conference.start_date - datetime.timedelta(days=1))


class EntryFactory(factory.django.DjangoModelFactory):
    """An approved participant's entry into a zone of their conference on its first day."""

    class Meta:
        model = Entry

    participant = factory.SubFactory(ApprovedParticipantFactory)
    zone = factory.SubFactory(
        ZoneFactory, conference=factory.SelfAttribute("..participant.conference")
    )
    day = factory.LazyAttribute(lambda entry: entry.participant.conference.start_date)
    entered_at = factory.LazyAttribute(
        lambda entry: datetime.datetime.combine(entry.day, datetime.time(9), KARACHI)
    )


class DocumentFactory(factory.django.DjangoModelFactory):
    """A List of Participants asked for and not yet made."""

    class Meta:
        model = Document

    conference = factory.SubFactory(ConferenceFactory)
    kind = DocumentKind.PARTICIPANT_LIST_PDF


class ExportFactory(factory.django.DjangoModelFactory):
    """An admin export of participants asked for and not yet made (no rows)."""

    class Meta:
        model = Export

    conference = factory.SubFactory(ConferenceFactory)
    kind = ExportKind.PARTICIPANTS
    language = "en"


class CheckInStaffFactory(UserFactory):
    """A door volunteer: not staff, with the check-in role in `conference` (a meeting running
    today unless given) and nothing anywhere else."""

    class Meta:
        skip_postgeneration_save = True

    @factory.post_generation
    def conference(user, create, extracted, **kwargs):
        if create:
            ConferenceRole.objects.create(
                user=user, conference=extracted or DoorConferenceFactory(), role=StaffRole.CHECK_IN
            )


class DoorSupervisorFactory(UserFactory):
    """Not staff, holding the check-in permission the stock way: every conference's door, as a
    superuser gives it to a supervisor of several meetings."""

    class Meta:
        skip_postgeneration_save = True

    @factory.post_generation
    def check_in_everywhere(user, create, extracted, **kwargs):
        if create:
            user.user_permissions.add(
                Permission.objects.get(
                    content_type__app_label="accreditation", codename="check_in_participants"
                )
            )


class LoginFailuresFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LoginFailures

    scope = LoginFailures.Scope.ACCOUNT
    key = factory.Sequence(lambda n: f"user{n}")
    failures = 1
    last_failure_at = factory.LazyFunction(timezone.now)


class RecoveryCodesFactory(factory.django.DjangoModelFactory):
    """A set of recovery codes; `codes=[...]` gives its codes (stored as digests)."""

    class Meta:
        model = RecoveryCodes
        skip_postgeneration_save = True

    user = factory.SubFactory(StaffUserFactory)
    name = "Recovery codes"
    confirmed = True

    @factory.post_generation
    def codes(device, create, extracted, **kwargs):
        for code in extracted or []:
            RecoveryCode.objects.create(device=device, digest=recovery_code_digest(code))


class QuotaRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = QuotaRequest

    delegation = factory.SubFactory(DelegationFactory)
    places = 2
    reason = "Two security officers accompany the Minister."


class EmailTemplateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EmailTemplate

    conference = factory.SubFactory(ConferenceFactory)
    kind = "participant_pending"
    language = "en"
    subject = "{{ conference }}: received"
    body = "Dear {{ name }}, we have your registration."


class BulkMessageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BulkMessage

    conference = factory.SubFactory(ConferenceFactory)
    audience = Audience.PARTICIPANTS
    subject = "Shuttle to the venue"
    body = "Dear {{ name }}, the shuttle leaves at 08:00."


class BilateralSlotFactory(factory.django.DjangoModelFactory):
    """A half-hour room for bilaterals at 10:00 on the conference's first day, local time."""

    class Meta:
        model = BilateralSlot

    conference = factory.SubFactory(ConferenceFactory)
    room = factory.SubFactory(RoomFactory)
    starts_at = factory.LazyAttribute(
        lambda slot: (
            slot.conference.local_midnight(slot.conference.start_date)
            + datetime.timedelta(hours=10)
        )
    )
    ends_at = factory.LazyAttribute(lambda slot: slot.starts_at + datetime.timedelta(minutes=30))


class BilateralFactory(factory.django.DjangoModelFactory):
    """A request between two delegations of one conference, awaiting the invitee's answer."""

    class Meta:
        model = Bilateral

    conference = factory.SubFactory(ConferenceFactory)
    requester = factory.SubFactory(
        DelegationFactory, conference=factory.SelfAttribute("..conference")
    )
    invitee = factory.SubFactory(
        DelegationFactory, conference=factory.SelfAttribute("..conference")
    )


class VisaLetterRequestFactory(factory.django.DjangoModelFactory):
    """A visa support letter requested for a member, for a meeting in August 2023."""

    class Meta:
        model = VisaLetterRequest

    participant = factory.SubFactory(ParticipantFactory)
    conference = factory.SelfAttribute("participant.conference")
    mission_city = "Tokyo"
    mission_country = "JP"
    passport_number = factory.Sequence(lambda n: f"TK{n:07d}")
    nationality = "JP"
    date_of_birth = datetime.date(1980, 4, 2)
    passport_issued_on = datetime.date(2020, 1, 15)
    passport_expires_on = datetime.date(2030, 1, 14)
    arrival_on = datetime.date(2023, 8, 29)
    departure_on = datetime.date(2023, 9, 1)
    language = "en"
