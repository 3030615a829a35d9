import datetime
import re

import pytest
from django.contrib import admin
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import LoginFailures, RecoveryCodes
from accreditation.models import Document, Entry, Zone
from bilaterals.models import Bilateral, BilateralSlot
from conference.models import Conference, ConferenceRole, Host, Room, Venue
from delegations.models import (
    Delegation,
    EmailTemplate,
    Export,
    FocalPoint,
    Invitation,
    Participant,
    ParticipantStateChange,
    QuotaRequest,
    State,
)
from diplomacy.models import VisaLetterRequest
from messaging.models import BulkMessage
from pledges.models import Pledge, PledgeRegister, PledgeSeries
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
    LoginFailuresFactory,
    OrganisationDelegationFactory,
    ParticipantFactory,
    ParticipantStateChangeFactory,
    QuotaRequestFactory,
    RecoveryCodesFactory,
    RoomFactory,
    SearchSynonymFactory,
    SessionFactory,
    SessionRoleFactory,
    SpeakerFactory,
    TrackFactory,
    VenueFactory,
    VisaLetterRequestFactory,
    ZoneFactory,
)
from tests.pledges.factories import PledgeFactory, PledgeRegisterFactory, PledgeSeriesFactory

FACTORIES = {
    Venue: VenueFactory,
    Room: RoomFactory,
    Conference: ConferenceFactory,
    Host: HostFactory,
    ConferenceRole: ConferenceRoleFactory,
    Delegation: DelegationFactory,
    FocalPoint: FocalPointFactory,
    Participant: ParticipantFactory,
    ParticipantStateChange: ParticipantStateChangeFactory,
    Track: TrackFactory,
    Session: SessionFactory,
    Speaker: SpeakerFactory,
    SessionRole: SessionRoleFactory,
    Invitation: InvitationFactory,
    QuotaRequest: QuotaRequestFactory,
    Application: ApplicationFactory,
    Entry: EntryFactory,
    Zone: ZoneFactory,
    Document: DocumentFactory,
    Export: ExportFactory,
    SearchSynonym: SearchSynonymFactory,
    LoginFailures: LoginFailuresFactory,
    RecoveryCodes: RecoveryCodesFactory,
    EmailTemplate: EmailTemplateFactory,
    BulkMessage: BulkMessageFactory,
    BilateralSlot: BilateralSlotFactory,
    Bilateral: BilateralFactory,
}
# Lists of the feature apps whose models have factories, for the query-count pin.
FEATURE_FACTORIES = {
    Pledge: PledgeFactory,
    PledgeRegister: PledgeRegisterFactory,
    PledgeSeries: PledgeSeriesFactory,
    VisaLetterRequest: VisaLetterRequestFactory,
}
UTC = datetime.UTC


def in_order(models: set) -> list:
    """Models sorted by name: each pytest-xdist worker must collect the same tests in the same
    order, and a set of classes iterates in an order that differs between processes."""
    return sorted(models, key=lambda model: model._meta.label)


OUR_APPS = {
    "accounts",
    "conference",
    "delegations",
    "programme",
    "registration",
    "accreditation",
    "messaging",
    "bilaterals",
    "demo",
}
# Written only by the services: the admin shows them and offers no form to add one.
READ_ONLY = {
    ParticipantStateChange,
    QuotaRequest,
    Invitation,
    Application,
    Entry,
    Document,
    Export,
    LoginFailures,
    RecoveryCodes,
    BulkMessage,
    # Offered in bulk ("Offer slots"); requested in the portal.
    BilateralSlot,
    Bilateral,
}


def admin_url(model, view: str, *args) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def test_admin_registers_every_model_of_our_apps():
    ours = {model for model in admin.site._registry if model._meta.app_label in OUR_APPS}

    assert ours == set(FACTORIES)


@pytest.mark.django_db
@pytest.mark.parametrize("model", FACTORIES, ids=lambda model: model._meta.model_name)
def test_admin_changelist_renders_for_staff(admin_client, model):
    FACTORIES[model]()

    response = admin_client.get(admin_url(model, "changelist"))

    assert response.status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize(
    "model", [*FACTORIES, *FEATURE_FACTORIES], ids=lambda model: model._meta.model_name
)
def test_admin_changelist_queries_do_not_grow_with_rows(admin_client, model):
    """Every list asks the same number of queries for one row as for three: a COP has
    100,000 participants and hundreds of thousands of entries (docs/performance.md)."""

    def list_queries() -> int:
        with CaptureQueriesContext(connection) as queries:
            response = admin_client.get(admin_url(model, "changelist"))
        assert response.status_code == 200
        return len(queries)

    factory = FACTORIES.get(model) or FEATURE_FACTORIES[model]
    factory()
    list_queries()  # what a process reads once (content types, the site's settings)
    one_row = list_queries()
    factory.create_batch(2)

    assert list_queries() == one_row


@pytest.mark.django_db
@pytest.mark.parametrize(
    "model", in_order(set(FACTORIES) - READ_ONLY), ids=lambda model: model._meta.model_name
)
def test_admin_add_page_renders_for_staff(admin_client, model):
    response = admin_client.get(admin_url(model, "add"))

    assert response.status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("model", FACTORIES, ids=lambda model: model._meta.model_name)
def test_admin_change_page_renders_for_staff(admin_client, model):
    obj = FACTORIES[model]()

    response = admin_client.get(admin_url(model, "change", obj.pk))

    assert response.status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("model", in_order(READ_ONLY), ids=lambda model: model._meta.model_name)
def test_admin_add_page_of_service_written_models_is_forbidden(admin_client, model):
    response = admin_client.get(admin_url(model, "add"))

    assert response.status_code == 403


@pytest.mark.django_db
@pytest.mark.parametrize("view", ["changelist", "add", "change"])
@pytest.mark.parametrize("model", FACTORIES, ids=lambda model: model._meta.model_name)
def test_admin_pages_redirect_anonymous_users_to_login(client, model, view):
    args = [FACTORIES[model]().pk] if view == "change" else []

    response = client.get(admin_url(model, view, *args))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


@pytest.mark.django_db
def test_admin_index_counts_delegations_participants_and_sessions(admin_client):
    conference = ConferenceFactory()
    japan = DelegationFactory(conference=conference, country="JP")
    OrganisationDelegationFactory(conference=conference)
    ParticipantFactory.create_batch(2, delegation=japan)
    ParticipantFactory(delegation=japan, state=State.APPROVED)
    SessionFactory(conference=conference, is_published=True)
    SessionFactory.create_batch(2, conference=conference)

    response = admin_client.get(reverse("admin:index"))

    (counts,) = response.context["conference_counts"]
    assert (counts.delegations, counts.sessions_published, counts.sessions_total) == (2, 1, 3)
    assert dict(counts.participants_by_state) == {
        State.PENDING: 2,
        State.APPROVED: 1,
        State.REJECTED: 0,
        State.WITHDRAWN: 0,
    }


@pytest.mark.django_db
def test_admin_index_shows_the_counts_in_a_table(admin_client):
    conference = ConferenceFactory(title="Preparatory Meeting on Peacekeeping")
    SessionFactory(conference=conference, is_published=True)

    response = admin_client.get(reverse("admin:index"))

    assert "Preparatory Meeting on Peacekeeping" in response.text
    assert reverse("accreditation:dashboard", args=[conference.slug]) in response.text
    assert reverse("accreditation:participant_list", args=[conference.slug]) in response.text
    assert "1 / 1" in response.text
    assert "Sessions published / total" in response.text


@pytest.mark.django_db
@pytest.mark.parametrize("conferences", [1, 3])
def test_admin_index_queries_do_not_grow_with_conferences(
    admin_client, django_assert_num_queries, conferences
):
    for conference in ConferenceFactory.create_batch(conferences):
        ParticipantFactory(delegation__conference=conference)
        SessionFactory(conference=conference)

    # Session, user, the switcher's conferences, the counts, recent actions.
    with django_assert_num_queries(5):
        response = admin_client.get(reverse("admin:index"))

    assert len(response.context["conference_counts"]) == conferences


@pytest.mark.django_db
def test_conference_change_reads_registration_times_in_its_own_zone(admin_client):
    conference = ConferenceFactory(time_zone="UTC")
    data = {
        "slug": conference.slug,
        "title": conference.title,
        "venue": conference.venue_id,
        "start_date": "2023-08-30",
        "end_date": "2023-08-31",
        "time_zone": "Asia/Karachi",
        "main_language": "en",
        "languages": ["en"],
        "registration_opens_at_0": "2023-07-01",
        "registration_opens_at_1": "09:00",
        "retention_days": 180,
        "hosts-TOTAL_FORMS": 0,
        "hosts-INITIAL_FORMS": 0,
        "category_colours-TOTAL_FORMS": 0,
        "category_colours-INITIAL_FORMS": 0,
        "pre_registration_days-TOTAL_FORMS": 0,
        "pre_registration_days-INITIAL_FORMS": 0,
        "search_synonyms-TOTAL_FORMS": 0,
        "search_synonyms-INITIAL_FORMS": 0,
        "category_allowances-TOTAL_FORMS": 0,
        "category_allowances-INITIAL_FORMS": 0,
        "protocol_settings-TOTAL_FORMS": 0,
        "protocol_settings-INITIAL_FORMS": 0,
        "clearance_policy-TOTAL_FORMS": 0,
        "clearance_policy-INITIAL_FORMS": 0,
    }

    response = admin_client.post(admin_url(Conference, "change", conference.pk), data)

    assert response.status_code == 302
    conference.refresh_from_db()
    assert conference.registration_opens_at == datetime.datetime(2023, 7, 1, 4, 0, tzinfo=UTC)


@pytest.mark.django_db
def test_conference_change_page_links_to_the_public_site(admin_client):
    conference = ConferenceFactory()

    response = admin_client.get(admin_url(Conference, "change", conference.pk))

    assert "View on site" in response.text


@pytest.mark.django_db
def test_admin_accredit_action_accredits_all_but_declined_delegations(admin_client):
    conference = ConferenceFactory()
    nominated = DelegationFactory(conference=conference, country="GH", status="nominated")
    declined = DelegationFactory(conference=conference, country="JP", status="declined")

    response = admin_client.post(
        admin_url(Delegation, "changelist"),
        {"action": "accredit_selected", "_selected_action": [nominated.pk, declined.pk]},
        follow=True,
    )

    nominated.refresh_from_db()
    declined.refresh_from_db()
    assert (nominated.status, declined.status) == ("accredited", "declined")
    assert "1 delegation accredited." in response.text
    assert "had declined" in response.text


def test_conference_languages_are_ticked_with_the_main_one_first(admin_client):
    conference = ConferenceFactory()
    data = {
        "slug": conference.slug,
        "title": conference.title,
        "venue": conference.venue_id,
        "start_date": "2023-08-30",
        "end_date": "2023-08-31",
        "time_zone": "Asia/Karachi",
        "main_language": "fr",
        "languages": ["es", "ar", "en"],
        "retention_days": 180,
        "hosts-TOTAL_FORMS": 0,
        "hosts-INITIAL_FORMS": 0,
        "category_colours-TOTAL_FORMS": 0,
        "category_colours-INITIAL_FORMS": 0,
        "pre_registration_days-TOTAL_FORMS": 0,
        "pre_registration_days-INITIAL_FORMS": 0,
        "search_synonyms-TOTAL_FORMS": 0,
        "search_synonyms-INITIAL_FORMS": 0,
        "category_allowances-TOTAL_FORMS": 0,
        "category_allowances-INITIAL_FORMS": 0,
        "protocol_settings-TOTAL_FORMS": 0,
        "protocol_settings-INITIAL_FORMS": 0,
        "clearance_policy-TOTAL_FORMS": 0,
        "clearance_policy-INITIAL_FORMS": 0,
    }

    response = admin_client.post(admin_url(Conference, "change", conference.pk), data)

    assert response.status_code == 302
    conference.refresh_from_db()
    assert conference.languages == ["fr", "ar", "en", "es"]


def test_conference_change_page_shows_the_six_languages_each_in_itself(admin_client):
    conference = ConferenceFactory(languages=["ru", "zh-hans"])

    content = admin_client.get(admin_url(Conference, "change", conference.pk)).content.decode()

    for name in ["العربية", "中文", "English", "Français", "Русский", "Español"]:
        assert name in content
    assert re.search(r'<option value="ru" selected>', content)
    assert re.search(r'value="zh-hans"[^>]*checked', content)
