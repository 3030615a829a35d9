import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from floor.models import Inscription, InscriptionStatus, SpeakersList, SwapRequest, SwapStatus
from floor.speakers import inscription_add
from floor.swaps import swap_request
from tests.factories import ParticipantFactory
from tests.floor.helpers import delegation_with_head, invited, plenary

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
    plenaries = [first] + [plenary(conference=first.conference) for _ in range(sessions - 1)]
    delegation, head = invited(first.conference, country="GH", token="ghana")
    ParticipantFactory(delegation=delegation)
    others = [delegation_with_head(first.conference, country=c) for c in ["JP", "PK"]]
    for session in plenaries:  # inscribed everywhere, with a request made and one received
        mine = inscription_add(session=session, delegation=delegation, speaker=head, language="en")
        for other, other_head in others:
            theirs = inscription_add(
                session=session, delegation=other, speaker=other_head, language="en"
            )
        swap_request(proposer=mine, partner=theirs, delegation=delegation, reason="Flight")
        swap_request(proposer=theirs, partner=mine, delegation=theirs.delegation, reason="Flight")
    client.get(url("portal_speakers", "ghana"))  # the link's first use is recorded once

    with django_assert_num_queries(6):
        response = client.get(url("portal_speakers", "ghana"))

    assert response.status_code == 200
    assert response.text.count("asks to exchange places") == sessions


def inscribe_by_portal(client, session, token, head):
    client.post(
        url("portal_inscribe", token, session=session.pk),
        {f"s{session.pk}-speaker": head.pk, f"s{session.pk}-language": "en"},
    )
    return Inscription.objects.get(delegation=head.delegation)


def test_focal_points_exchange_places_by_request_and_acceptance(client):
    session = plenary()
    _ghana, ghana_head = invited(session.conference, country="GH", token="ghana")
    _japan, japan_head = invited(session.conference, country="JP", token="japan")
    mine = inscribe_by_portal(client, session, "ghana", ghana_head)
    theirs = inscribe_by_portal(client, session, "japan", japan_head)

    response = client.post(
        url("portal_swap_request", "ghana", pk=mine.pk),
        {f"x{session.pk}-partner": theirs.pk, f"x{session.pk}-reason": "Our minister flies at 6"},
    )
    assert response.status_code == 302
    swap = SwapRequest.objects.get()
    page = client.get(url("portal_speakers", "japan"))
    assert "asks to exchange places" in page.text
    assert "Our minister flies at 6" in page.text

    client.post(url("portal_swap_accept", "japan", pk=swap.pk))

    mine.refresh_from_db()
    theirs.refresh_from_db()
    assert theirs.position < mine.position
    assert SwapRequest.objects.get().status == SwapStatus.ACCEPTED


def test_the_asker_cannot_accept_its_own_request_and_a_third_delegation_cannot_see_it(client):
    session = plenary()
    _ghana, ghana_head = invited(session.conference, country="GH", token="ghana")
    _japan, japan_head = invited(session.conference, country="JP", token="japan")
    invited(session.conference, country="PK", token="pakistan")
    mine = inscribe_by_portal(client, session, "ghana", ghana_head)
    theirs = inscribe_by_portal(client, session, "japan", japan_head)
    client.post(
        url("portal_swap_request", "ghana", pk=mine.pk),
        {f"x{session.pk}-partner": theirs.pk, f"x{session.pk}-reason": "Flight"},
    )
    swap = SwapRequest.objects.get()

    own = client.post(url("portal_swap_accept", "ghana", pk=swap.pk))
    third = client.post(url("portal_swap_accept", "pakistan", pk=swap.pk))

    assert own.status_code == 302  # refused with a message
    assert third.status_code == 404
    assert SwapRequest.objects.get().status == SwapStatus.PENDING


def test_swap_request_naming_a_delegation_of_another_conference_is_refused_on_the_field(client):
    session = plenary()
    other_session = plenary()
    _ghana, ghana_head = invited(session.conference, country="GH", token="ghana")
    _japan, japan_head = invited(other_session.conference, country="JP", token="japan")
    mine = inscribe_by_portal(client, session, "ghana", ghana_head)
    elsewhere = inscribe_by_portal(client, other_session, "japan", japan_head)

    response = client.post(
        url("portal_swap_request", "ghana", pk=mine.pk),
        {f"x{session.pk}-partner": elsewhere.pk, f"x{session.pk}-reason": "Flight"},
    )

    assert response.status_code == 400
    row = next(row for row in response.context["rows"] if row["session"] == session)
    assert "partner" in row["swap_form"].errors
    assert not SwapRequest.objects.exists()


def test_swap_request_for_another_delegations_inscription_is_not_found(client):
    session = plenary()
    _ghana, ghana_head = invited(session.conference, country="GH", token="ghana")
    _japan, japan_head = invited(session.conference, country="JP", token="japan")
    inscribe_by_portal(client, session, "ghana", ghana_head)
    theirs = inscribe_by_portal(client, session, "japan", japan_head)

    response = client.post(
        url("portal_swap_request", "ghana", pk=theirs.pk),
        {f"x{session.pk}-partner": theirs.pk, f"x{session.pk}-reason": "Flight"},
    )

    assert response.status_code == 404


def test_focal_point_changes_its_speaker_from_the_portal(client):
    session = plenary()
    ghana, head = invited(session.conference, country="GH", token="ghana")
    adviser = ParticipantFactory(delegation=ghana)
    mine = inscribe_by_portal(client, session, "ghana", head)

    response = client.post(
        url("portal_speaker", "ghana", pk=mine.pk), {f"p{session.pk}-speaker": adviser.pk}
    )

    assert response.status_code == 302
    mine.refresh_from_db()
    assert mine.speaker == adviser


def test_closed_list_offers_no_changes_and_refuses_them(client):
    session = plenary()
    ghana, head = invited(session.conference, country="GH", token="ghana")
    adviser = ParticipantFactory(delegation=ghana)
    mine = inscribe_by_portal(client, session, "ghana", head)
    SpeakersList.objects.update(closes_at=timezone.now() - datetime.timedelta(minutes=1))

    page = client.get(url("portal_speakers", "ghana"))
    response = client.post(
        url("portal_speaker", "ghana", pk=mine.pk), {f"p{session.pk}-speaker": adviser.pk}
    )

    assert "Change the speaker" not in page.text
    assert "write to the Secretariat" in page.text
    assert response.status_code == 400
    mine.refresh_from_db()
    assert mine.speaker == head
