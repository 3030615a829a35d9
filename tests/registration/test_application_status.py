"""The applicant's status page: from the confirmation e-mail, their application and nothing else."""

import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation

from delegations.link_secrets import without_link_secrets
from delegations.models import State
from delegations.services import participant_transition
from registration.models import Application
from registration.services import application_confirm
from tests.factories import ApplicationFactory, OpenConferenceFactory
from tests.tasks import tasks_run

pytestmark = pytest.mark.django_db


def status_url(application, conference=None) -> str:
    return reverse(
        "registration:apply_status",
        kwargs={
            "conference": (conference or application.conference).slug,
            "token": application.status_token(),
        },
    )


def status_text(client, application) -> str:
    response = client.get(status_url(application))
    assert response.status_code == 200
    assert "no-cache" in response["Cache-Control"]
    return response.content.decode()


@pytest.mark.django_db(transaction=True)
def test_the_confirmation_email_and_page_link_the_status_page(client):
    conference = OpenConferenceFactory()
    client.post(
        reverse("registration:apply", kwargs={"conference": conference.slug}),
        {
            "kind": "media",
            "given_name": "Amina",
            "family_name": "Diallo",
            "name_order": "given_first",
            "email": "amina.diallo@press.example.org",
            "media_outlet": "Agence de presse sénégalaise",
            "press_card_number": "SN-2026-0415",
            "nationality": "SN",
            "preferred_language": "en",
        },
    )
    tasks_run()
    body = mail.outbox[0].body
    confirm = re.search(r"http://testserver(/en/\S+/apply/confirm/\S+/)", body).group(1)
    status = re.search(r"http://testserver(/en/\S+/apply/status/\S+/)", body).group(1)

    assert "With the organisers" not in client.get(status).content.decode()
    confirmed = client.post(confirm).content.decode()

    assert f'href="{status}"' in confirmed
    assert "With the organisers, who have not decided yet." in client.get(status).content.decode()
    assert "/apply/status/…/" in without_link_secrets(body)


def test_an_unconfirmed_application_asks_to_confirm_the_address(client):
    application = ApplicationFactory()

    assert "Waiting for you to confirm your e-mail address" in status_text(client, application)


@pytest.mark.parametrize(
    ("to_state", "reason", "says"),
    [
        (State.APPROVED, "", "Approved. Your badge comes by e-mail"),
        (State.REJECTED, "The meeting is for Member States only.", "Not approved."),
        (State.WITHDRAWN, "Asked to be withdrawn.", "Withdrawn."),
    ],
)
def test_the_status_page_says_what_the_organisers_decided_and_why(client, to_state, reason, says):
    application = application_confirm(token=ApplicationFactory().confirmation_token())

    participant_transition(participant=application.participant, to_state=to_state, reason=reason)
    text = status_text(client, application)

    assert says in text
    assert "Reason given" in text if reason else "Reason given" not in text
    assert reason in text


def test_the_status_page_is_in_the_applicants_language(client):
    conference = OpenConferenceFactory(languages=["en", "fr"])
    application = ApplicationFactory(conference=conference)
    with translation.override("fr"):
        url = status_url(application)

    assert "Votre demande" in client.get(url).content.decode()


def test_a_forged_or_foreign_status_link_opens_nothing(client):
    application = ApplicationFactory()
    other = OpenConferenceFactory()
    forged = reverse(
        "registration:apply_status",
        kwargs={"conference": application.conference.slug, "token": "forged"},
    )

    for url in (forged, status_url(application, conference=other)):
        response = client.get(url)
        assert response.status_code == 404
        assert application.email not in response.content.decode()


def test_a_deleted_application_opens_nothing(client):
    application = ApplicationFactory()
    url = status_url(application)
    application.delete()

    assert client.get(url).status_code == 404


@pytest.mark.django_db(transaction=True)
def test_an_applicant_is_told_of_an_individual_application_not_of_a_delegation_called_experts():
    application_confirm(token=ApplicationFactory().confirmation_token())
    tasks_run()

    body = mail.outbox[0].body
    assert "Your individual application to attend" in body
    assert "delegation" not in body.lower()


def media_application(**fields) -> dict:
    return {
        "kind": "media",
        "given_name": "Amina",
        "family_name": "Diallo",
        "name_order": "given_first",
        "email": "amina.diallo@press.example.org",
        "nationality": "SN",
        "preferred_language": "en",
        **fields,
    }


def test_media_applicants_give_their_outlet_and_press_card(client):
    conference = OpenConferenceFactory()
    url = reverse("registration:apply", kwargs={"conference": conference.slug})

    response = client.post(url, media_application())

    assert response.status_code == 400
    assert set(response.context["form"].errors) == {"media_outlet", "press_card_number"}
    assert not Application.objects.exists()


def test_the_confirmed_media_participant_carries_outlet_and_press_card():
    application = ApplicationFactory(
        kind="media",
        data={
            "given_name": "Amina",
            "family_name": "Diallo",
            "media_outlet": "Agence de presse sénégalaise",
            "press_card_number": "SN-2026-0415",
        },
    )

    participant = application_confirm(token=application.confirmation_token()).participant

    assert (participant.category, participant.media_outlet, participant.press_card_number) == (
        "media",
        "Agence de presse sénégalaise",
        "SN-2026-0415",
    )


def test_an_expert_is_not_asked_for_a_press_card_and_what_was_typed_is_not_kept(client):
    conference = OpenConferenceFactory()
    url = reverse("registration:apply", kwargs={"conference": conference.slug})

    client.post(url, media_application(kind="expert", press_card_number="typed by mistake"))

    assert "press_card_number" not in Application.objects.get().data or (
        Application.objects.get().data["press_card_number"] == ""
    )
