import datetime
import io
import re
import time

import pytest
from django.core import mail, signing
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone, translation
from django_tasks_db.models import DBTaskResult
from PIL import Image

from delegations.models import Category, DelegationKind, Participant, Role, State
from delegations.names import NameOrder
from registration.models import APPLICATION_SALT, Application
from registration.services import application_confirm
from registration.views import PUBLIC_POSTS_PER_HOUR
from tests.factories import (
    ApplicationFactory,
    ConferenceFactory,
    DelegationFactory,
    OpenConferenceFactory,
    ParticipantFactory,
    StaffUserFactory,
)
from tests.tasks import tasks_run

pytestmark = pytest.mark.django_db


def application_data(**fields) -> dict:
    return {
        "kind": "expert",
        "honorific": "Dr.",
        "given_name": "Kwame",
        "family_name": "Mensah",
        "name_order": "given_first",
        "functional_title": "Senior Researcher, Kofi Annan International Peacekeeping Centre",
        "email": "kwame.mensah@kaiptc.example.org",
        "phone": "+233 30 000 0000",
        "nationality": "GH",
        "preferred_language": "en",
        "dietary_needs": "Vegetarian",
        "access_needs": "",
        "consents_to_public_listing": "on",
        **fields,
    }


def apply_url(conference) -> str:
    return reverse("registration:apply", kwargs={"conference": conference.slug})


def test_apply_page_names_the_conference_in_the_pages_language(client):
    conference = OpenConferenceFactory(
        languages=["en", "fr"],
        title="Peacekeeping Preparatory Meeting",
        title_translations={"fr": "Réunion préparatoire sur le maintien de la paix"},
    )
    with translation.override("fr"):
        url = apply_url(conference)

    content = client.get(url).content.decode()

    assert "Réunion préparatoire sur le maintien de la paix" in content
    assert "Peacekeeping Preparatory Meeting" not in content


def confirm_url(application) -> str:
    return reverse(
        "registration:apply_confirm",
        kwargs={
            "conference": application.conference.slug,
            "token": application.confirmation_token(),
        },
    )


@pytest.mark.django_db(transaction=True)
def test_apply_creates_an_unconfirmed_application_and_mails_the_link(client):
    conference = OpenConferenceFactory()

    response = client.post(apply_url(conference), application_data())
    tasks_run()

    assert response.status_code == 302
    application = Application.objects.get()
    assert application.participant is None
    assert not Participant.objects.exists()
    assert mail.outbox[0].to == ["kwame.mensah@kaiptc.example.org"]
    link = re.search(
        rf"http://testserver/en/{conference.slug}/apply/confirm/(\S+)/", mail.outbox[0].body
    )
    assert signing.loads(link.group(1), salt=APPLICATION_SALT) == application.pk
    assert "apply/confirm" not in str(list(DBTaskResult.objects.values("args_kwargs")))


def test_apply_with_photo_gives_the_confirmed_participant_the_resized_photo(
    client, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    conference = OpenConferenceFactory()
    buffer = io.BytesIO()
    Image.new("RGB", (1000, 1000), "teal").save(buffer, format="JPEG")
    photo = SimpleUploadedFile("me.jpg", buffer.getvalue(), content_type="image/jpeg")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(apply_url(conference), {**application_data(), "photo": photo})

    client.post(confirm_url(Application.objects.get()))

    with Image.open(Participant.objects.get().photo.path) as stored:
        assert stored.size == (800, 800)


def test_apply_where_applications_are_not_accepted_is_not_found(client):
    conference = OpenConferenceFactory(accepts_individual_applications=False)

    response = client.get(apply_url(conference))

    assert response.status_code == 404


def test_apply_before_registration_opens_says_when(client):
    opens = timezone.now() + datetime.timedelta(days=2)
    conference = ConferenceFactory(
        accepts_individual_applications=True,
        registration_opens_at=opens,
        registration_closes_at=opens + datetime.timedelta(days=5),
    )

    page = client.get(apply_url(conference))
    response = client.post(apply_url(conference), application_data())

    assert "Registration opens on" in page.content.decode()
    assert "(Asia/Karachi)" in page.content.decode()
    assert response.status_code == 400
    assert not Application.objects.exists()


def test_apply_confirm_get_does_not_confirm(client):
    application = ApplicationFactory()

    response = client.get(confirm_url(application))

    assert response.status_code == 200
    assert not Participant.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_apply_confirm_makes_a_pending_participant_in_the_experts_delegation(client):
    application = ApplicationFactory(
        data={"given_name": "Mei", "family_name": "Lin", "nationality": "CN"}
    )

    response = client.post(confirm_url(application))
    tasks_run()

    assert response.status_code == 200
    participant = Participant.objects.get()
    assert (participant.state, participant.role, participant.category) == (
        State.PENDING,
        Role.EXPERT,
        Category.EXPERT,
    )
    assert participant.delegation.kind == DelegationKind.EXPERTS
    assert participant.nationality.code == "CN"
    assert mail.outbox[0].subject.startswith("Registration received")


def test_apply_confirm_uses_the_existing_experts_delegation():
    application = ApplicationFactory()
    experts = DelegationFactory(
        conference=application.conference,
        kind=DelegationKind.EXPERTS,
        country="",
        organisation_name="Independent experts",
        quota=10,
    )
    application_confirm(token=application.confirmation_token())

    assert Participant.objects.get().delegation == experts


def test_apply_confirm_twice_registers_once(client):
    application = ApplicationFactory()

    client.post(confirm_url(application))
    response = client.post(confirm_url(application))

    assert response.status_code == 200
    assert Participant.objects.count() == 1


@pytest.mark.parametrize("state", [State.APPROVED, State.REJECTED, State.WITHDRAWN])
def test_apply_confirm_again_after_a_decision_registers_once(client, state):
    application = ApplicationFactory()
    client.post(confirm_url(application))
    Participant.objects.update(state=state)

    client.post(confirm_url(application))

    assert Participant.objects.get().state == state


def test_apply_confirm_again_after_the_participant_was_deleted_registers_nobody(client):
    application = ApplicationFactory()
    client.post(confirm_url(application))
    Participant.objects.get().delete()

    response = client.post(confirm_url(application))

    assert response.status_code == 200
    assert not Participant.objects.exists()


class ThreeDaysAgoSigner(signing.TimestampSigner):
    def timestamp(self) -> str:
        return signing.b62_encode(int(time.time()) - 3 * 24 * 3600)


def test_apply_confirm_expired_link_is_refused(client):
    application = ApplicationFactory()
    stale = ThreeDaysAgoSigner(salt=APPLICATION_SALT).sign_object(application.pk)
    stale_url = reverse(
        "registration:apply_confirm",
        kwargs={"conference": application.conference.slug, "token": stale},
    )

    response = client.post(stale_url)

    assert response.status_code == 400
    assert "expired" in response.content.decode()
    assert not Participant.objects.exists()


def test_apply_confirm_forged_link_is_refused(client):
    application = ApplicationFactory()
    forged = signing.dumps(application.pk, salt="another-purpose")

    response = client.post(
        reverse(
            "registration:apply_confirm",
            kwargs={"conference": application.conference.slug, "token": forged},
        )
    )

    assert response.status_code == 400
    assert not Participant.objects.exists()


def test_apply_confirm_with_an_address_approved_elsewhere_gives_a_neutral_message(client):
    application = ApplicationFactory(email="taken@example.org")
    ParticipantFactory(
        delegation__conference=application.conference,
        email="taken@example.org",
        state=State.APPROVED,
    )

    response = client.post(confirm_url(application))

    assert response.status_code == 200
    assert Participant.objects.filter(email="taken@example.org", state=State.PENDING).exists()


def test_apply_confirm_after_registration_closed_is_refused(client):
    application = ApplicationFactory()
    conference = application.conference
    conference.registration_closes_at = timezone.now() - datetime.timedelta(minutes=1)
    conference.save()

    response = client.post(confirm_url(application))

    assert response.status_code == 400
    assert "Registration closed on" in response.content.decode()
    assert not Participant.objects.exists()


def test_apply_beyond_the_rate_limit_is_refused(client):
    conference = OpenConferenceFactory()
    for n in range(PUBLIC_POSTS_PER_HOUR):
        client.post(apply_url(conference), application_data(email=f"a{n}@example.org"))

    response = client.post(apply_url(conference), application_data())

    assert response.status_code == 429
    assert Application.objects.count() == PUBLIC_POSTS_PER_HOUR


def test_apply_rate_limit_counts_each_address_apart(client):
    conference = OpenConferenceFactory()
    for n in range(PUBLIC_POSTS_PER_HOUR):
        client.post(
            apply_url(conference),
            application_data(email=f"a{n}@example.org"),
            REMOTE_ADDR="203.0.113.9",
        )

    response = client.post(apply_url(conference), application_data(), REMOTE_ADDR="203.0.113.10")

    assert response.status_code == 302


def test_apply_requires_csrf():
    from django.test import Client

    conference = OpenConferenceFactory()

    response = Client(enforce_csrf_checks=True).post(apply_url(conference), application_data())

    assert response.status_code == 403


def test_application_admin_list_query_count_is_constant(client, django_assert_num_queries):
    client.force_login(StaffUserFactory())
    ApplicationFactory()
    with django_assert_num_queries(7):
        client.get(reverse("admin:registration_application_changelist"))
    ApplicationFactory.create_batch(2)
    with django_assert_num_queries(7):
        client.get(reverse("admin:registration_application_changelist"))


def test_apply_confirm_carries_the_name_order_and_the_name_in_its_own_script(client):
    application = ApplicationFactory(
        data={
            "given_name": "Wei",
            "family_name": "Wang",
            "name_order": NameOrder.FAMILY_FIRST,
            "own_script_name": "王伟",
        }
    )

    client.post(confirm_url(application))

    participant = Participant.objects.get()
    assert (participant.full_name, participant.own_script_name) == ("WANG Wei", "王伟")


def test_apply_confirm_of_an_application_kept_from_before_name_orders_uses_the_default(client):
    application = ApplicationFactory(data={"given_name": "Mei", "family_name": "Lin"})

    response = client.post(confirm_url(application))

    assert response.status_code == 200
    participant = Participant.objects.get()
    assert (participant.name_order, participant.own_script_name) == (NameOrder.GIVEN_FIRST, "")
