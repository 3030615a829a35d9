import pytest
from django.urls import reverse

from bilaterals import services
from bilaterals.models import Bilateral, BilateralState
from bilaterals.selectors import time_key
from tests.bilaterals.conftest import slot_time
from tests.factories import DelegationFactory, InvitationFactory

pytestmark = pytest.mark.django_db


def url(name, token, **kwargs):
    return reverse(f"bilaterals:{name}", kwargs={"token": token, **kwargs})


def test_portal_home_links_the_bilaterals(client, ghana_token):
    response = client.get(reverse("registration:portal", kwargs={"token": ghana_token}))

    assert url("portal", ghana_token) in response.text


def test_request_form_sends_a_request(client, ghana_token, ghana, japan, slot, ghana_member):
    response = client.post(
        url("request", ghana_token),
        {
            "invitee": japan.pk,
            "times": [time_key(slot_time(slot))],
            "attendees": [ghana_member.pk],
            "topic": "Formed police units",
        },
    )

    assert response.status_code == 302
    bilateral = Bilateral.objects.get()
    assert (bilateral.requester, bilateral.invitee, bilateral.topic) == (
        ghana,
        japan,
        "Formed police units",
    )


def test_request_form_without_a_time_says_so_on_the_field(client, ghana_token, japan, slot):
    response = client.post(url("request", ghana_token), {"invitee": japan.pk})

    assert response.status_code == 400
    assert "times" in response.context["form"].errors
    assert not Bilateral.objects.exists()


def test_request_form_refuses_a_forged_time(client, ghana_token, japan, slot):
    response = client.post(url("request", ghana_token), {"invitee": japan.pk, "times": ["1-2"]})

    assert response.status_code == 400
    assert "times" in response.context["form"].errors


def test_invitee_accepts_in_its_portal(client, ghana, japan, japan_token, slot, japan_member):
    bilateral = services.bilateral_request(
        requester=ghana, invitee=japan, times=[slot_time(slot)], attendees=[]
    )

    response = client.post(
        url("detail", japan_token, pk=bilateral.pk),
        {
            "action": "accept",
            "accept-time": time_key(slot_time(slot)),
            "accept-attendees": [japan_member.pk],
        },
    )

    assert response.status_code == 302
    bilateral.refresh_from_db()
    assert bilateral.state == BilateralState.ACCEPTED


def test_delegation_never_sees_others_requests_to_third_parties(
    client, conference, ghana, japan, ghana_token, slot
):
    brazil = DelegationFactory(conference=conference, country="BR")
    theirs = services.bilateral_request(
        requester=japan, invitee=brazil, times=[slot_time(slot)], attendees=[], topic="Secret"
    )

    listing = client.get(url("portal", ghana_token))
    detail = client.get(url("detail", ghana_token, pk=theirs.pk))
    cancel = client.post(url("cancel", ghana_token, pk=theirs.pk))

    assert "Brazil" not in listing.text
    assert detail.status_code == 404
    assert cancel.status_code == 404
    theirs.refresh_from_db()
    assert theirs.state == BilateralState.REQUESTED


def test_topic_is_shown_to_both_delegations(client, ghana, japan, japan_token, slot):
    bilateral = services.bilateral_request(
        requester=ghana, invitee=japan, times=[slot_time(slot)], attendees=[], topic="Helicopters"
    )

    response = client.get(url("detail", japan_token, pk=bilateral.pk))

    assert "Helicopters" in response.text


def test_portal_page_queries_do_not_grow_with_meetings(
    client, conference, ghana, ghana_token, slot, django_assert_num_queries
):
    def add_requests(count):
        for _ in range(count):
            other = DelegationFactory(conference=conference)
            services.bilateral_request(
                requester=ghana, invitee=other, times=[slot_time(slot)], attendees=[]
            )

    add_requests(1)
    client.get(url("portal", ghana_token))  # the link's first use is recorded once
    with django_assert_num_queries(5):
        client.get(url("portal", ghana_token))
    add_requests(2)
    with django_assert_num_queries(5):
        client.get(url("portal", ghana_token))


def test_request_form_queries_are_fixed(
    client, conference, ghana_token, slot, django_assert_num_queries
):
    DelegationFactory.create_batch(3, conference=conference)
    client.get(url("portal", ghana_token))  # the link's first use is recorded once
    with django_assert_num_queries(4):
        response = client.get(url("request", ghana_token))
    assert response.status_code == 200


def test_revoked_invitation_opens_no_bilateral_page(client, ghana, slot):
    InvitationFactory(delegation=ghana, token="old", revoked_at="2024-01-01T00:00Z")

    assert client.get(url("portal", "old")).status_code == 410
