import time
from urllib.parse import urlencode

import pytest
from django.urls import reverse

from accounts.session_limits import REAUTHENTICATED_AT
from accreditation.models import Document
from delegations.models import Export
from tests.accounts.conftest import totp_code, totp_device_for
from tests.factories import (
    PASSWORD,
    ConferenceFactory,
    DocumentFactory,
    EntryFactory,
    ParticipantFactory,
    StaffUserFactory,
)

pytestmark = pytest.mark.django_db

CONFIRM = reverse("accounts:reauthenticate")


def stale(client, settings):
    """The password was last given longer ago than REAUTHENTICATION_MINUTES."""
    session = client.session
    session[REAUTHENTICATED_AT] = int(time.time()) - settings.REAUTHENTICATION_MINUTES * 60 - 1
    session.save()


def list_url(conference):
    """The List of Participants: a POST asks for it, a GET shows the form that does."""
    return reverse("accreditation:participant_list", args=[conference.slug])


def test_list_of_participants_just_after_log_in_is_asked_for_at_once(client):
    conference = ConferenceFactory()
    client.force_login(StaffUserFactory())

    response = client.post(list_url(conference), {"format": "csv"})

    assert response.url == Document.objects.get().get_absolute_url()


def test_list_of_participants_asks_for_the_password_again_after_ten_minutes(client, settings):
    conference = ConferenceFactory()
    client.force_login(StaffUserFactory())
    stale(client, settings)

    response = client.post(list_url(conference), {"format": "csv"})

    assert response.url == f"{CONFIRM}?{urlencode({'next': list_url(conference)})}"
    assert not Document.objects.exists()


def test_confirming_the_password_returns_to_the_form_of_the_list(client, settings):
    conference = ConferenceFactory()
    client.force_login(StaffUserFactory())
    stale(client, settings)

    response = client.post(CONFIRM, {"password": PASSWORD, "next": list_url(conference)})

    assert response.url == list_url(conference)
    assert 'name="format"' in client.get(response.url).text


def test_document_download_asks_for_the_password_again_after_ten_minutes(client, settings):
    document = DocumentFactory()
    client.force_login(StaffUserFactory())
    stale(client, settings)
    url = reverse("accreditation:document_file", args=[document.pk])

    response = client.get(url)

    assert response.url == f"{CONFIRM}?{urlencode({'next': url})}"


def test_confirming_with_a_wrong_password_keeps_the_export_closed(client, settings):
    conference = ConferenceFactory()
    client.force_login(StaffUserFactory())
    stale(client, settings)

    response = client.post(CONFIRM, {"password": "wrong", "next": list_url(conference)})

    assert "This password is not right." in response.content.decode()
    assert client.get(list_url(conference)).status_code == 302


def test_confirming_needs_a_code_too_when_the_user_has_an_app(client, settings):
    conference = ConferenceFactory()
    user = StaffUserFactory()
    device = totp_device_for(user)
    client.force_login(user)
    stale(client, settings)

    without_code = client.post(CONFIRM, {"password": PASSWORD})
    with_code = client.post(
        CONFIRM,
        {"password": PASSWORD, "code": totp_code(device.bin_key), "next": list_url(conference)},
    )

    assert without_code.status_code == 200
    assert "This field is required." in without_code.content.decode()
    assert with_code.url == list_url(conference)


def test_confirming_counts_towards_the_lockout(client, settings):
    client.force_login(StaffUserFactory())
    stale(client, settings)
    for _ in range(settings.LOGIN_FAILURES_PER_ACCOUNT):
        client.post(CONFIRM, {"password": "wrong"})

    response = client.post(CONFIRM, {"password": PASSWORD})

    assert response.status_code == 429


def test_import_asks_for_the_password_again_after_ten_minutes(client, settings):
    conference = ConferenceFactory()
    client.force_login(StaffUserFactory())
    stale(client, settings)
    url = reverse("accreditation:import", args=[conference.slug])

    response = client.get(url)

    assert response.url == f"{CONFIRM}?{urlencode({'next': url})}"


@pytest.mark.parametrize(
    ("model", "make"),
    [
        ("delegations/participant", lambda: ParticipantFactory().pk),
        ("delegations/delegation", lambda: ParticipantFactory().delegation.pk),
        ("accreditation/entry", lambda: EntryFactory().pk),
    ],
)
def test_admin_csv_export_asks_for_the_password_again_then_returns_to_the_list(
    client, settings, model, make
):
    pk = make()
    client.force_login(StaffUserFactory())
    stale(client, settings)
    changelist = f"/en/admin/{model}/?o=1"

    response = client.post(
        changelist, {"action": "export_csv", "_selected_action": [pk], "index": 0}
    )

    assert response.status_code == 302
    assert response.url == f"{CONFIRM}?{urlencode({'next': changelist})}"
    client.post(CONFIRM, {"password": PASSWORD, "next": changelist})
    exported = client.post(
        changelist, {"action": "export_csv", "_selected_action": [pk], "index": 0}
    )
    assert exported.url == Export.objects.get(kind=model.replace("/", ".")).get_absolute_url()


def test_account_page_asks_for_the_password_again_after_ten_minutes(client, settings):
    client.force_login(StaffUserFactory())
    stale(client, settings)

    response = client.get(reverse("accounts:security"))

    assert response.url.startswith(CONFIRM)
