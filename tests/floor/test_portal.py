import pytest
from django.urls import reverse

from floor.models import Inscription, InscriptionStatus
from tests.factories import ParticipantFactory
from tests.floor.helpers import invited, plenary

pytestmark = pytest.mark.django_db


def url(name, token, **kwargs):
    return reverse(f"floor:{name}", kwargs={"token": token, **kwargs})


def test_portal_home_links_the_list_of_speakers(client):
    session = plenary()
    invited(session.conference, country="GH", token="ghana")

    response = client.get(reverse("registration:portal", kwargs={"token": "ghana"}))

    assert url("portal_speakers", "ghana") in response.text


def test_focal_point_inscribes_the_delegation_naming_speaker_and_language(client):
    session = plenary()
    delegation, head = invited(session.conference, country="GH", token="ghana")

    response = client.post(
        url("portal_inscribe", "ghana", session=session.pk),
        {f"s{session.pk}-speaker": head.pk, f"s{session.pk}-language": "fr"},
    )

    assert response.status_code == 302
    inscription = Inscription.objects.get()
    assert (inscription.delegation, inscription.speaker, inscription.language) == (
        delegation,
        head,
        "fr",
    )
    page = client.get(url("portal_speakers", "ghana"))
    assert "Withdraw the inscription" in page.text


def test_inscription_in_a_language_the_meeting_does_not_offer_is_refused_on_the_field(client):
    session = plenary()
    _delegation, head = invited(session.conference, country="GH", token="ghana")

    response = client.post(
        url("portal_inscribe", "ghana", session=session.pk),
        {f"s{session.pk}-speaker": head.pk, f"s{session.pk}-language": "ru"},
    )

    assert response.status_code == 400
    form = next(row["form"] for row in response.context["rows"] if row["session"] == session)
    assert "language" in form.errors
    assert not Inscription.objects.exists()


def test_focal_point_cannot_name_another_delegations_member(client):
    session = plenary()
    invited(session.conference, country="GH", token="ghana")
    _japan, japanese_head = invited(session.conference, country="JP", token="japan")

    response = client.post(
        url("portal_inscribe", "ghana", session=session.pk),
        {f"s{session.pk}-speaker": japanese_head.pk, f"s{session.pk}-language": "en"},
    )

    assert response.status_code == 400
    assert not Inscription.objects.exists()


def test_another_delegation_cannot_withdraw_yours(client):
    session = plenary()
    _ghana, head = invited(session.conference, country="GH", token="ghana")
    invited(session.conference, country="JP", token="japan")
    client.post(
        url("portal_inscribe", "ghana", session=session.pk),
        {f"s{session.pk}-speaker": head.pk, f"s{session.pk}-language": "en"},
    )
    inscription = Inscription.objects.get()

    response = client.post(url("portal_withdraw", "japan", pk=inscription.pk))

    assert response.status_code == 404
    inscription.refresh_from_db()
    assert inscription.status == InscriptionStatus.WAITING


def test_focal_point_withdraws_its_own_inscription(client):
    session = plenary()
    _ghana, head = invited(session.conference, country="GH", token="ghana")
    client.post(
        url("portal_inscribe", "ghana", session=session.pk),
        {f"s{session.pk}-speaker": head.pk, f"s{session.pk}-language": "en"},
    )

    client.post(url("portal_withdraw", "ghana", pk=Inscription.objects.get().pk))

    assert Inscription.objects.get().status == InscriptionStatus.WITHDRAWN


@pytest.mark.parametrize("sessions", [1, 3])
def test_portal_speakers_page_query_count_is_constant(client, django_assert_num_queries, sessions):
    first = plenary()
    for _ in range(sessions - 1):
        plenary(conference=first.conference)
    delegation, _head = invited(first.conference, country="GH", token="ghana")
    ParticipantFactory(delegation=delegation)
    client.get(url("portal_speakers", "ghana"))  # the link's first use is recorded once

    with django_assert_num_queries(4):
        response = client.get(url("portal_speakers", "ghana"))

    assert response.status_code == 200
