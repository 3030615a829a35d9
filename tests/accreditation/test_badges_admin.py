import pytest
from django.contrib import admin
from django.contrib.messages import get_messages
from django.contrib.messages.storage.cookie import CookieStorage
from django.contrib.sessions.backends.db import SessionStore
from django.urls import reverse

from accounts.session_limits import REAUTHENTICATED_AT, session_start
from accreditation.admin import (
    open_dashboard,
    participant_list_xlsx,
    print_delegation_badges,
    print_participant_badges,
)
from accreditation.models import Document, DocumentKind
from conference.models import Conference
from delegations.models import Delegation, Participant
from delegations.task_documents import DocumentStatus
from tests.factories import (
    ApprovedParticipantFactory,
    ConferenceFactory,
    DelegationFactory,
    ParticipantFactory,
    StaffUserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_request(rf):
    request = rf.post("/en/admin/")
    request.user = StaffUserFactory()
    request.session = SessionStore()
    session_start(request.session)  # just logged in: no need to confirm the password
    request._messages = CookieStorage(request)
    return request


def messages_of(request) -> list[str]:
    return [str(message) for message in get_messages(request)]


def test_print_delegation_badges_asks_for_the_approveds_sheets_and_opens_their_page(
    admin_request,
):
    participant = ApprovedParticipantFactory()
    ParticipantFactory(delegation=participant.delegation)
    modeladmin = admin.ModelAdmin(Delegation, admin.site)

    response = print_delegation_badges(modeladmin, admin_request, Delegation.objects.all())

    document = Document.objects.get()
    assert response.url == f"/en/staff/documents/{document.pk}/"
    assert (document.kind, document.status) == (DocumentKind.BADGES, DocumentStatus.QUEUED)
    assert document.participant_ids == [participant.pk]
    assert document.requested_by == admin_request.user
    participant.refresh_from_db()
    assert participant.badge_printed_at is None


def test_print_participant_badges_refuses_a_selection_with_nobody_approved(admin_request):
    ParticipantFactory()
    modeladmin = admin.ModelAdmin(Participant, admin.site)

    response = print_participant_badges(modeladmin, admin_request, Participant.objects.all())

    assert response is None
    assert messages_of(admin_request) == ["Badges are printed for approved participants only."]
    assert not Document.objects.exists()


def test_print_participant_badges_refuses_several_conferences_at_once(admin_request):
    ApprovedParticipantFactory()
    ApprovedParticipantFactory()
    modeladmin = admin.ModelAdmin(Participant, admin.site)

    response = print_participant_badges(modeladmin, admin_request, Participant.objects.all())

    assert response is None
    assert messages_of(admin_request) == ["Select participants of one conference at a time."]


def test_conference_actions_open_the_staff_pages_of_the_selected_conference(admin_request):
    conference = ConferenceFactory(slug="islamabad-2023")
    modeladmin = admin.ModelAdmin(Conference, admin.site)
    selection = Conference.objects.filter(pk=conference.pk)

    dashboard = open_dashboard(modeladmin, admin_request, selection)
    xlsx = participant_list_xlsx(modeladmin, admin_request, selection)

    document = Document.objects.get()
    assert dashboard.url == "/en/staff/islamabad-2023/dashboard/"
    assert xlsx.url == f"/en/staff/documents/{document.pk}/"
    assert (document.conference, document.kind, document.language) == (
        conference,
        DocumentKind.PARTICIPANT_LIST_XLSX,
        "en",
    )


def test_participant_list_action_asks_for_the_password_again_after_ten_minutes(
    admin_request, settings
):
    conference = ConferenceFactory()
    admin_request.session[REAUTHENTICATED_AT] -= settings.REAUTHENTICATION_MINUTES * 60 + 1
    modeladmin = admin.ModelAdmin(Conference, admin.site)

    response = participant_list_xlsx(
        modeladmin, admin_request, Conference.objects.filter(pk=conference.pk)
    )

    assert response.url.startswith(reverse("accounts:reauthenticate"))
    assert not Document.objects.exists()


def test_conference_actions_refuse_several_conferences(admin_request):
    DelegationFactory()
    DelegationFactory()
    modeladmin = admin.ModelAdmin(Conference, admin.site)

    assert open_dashboard(modeladmin, admin_request, Conference.objects.all()) is None
    assert participant_list_xlsx(modeladmin, admin_request, Conference.objects.all()) is None
    assert not Document.objects.exists()
