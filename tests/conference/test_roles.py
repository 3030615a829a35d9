"""Roles per conference: every admin URL and staff page, walked with every role, against the
table of what each role may do (written out here, apart from conference/roles.py)."""

import datetime

import pytest
from django.contrib import admin
from django.db import IntegrityError
from django.urls import reverse
from django.utils import timezone

from accreditation.models import Document, Entry, Zone
from bilaterals.models import Bilateral, BilateralSlot
from clearance.models import SecurityDataAccess, SecurityRecord
from conference.models import Conference, ConferenceRole, Host, Role, Room, Venue
from delegations.models import (
    Delegation,
    EmailTemplate,
    Export,
    FocalPoint,
    Invitation,
    Participant,
    ParticipantStateChange,
    QuotaRequest,
)
from diplomacy.models import (
    JobKind,
    MemberChange,
    NoteVerbale,
    ProtocolJob,
    ProtocolSettings,
    Reminder,
    ResponseStep,
    Step,
    VisaLetterRequest,
)
from floor.models import (
    Inscription,
    ListChange,
    RoomLayout,
    SeatingPlan,
    SpeakersList,
    SwapRequest,
)
from messaging.models import BulkMessage
from pledges.models import Pledge, PledgeRegister
from registration.models import Application
from sessions.models import SearchSynonym, Session, SessionRole, Speaker, Track
from tests.factories import (
    ApplicationFactory,
    BilateralFactory,
    BilateralSlotFactory,
    BulkMessageFactory,
    ConferenceFactory,
    ConferenceRoleFactory,
    DelegationFactory,
    DocumentFactory,
    EmailTemplateFactory,
    EntryFactory,
    ExportFactory,
    FocalPointFactory,
    HostFactory,
    InvitationFactory,
    ParticipantFactory,
    ParticipantStateChangeFactory,
    QuotaRequestFactory,
    RoomFactory,
    SearchSynonymFactory,
    SessionFactory,
    SessionRoleFactory,
    SpeakerFactory,
    TrackFactory,
    UserFactory,
    VisaLetterRequestFactory,
    ZoneFactory,
)
from tests.pledges.factories import PledgeFactory, PledgeRegisterFactory

pytestmark = pytest.mark.django_db

V, C = "view", "change"
ALL_JOBS = ["programme", "delegations", "accreditation", "door", "security", "reports", "settings"]
# Passport data is security officers' alone: organisers and viewers do not reach it.
SHARED_JOBS = [job for job in ALL_JOBS if job != "security"]
ROLE_TABLE = {
    Role.ORGANISER: dict.fromkeys(SHARED_JOBS, C),
    Role.REGISTRATION_OFFICER: {
        "delegations": C,
        "accreditation": C,
        "reports": V,
        "settings": V,
    },
    Role.PROGRAMME_EDITOR: {"programme": C, "settings": V},
    Role.CHECK_IN: {"door": C},
    Role.SECURITY_OFFICER: {"accreditation": V, "door": V, "security": C},
    Role.VIEWER: dict.fromkeys(SHARED_JOBS, V),
}


def protocol_settings(conference: Conference) -> ProtocolSettings:
    return ProtocolSettings.objects.create(
        conference=conference,
        letterhead="MoFA",
        sender="MoFA",
        place="Islamabad",
        reference_prefix="P",
    )


def note_verbale(conference: Conference) -> NoteVerbale:
    delegation = DelegationFactory(conference=conference)
    return NoteVerbale.objects.create(
        conference=conference, delegation=delegation, number=1, reference="P/1", language="en"
    )


def of_a_delegation(model, conference: Conference, **fields):
    """A record of `model` (response step, reminder, change to members) of a new delegation."""
    return model.objects.create(delegation=DelegationFactory(conference=conference), **fields)


def speakers_list(conference: Conference) -> SpeakersList:
    return SpeakersList.objects.create(session=SessionFactory(conference=conference))


def inscription(conference: Conference, on: SpeakersList | None = None, position: int = 1):
    participant = ParticipantFactory(delegation__conference=conference)
    return Inscription.objects.create(
        speakers_list=on or speakers_list(conference),
        delegation=participant.delegation,
        speaker=participant,
        language="en",
        position=position,
        inscribed_at=timezone.now(),
    )


def list_change(conference: Conference) -> ListChange:
    return ListChange.objects.create(inscription=inscription(conference), kind="added")


def swap_request(conference: Conference) -> SwapRequest:
    proposer = inscription(conference)
    partner = inscription(conference, on=proposer.speakers_list, position=2)
    return SwapRequest.objects.create(proposer=proposer, partner=partner, reason="Travel")


# Each admin of a conference's data: its job, and how to make one of its objects in `c`.
SCOPED = {
    Conference: ("settings", lambda c: c),
    Venue: ("settings", lambda c: c.venue),
    Room: ("settings", lambda c: RoomFactory(venue=c.venue)),
    Host: ("settings", lambda c: HostFactory(conference=c)),
    ConferenceRole: ("settings", lambda c: ConferenceRoleFactory(conference=c)),
    Delegation: ("delegations", lambda c: DelegationFactory(conference=c)),
    FocalPoint: ("delegations", lambda c: FocalPointFactory(delegation__conference=c)),
    Invitation: ("delegations", lambda c: InvitationFactory(delegation__conference=c)),
    Application: ("delegations", lambda c: ApplicationFactory(conference=c)),
    QuotaRequest: ("delegations", lambda c: QuotaRequestFactory(delegation__conference=c)),
    EmailTemplate: ("delegations", lambda c: EmailTemplateFactory(conference=c)),
    BulkMessage: ("delegations", lambda c: BulkMessageFactory(conference=c)),
    VisaLetterRequest: (
        "delegations",
        lambda c: VisaLetterRequestFactory(participant__delegation__conference=c),
    ),
    Participant: ("accreditation", lambda c: ParticipantFactory(delegation__conference=c)),
    ParticipantStateChange: (
        "accreditation",
        lambda c: ParticipantStateChangeFactory(participant__delegation__conference=c),
    ),
    Track: ("programme", lambda c: TrackFactory(conference=c)),
    Session: ("programme", lambda c: SessionFactory(conference=c)),
    Speaker: ("programme", lambda c: SpeakerFactory(conference=c)),
    SessionRole: ("programme", lambda c: SessionRoleFactory(session__conference=c)),
    SearchSynonym: ("programme", lambda c: SearchSynonymFactory(conference=c)),
    Entry: ("door", lambda c: EntryFactory(participant__delegation__conference=c)),
    Zone: ("settings", lambda c: ZoneFactory(conference=c)),
    Document: ("reports", lambda c: DocumentFactory(conference=c)),
    Export: (
        "reports",
        lambda c: ExportFactory(conference=c),
    ),
    ProtocolSettings: ("settings", lambda c: protocol_settings(c)),
    NoteVerbale: ("delegations", lambda c: note_verbale(c)),
    ResponseStep: (
        "delegations",
        lambda c: of_a_delegation(ResponseStep, c, step=Step.INVITED, at=timezone.now()),
    ),
    Reminder: ("delegations", lambda c: of_a_delegation(Reminder, c, send_at=timezone.now())),
    MemberChange: (
        "delegations",
        lambda c: of_a_delegation(MemberChange, c, kind="added", member_name="Amina Khan"),
    ),
    ProtocolJob: (
        "reports",
        lambda c: ProtocolJob.objects.create(conference=c, kind=JobKind.NOTES),
    ),
    BilateralSlot: (
        "programme",
        lambda c: BilateralSlotFactory(conference=c, room=RoomFactory(venue=c.venue)),
    ),
    Bilateral: ("programme", lambda c: BilateralFactory(conference=c)),
    PledgeRegister: ("settings", lambda c: PledgeRegisterFactory(conference=c)),
    Pledge: ("delegations", lambda c: PledgeFactory(delegation__conference=c)),
    SpeakersList: ("programme", lambda c: speakers_list(c)),
    ListChange: ("programme", lambda c: list_change(c)),
    SwapRequest: ("programme", lambda c: swap_request(c)),
    RoomLayout: (
        "settings",
        lambda c: RoomLayout.objects.create(
            room=RoomFactory(venue=c.venue), rows=5, seats_per_row=9
        ),
    ),
    SeatingPlan: (
        "programme",
        lambda c: SeatingPlan.objects.create(conference=c, room=RoomFactory(venue=c.venue)),
    ),
    SecurityRecord: (
        "security",
        lambda c: SecurityRecord.objects.create(
            participant=ParticipantFactory(delegation__conference=c)
        ),
    ),
    SecurityDataAccess: (
        "security",
        lambda c: SecurityDataAccess.objects.create(
            conference=c,
            participant=ParticipantFactory(delegation__conference=c),
            by_label="someone",
            kind="viewed",
        ),
    ),
}
# No add form, whoever asks: written by services, or (conferences) made by those with the
# permission everywhere.
NO_ADD = {
    Conference,
    ParticipantStateChange,
    Invitation,
    Application,
    QuotaRequest,
    BulkMessage,
    Entry,
    Document,
    Export,
    VisaLetterRequest,
    NoteVerbale,
    ResponseStep,
    Reminder,
    MemberChange,
    ProtocolJob,
    BilateralSlot,
    Bilateral,
    Pledge,
    SpeakersList,
    ListChange,
    SwapRequest,
    SecurityRecord,
    SecurityDataAccess,
}
# The staff pages of a conference: URL name and the job and level they need.
STAFF_PAGES = {
    "accreditation:dashboard": ("accreditation", V),
    "accreditation:participant_list": ("accreditation", V),
    "accreditation:check_in": ("door", C),
    "accreditation:import": ("accreditation", C),
    "clearance:vetting": ("security", V),
}


def admin_url(model, view, *args) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def expected(role: Role, job: str, needed: str) -> int:
    level = ROLE_TABLE[role].get(job)
    reaches = level == C or (level == V and needed == V)
    return 200 if reaches else 403


@pytest.fixture
def two_conferences():
    """The conference walked, and another where the same person is organiser."""
    walked = ConferenceFactory(short_title="PKM Prep 2023")
    other = ConferenceFactory(
        short_title="PKM 2027",
        start_date=datetime.date(2027, 5, 12),
        end_date=datetime.date(2027, 5, 13),
    )
    return walked, other


@pytest.mark.parametrize("role", list(Role), ids=lambda role: role.value)
def test_every_admin_url_answers_each_role_as_the_table_says(client, two_conferences, role):
    walked, other = two_conferences
    user = UserFactory(is_staff=True)
    ConferenceRoleFactory(user=user, conference=walked, role=role)
    ConferenceRoleFactory(user=user, conference=other, role=Role.ORGANISER)
    objects = {model: make(walked) for model, (_job, make) in SCOPED.items()}
    client.force_login(user)
    client.post(reverse("admin:workspace_switch"), {"conference": walked.pk})

    wrong = {}

    def check(url: str, want: int) -> None:
        got = client.get(url).status_code
        if got != want:
            wrong[url] = (got, want)

    for model, (job, _make) in SCOPED.items():
        check(admin_url(model, "changelist"), expected(role, job, V))
        check(admin_url(model, "change", objects[model].pk), expected(role, job, V))
        check(admin_url(model, "add"), 403 if model in NO_ADD else expected(role, job, C))
    for model in admin.site._registry:
        if model not in SCOPED:
            check(admin_url(model, "changelist"), 403)
    for url_name, (job, needed) in STAFF_PAGES.items():
        check(reverse(url_name, args=[walked.slug]), expected(role, job, needed))
    check(reverse("admin:retention"), expected(role, "settings", C))
    check(reverse("admin:index"), 200)

    assert wrong == {}


def test_a_role_reaches_nothing_of_another_conference(client, two_conferences):
    walked, other = two_conferences
    role = ConferenceRoleFactory(conference=walked, role=Role.ORGANISER)
    theirs = DelegationFactory(conference=other)
    client.force_login(role.user)

    changelist = client.get(admin_url(Delegation, "changelist"))
    change = client.get(admin_url(Delegation, "change", theirs.pk))
    dashboard = client.get(reverse("accreditation:dashboard", args=[other.slug]))

    assert changelist.context["cl"].result_count == 0
    assert change.status_code == 302  # "does not exist", as for any object out of reach
    assert dashboard.status_code == 403


def test_roles_in_two_conferences_each_as_its_role_allows(client, two_conferences):
    walked, other = two_conferences
    user = UserFactory(is_staff=True)
    ConferenceRoleFactory(user=user, conference=walked, role=Role.VIEWER)
    ConferenceRoleFactory(user=user, conference=other, role=Role.ORGANISER)
    viewed = DelegationFactory(conference=walked)
    organised = DelegationFactory(conference=other)
    client.force_login(user)
    switch = reverse("admin:workspace_switch")

    client.post(switch, {"conference": walked.pk})
    as_viewer = client.get(admin_url(Delegation, "change", viewed.pk))
    client.post(switch, {"conference": other.pk})
    as_organiser = client.get(admin_url(Delegation, "change", organised.pk))

    assert as_viewer.context["has_change_permission"] is False
    assert as_organiser.context["has_change_permission"] is True


def test_an_organiser_assigns_roles_in_their_conference_only(client, two_conferences):
    walked, other = two_conferences
    organiser = ConferenceRoleFactory(conference=walked, role=Role.ORGANISER).user
    newcomer = UserFactory(is_staff=True)
    client.force_login(organiser)
    add = admin_url(ConferenceRole, "add")

    elsewhere = client.post(add, {"conference": other.pk, "user": newcomer.pk, "role": "viewer"})
    here = client.post(add, {"conference": walked.pk, "user": newcomer.pk, "role": "viewer"})

    assert list(elsewhere.context["adminform"].form.errors) == ["conference"]
    assert here.status_code == 302
    assigned = ConferenceRole.objects.get(user=newcomer)
    assert (assigned.conference, assigned.role, assigned.assigned_by) == (
        walked,
        Role.VIEWER,
        organiser,
    )


def test_one_role_per_person_and_conference_in_the_database(two_conferences):
    walked, _other = two_conferences
    role = ConferenceRoleFactory(conference=walked, role=Role.VIEWER)

    with pytest.raises(IntegrityError):
        ConferenceRole.objects.create(conference=walked, user=role.user, role=Role.ORGANISER)


def test_only_known_roles_in_the_database(two_conferences):
    walked, _other = two_conferences

    with pytest.raises(IntegrityError):
        ConferenceRoleFactory(conference=walked, role="emperor")
