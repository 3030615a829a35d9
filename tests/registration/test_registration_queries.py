"""What one registration costs the database: the portal's members and individual
applications are the requests that come by the thousand when a meeting opens registration
(docs/performance.md, "The scale-out stack")."""

import pytest
from django.urls import reverse

from delegations.models import Participant
from registration.models import Application
from tests.factories import InvitationFactory, OpenConferenceFactory
from tests.registration.test_applications import application_data, apply_url
from tests.registration.test_portal import TOKEN, member_data, url

pytestmark = pytest.mark.django_db


def test_member_add_costs_one_transaction_of_four_statements(client, django_assert_num_queries):
    InvitationFactory(token=TOKEN)
    client.get(url("member_add"))  # the link's use is recorded once in a while, not now

    # The invitation with its delegation and conference, the categories the form offers and
    # the service checks; then within the transaction (a savepoint in the test's): the
    # delegation locked with its conference, the quota's count, the participant, its e-mail
    # task. Not the categories again, the conference, the delegation or the badge token
    # looked up again, nor a savepoint of its own around the insert.
    with django_assert_num_queries(8):
        response = client.post(url("member_add"), member_data())

    assert response.status_code == 302
    assert Participant.objects.get().nationality == "GH"


def test_member_form_draws_the_countries_without_a_query(client, django_assert_num_queries):
    InvitationFactory(token=TOKEN)
    client.get(url("member_add"))

    # The invitation, the categories; the country list is made once per process and
    # language.
    with django_assert_num_queries(2):
        response = client.get(url("member_add"))

    assert '<option value="GH">Ghana</option>' in response.content.decode()


def test_member_add_refuses_an_unknown_country(client):
    InvitationFactory(token=TOKEN)

    response = client.post(url("member_add"), member_data(nationality="XX"))

    assert response.status_code == 400
    assert "Select a valid choice. XX is not one of the available choices." in (
        response.content.decode()
    )
    assert not Participant.objects.exists()


def test_apply_costs_one_transaction_of_two_inserts(client, django_assert_num_queries):
    conference = OpenConferenceFactory(accepts_individual_applications=True)
    client.get(apply_url(conference))

    # The conference; then within the transaction (a savepoint in the test's): the
    # application and its e-mail task. Not the conference looked up again.
    with django_assert_num_queries(5):
        response = client.post(apply_url(conference), application_data())

    assert response.status_code == 302
    assert Application.objects.get().data["nationality"] == "GH"
    assert reverse("registration:apply_sent", kwargs={"conference": conference.slug}) == (
        response.url
    )
