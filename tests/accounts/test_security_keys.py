import hashlib
import time

import pytest
from django.urls import reverse
from django_otp_webauthn.models import WebAuthnCredential

from accounts.session_limits import REAUTHENTICATED_AT
from tests.accounts.conftest import totp_device_for
from tests.factories import PASSWORD, StaffUserFactory

pytestmark = pytest.mark.django_db

BEGIN_AUTHENTICATION = reverse("otp_webauthn:credential-authentication-begin")
BEGIN_REGISTRATION = reverse("otp_webauthn:credential-registration-begin")


def security_key_for(user, *, credential_id=b"key-1"):
    """A registered key as the database holds it (a browser test registers a real one)."""
    return WebAuthnCredential.objects.create(
        user=user,
        name="Blue key",
        confirmed=True,
        credential_id=credential_id,
        credential_id_sha256=hashlib.sha256(credential_id).hexdigest(),
        public_key=b"not used here",
        aaguid="00000000-0000-0000-0000-000000000000",
    )


def test_security_key_log_in_needs_the_password_step_first(client):
    response = client.post(BEGIN_AUTHENTICATION, content_type="application/json")

    assert response.status_code == 403
    assert response.json()["code"] == "not_authenticated"


def test_security_key_log_in_offers_the_keys_of_who_gave_the_password(client):
    user = StaffUserFactory()
    security_key_for(user)
    client.post(reverse("accounts:login"), {"username": user.username, "password": PASSWORD})

    response = client.post(BEGIN_AUTHENTICATION, content_type="application/json")

    assert response.status_code == 200
    assert [key["id"] for key in response.json()["allowCredentials"]] == ["a2V5LTE"]


def test_login_of_a_user_with_only_a_security_key_asks_for_it(client):
    user = StaffUserFactory()
    security_key_for(user)

    response = client.post(
        reverse("accounts:login"), {"username": user.username, "password": PASSWORD}
    )
    page = client.get(response.url)

    assert "Use a security key or passkey" in page.content.decode()


def test_adding_a_security_key_needs_a_recent_password(client, settings):
    client.force_login(StaffUserFactory())
    session = client.session
    session[REAUTHENTICATED_AT] = int(time.time()) - settings.REAUTHENTICATION_MINUTES * 60 - 1
    session.save()

    response = client.post(BEGIN_REGISTRATION, content_type="application/json")

    assert response.status_code == 403
    assert response.json()["code"] == "not_recently_authenticated"


def test_adding_a_security_key_just_after_log_in_starts(client):
    client.force_login(StaffUserFactory())

    response = client.post(BEGIN_REGISTRATION, content_type="application/json")

    assert response.status_code == 200
    assert response.json()["rp"] == {"id": "testserver", "name": "Plenary"}


def test_account_page_lists_security_keys_and_removes_one(client):
    user = StaffUserFactory()
    totp_device_for(user)
    key = security_key_for(user)
    client.force_login(user)

    page = client.get(reverse("accounts:security"))
    response = client.post(reverse("accounts:security_key_remove", args=[key.pk]))

    assert "Blue key" in page.content.decode()
    assert response.url == reverse("accounts:security")
    assert not WebAuthnCredential.objects.filter(pk=key.pk).exists()


def test_account_page_never_removes_another_person_s_key(client):
    key = security_key_for(StaffUserFactory())
    client.force_login(StaffUserFactory())

    client.post(reverse("accounts:security_key_remove", args=[key.pk]))

    assert WebAuthnCredential.objects.filter(pk=key.pk).exists()


def test_confirming_the_password_of_a_user_with_only_a_security_key_asks_no_code(client):
    user = StaffUserFactory()
    security_key_for(user)
    client.force_login(user)

    response = client.post(
        reverse("accounts:reauthenticate"), {"password": PASSWORD, "next": "/admin/"}
    )

    assert response.url == "/admin/"
