"""Factories for every model; defaults describe a plain, valid, unpublished conference."""

import datetime
import zoneinfo

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django_countries import countries

from conference.models import Conference, Host, Room, Venue
from delegations.checkin import CHECK_IN_GROUP
from delegations.models import (
    Category,
    Delegation,
    DelegationKind,
    FocalPoint,
    Participant,
    ParticipantStateChange,
    Role,
    State,
)
from sessions.models import Session, SessionKind, SessionRole, SessionRoleKind, Speaker, Track

KARACHI = zoneinfo.ZoneInfo("Asia/Karachi")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")
    password = factory.django.Password("correct horse battery staple")


class StaffUserFactory(UserFactory):
    is_staff = True
    is_superuser = True


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


class HostFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Host

    conference = factory.SubFactory(ConferenceFactory)
    name = factory.Sequence(lambda n: f"Host {n}")


class DelegationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Delegation

    conference = factory.SubFactory(ConferenceFactory)
    kind = DelegationKind.MEMBER_STATE
    country = factory.Iterator(["GH", "JP", "PK", "FR", "BR", "KE", "NO", "ID"])
    protocol_sort_key = factory.LazyAttribute(lambda delegation: countries.name(delegation.country))
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


class TrackFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Track

    conference = factory.SubFactory(ConferenceFactory)
    name = factory.Sequence(lambda n: f"Sub-theme {n}")
    slug = factory.Sequence(lambda n: f"sub-theme-{n}")


class SessionFactory(factory.django.DjangoModelFactory):
    """A one-hour panel on the conference's first day; each new one an hour after the last."""

    class Meta:
        model = Session

    conference = factory.SubFactory(ConferenceFactory)
    kind = SessionKind.PANEL
    title = factory.Sequence(lambda n: f"Panel discussion {n}")
    starts_at = factory.Sequence(
        lambda n: (
            datetime.datetime(2023, 8, 30, 8, 0, tzinfo=KARACHI)
            + datetime.timedelta(minutes=(n % 14) * 60)
        )
    )
    ends_at = factory.LazyAttribute(lambda session: session.starts_at + datetime.timedelta(hours=1))


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


class ApprovedParticipantFactory(ParticipantFactory):
    state = State.APPROVED


class CheckInStaffFactory(UserFactory):
    """A door volunteer: not staff, only in the "Check-in staff" group."""

    class Meta:
        skip_postgeneration_save = True

    @factory.post_generation
    def check_in_group(user, create, extracted, **kwargs):
        if create:
            user.groups.add(Group.objects.get(name=CHECK_IN_GROUP))
