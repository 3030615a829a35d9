"""The waiting list: a full delegation asks for more places; organisers grant or refuse."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.urls import reverse

from delegations.models import QuotaRequest, QuotaRequestState
from delegations.services import quota_request_create, quota_request_decide
from tests.factories import (
    InvitationFactory,
    ParticipantFactory,
    RegistrationClosedConferenceFactory,
    StaffUserFactory,
)

pytestmark = pytest.mark.django_db

TOKEN = "full-delegation-token"


@pytest.fixture
def full_delegation():
    invitation = InvitationFactory(token=TOKEN, delegation__quota=2)
    ParticipantFactory.create_batch(2, delegation=invitation.delegation)
    return invitation.delegation


def portal_url(name: str = "portal") -> str:
    return reverse(f"registration:{name}", kwargs={"token": TOKEN})


def test_a_full_delegation_is_told_why_it_cannot_add_and_may_ask_for_more(client, full_delegation):
    page = client.get(portal_url()).content.decode()

    assert "Add a member" not in page
    assert "All 2 places of your delegation are used" in page
    assert "Ask for more places" in page


def test_a_focal_point_asks_for_more_places_and_sees_the_request_pending(client, full_delegation):
    response = client.post(
        portal_url("quota_request"), {"places": 2, "reason": "The Minister's security detail."}
    )

    assert response.status_code == 302
    request = QuotaRequest.objects.get()
    assert (request.delegation, request.places, request.state) == (
        full_delegation,
        2,
        QuotaRequestState.REQUESTED,
    )
    page = client.get(portal_url()).content.decode()
    assert "the organisers have not answered yet" in page
    assert "Ask for more places" not in page


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"places": 0, "reason": "More"}, "places"),
        ({"places": 10**12, "reason": "More"}, "places"),
        ({"places": 2, "reason": ""}, "reason"),
        ({"places": 2, "reason": "bad\x07text"}, "reason"),
    ],
)
def test_a_bad_request_gets_a_field_error_and_keeps_nothing(client, full_delegation, data, field):
    response = client.post(portal_url("quota_request"), data)

    assert response.status_code == 400
    assert field in response.context["quota_form"].errors
    assert not QuotaRequest.objects.exists()


def test_a_second_request_waits_for_the_first_answer(full_delegation):
    quota_request_create(delegation=full_delegation, places=1, reason="A driver.")

    with pytest.raises(ValidationError, match="already has a request"):
        quota_request_create(delegation=full_delegation, places=1, reason="Again.")


def test_the_database_refuses_two_open_requests_for_one_delegation(full_delegation):
    QuotaRequest.objects.create(delegation=full_delegation, places=1, reason="One")

    with pytest.raises(IntegrityError), transaction.atomic():
        QuotaRequest.objects.create(delegation=full_delegation, places=1, reason="Two")


def test_no_request_once_registration_closed(client):
    invitation = InvitationFactory(
        token=TOKEN, delegation__conference=RegistrationClosedConferenceFactory()
    )

    response = client.post(portal_url("quota_request"), {"places": 1, "reason": "More"})

    assert response.status_code == 400
    assert not QuotaRequest.objects.filter(delegation=invitation.delegation).exists()


def test_granting_raises_the_quota_once_and_the_focal_point_can_add(client, full_delegation):
    organiser = StaffUserFactory()
    request = quota_request_create(delegation=full_delegation, places=3, reason="Advisers.")

    quota_request_decide(request=request, grant=True, by=organiser, answer="Granted for advisers.")
    with pytest.raises(ValidationError, match="already"):
        quota_request_decide(request=request, grant=True, by=organiser)

    full_delegation.refresh_from_db()
    assert full_delegation.quota == 5
    page = client.get(portal_url()).content.decode()
    assert "The organisers granted 3 more places." in page
    assert '<span dir="auto">Granted for advisers.</span>' in page
    assert "Add a member" in page


def test_refusing_keeps_the_quota_and_says_so(client, full_delegation):
    request = quota_request_create(delegation=full_delegation, places=1, reason="A driver.")

    quota_request_decide(request=request, grant=False, by=None, answer="The hall is full.")

    full_delegation.refresh_from_db()
    assert full_delegation.quota == 2
    page = client.get(portal_url()).content.decode()
    assert "could not grant 1 more place." in page
    assert "The hall is full." in page


@pytest.mark.django_db(transaction=True)
def test_two_organisers_granting_at_once_raise_the_quota_once(full_delegation):
    request = quota_request_create(delegation=full_delegation, places=2, reason="Two more.")
    barrier = threading.Barrier(2)
    outcomes = []

    def grant():
        try:
            barrier.wait()
            quota_request_decide(request=request, grant=True, by=None)
            outcomes.append("granted")
        except ValidationError:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=grant) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    full_delegation.refresh_from_db()
    assert sorted(outcomes) == ["granted", "refused"]
    assert full_delegation.quota == 4


def test_organisers_grant_from_the_admin_change_form(admin_client, full_delegation):
    request = quota_request_create(delegation=full_delegation, places=1, reason="A driver.")
    change = reverse("admin:delegations_quotarequest_change", args=[request.pk])

    response = admin_client.post(change, {"answer": "Welcome.", "_grant": "1"}, follow=True)

    assert "Granted: the quota is now 3." in response.content.decode()
    request.refresh_from_db()
    assert (request.state, request.answer) == (QuotaRequestState.GRANTED, "Welcome.")


def test_the_portal_says_what_the_organisers_changed(admin_client, client, full_delegation):
    member = full_delegation.participants.first()
    change = reverse("admin:delegations_participant_change", args=[member.pk])
    form = admin_client.get(change).context["adminform"].form
    data = {
        name: value
        for name, value in form.initial.items()
        if value is not None and name not in ("photo",)
    }
    data.update(
        {
            "functional_title": "Chargé d'affaires a.i.",
            "state_changes-TOTAL_FORMS": 0,
            "state_changes-INITIAL_FORMS": 0,
            "check_in-TOTAL_FORMS": 0,
            "check_in-INITIAL_FORMS": 0,
        }
    )
    admin_client.post(change, data)

    page = client.get(portal_url()).content.decode()

    assert "The organisers changed this member on" in page
    assert "Functional title" in page
