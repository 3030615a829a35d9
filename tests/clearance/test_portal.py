"""The focal point's security data page, behind the invitation link: only when the conference
collects the data, only for the delegation's own members; no passport number in any log."""

import logging

import pytest
from django.urls import reverse

from clearance.models import ClearancePolicy, ClearanceState, SecurityRecord
from clearance.services import security_data_save
from tests.clearance.conftest import PASSPORT, TOKEN, scan, valid_data
from tests.factories import InvitationFactory, ParticipantFactory

pytestmark = pytest.mark.django_db


def form_data(**changes) -> dict:
    data = {key: value for key, value in valid_data(**changes).items() if value is not False}
    return {**data, "data_page": scan()}


def member_url(pk: int, token: str = TOKEN) -> str:
    return reverse("clearance:portal_member", kwargs={"token": token, "pk": pk})


def test_the_portal_home_links_the_security_data_when_collected(client, invitation):
    response = client.get(reverse("registration:portal", kwargs={"token": TOKEN}))

    assert reverse("clearance:portal_members", kwargs={"token": TOKEN}) in response.text


def test_nothing_changes_when_the_conference_does_not_collect(client, invitation, member):
    ClearancePolicy.objects.all().delete()

    home = client.get(reverse("registration:portal", kwargs={"token": TOKEN}))
    page = client.get(reverse("clearance:portal_members", kwargs={"token": TOKEN}))

    assert "/security/" not in home.text
    assert page.status_code == 404


def test_focal_point_submits_a_member_s_data(client, invitation, member, caplog):
    with caplog.at_level(logging.DEBUG):
        response = client.post(member_url(member.pk), form_data())

    assert response.status_code == 302
    assert SecurityRecord.objects.get(participant=member).state == ClearanceState.SUBMITTED
    assert PASSPORT not in caplog.text


def test_an_expired_passport_is_shown_next_to_its_field(client, invitation, member):
    response = client.post(member_url(member.pk), form_data(document_expiry="2023-08-01"))

    assert response.status_code == 400
    assert response.context["form"].errors["document_expiry"]
    assert not SecurityRecord.objects.exists()


def test_an_unreadable_scan_is_shown_next_to_its_field(client, invitation, member):
    data = {**form_data(), "data_page": scan(b"garbage", "page.jpg")}

    response = client.post(member_url(member.pk), data)

    assert response.status_code == 400
    assert response.context["form"].errors["data_page"]


def test_the_form_shows_the_data_back_and_logs_the_view(client, invitation, member):
    security_data_save(participant=member, data=valid_data(), data_page=scan())

    response = client.get(member_url(member.pk))

    assert PASSPORT in response.text
    access = member.security_data_accesses.get()
    assert (access.by_label, access.kind) == ("focal point", "viewed")


def test_a_focal_point_of_another_delegation_cannot_reach_a_member(client, invitation, member):
    other = InvitationFactory(
        token="other-token", delegation__conference=invitation.delegation.conference
    )
    security_data_save(participant=member, data=valid_data(), data_page=scan())

    response = client.get(member_url(member.pk, token="other-token"))
    posted = client.post(member_url(member.pk, token="other-token"), form_data())

    assert response.status_code == posted.status_code == 404
    assert other.delegation.participants.count() == 0


def test_the_members_page_lists_each_state(client, invitation, member):
    ParticipantFactory(delegation=invitation.delegation, family_name="Mensah")
    security_data_save(participant=member, data=valid_data(), data_page=scan())

    response = client.get(reverse("clearance:portal_members", kwargs={"token": TOKEN}))

    assert response.text.count("not submitted") == 1
    assert response.text.count("submitted") == 2
    assert PASSPORT not in response.text
