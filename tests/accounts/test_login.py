import time

import pytest
from django.contrib.auth import SESSION_KEY
from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.mfa import recovery_codes_renew
from accounts.models import RecoveryCode, recovery_code_digest
from accounts.pending import PENDING_LOGIN
from tests.accounts.conftest import totp_code, totp_device_for
from tests.factories import PASSWORD, CheckInStaffFactory, StaffUserFactory

pytestmark = pytest.mark.django_db

LOGIN = reverse("accounts:login")
CODE = reverse("accounts:login_code")
SET_UP = reverse("accounts:login_setup")


def log_in(client, user, *, password=PASSWORD, next_url="", **extra):
    return client.post(
        LOGIN, {"username": user.username, "password": password, "next": next_url}, **extra
    )


def test_login_with_password_logs_in_when_no_second_factor_is_set_up_or_required(client):
    user = StaffUserFactory()

    response = log_in(client, user)

    assert response.status_code == 302
    assert response.url == reverse("accreditation:home")
    assert client.session[SESSION_KEY] == str(user.pk)


def test_login_with_wrong_password_is_refused_with_an_error(client):
    user = StaffUserFactory()

    response = log_in(client, user, password="wrong")

    assert response.status_code == 200
    assert "Please enter a correct username and password" in response.content.decode()
    assert SESSION_KEY not in client.session


def test_login_of_a_user_with_an_app_asks_for_a_code_and_logs_in_nobody_before(client):
    user = StaffUserFactory()
    totp_device_for(user)

    response = log_in(client, user, next_url="/admin/")

    assert response.url == CODE
    assert SESSION_KEY not in client.session
    assert client.get(reverse("accreditation:home")).status_code == 302


def test_login_code_from_the_app_logs_in_verified_and_follows_next(client):
    user = StaffUserFactory()
    device = totp_device_for(user)
    log_in(client, user, next_url="/admin/")

    response = client.post(CODE, {"code": totp_code(device.bin_key)})

    assert response.url == "/admin/"
    assert client.session[SESSION_KEY] == str(user.pk)
    assert client.session[DEVICE_ID_SESSION_KEY] == device.persistent_id
    assert PENDING_LOGIN not in client.session


def test_login_code_that_is_wrong_is_refused(client):
    user = StaffUserFactory()
    device = totp_device_for(user)
    log_in(client, user)
    wrong = f"{(int(totp_code(device.bin_key)) + 1) % 1_000_000:06d}"

    response = client.post(CODE, {"code": wrong})

    assert response.status_code == 200
    assert "This code is not right" in response.content.decode()
    assert SESSION_KEY not in client.session


def test_login_code_used_once_is_refused_the_second_time(client):
    user = StaffUserFactory()
    device = totp_device_for(user)
    code = totp_code(device.bin_key)
    log_in(client, user)
    client.post(CODE, {"code": code})
    client.logout()
    device.refresh_from_db()
    device.throttle_reset()

    log_in(client, user)
    response = client.post(CODE, {"code": code})

    assert response.status_code == 200
    assert SESSION_KEY not in client.session


def test_login_code_tried_again_at_once_after_a_wrong_one_is_throttled(client):
    user = StaffUserFactory()
    device = totp_device_for(user)
    log_in(client, user)
    client.post(CODE, {"code": "000000" if totp_code(device.bin_key) != "000000" else "111111"})

    response = client.post(CODE, {"code": totp_code(device.bin_key)})

    assert "Too many wrong codes" in response.content.decode()
    assert SESSION_KEY not in client.session


def test_login_recovery_code_logs_in_once_and_says_how_many_are_left(client):
    user = StaffUserFactory()
    totp_device_for(user)
    codes = recovery_codes_renew(user=user)
    log_in(client, user)

    response = client.post(CODE, {"code": codes[3].upper()}, follow=True)

    assert client.session[SESSION_KEY] == str(user.pk)
    assert "9 are left" in response.content.decode()
    client.logout()
    log_in(client, user)
    client.post(CODE, {"code": codes[3]})
    assert SESSION_KEY not in client.session


def test_recovery_codes_are_stored_only_as_digests(client):
    user = StaffUserFactory()

    codes = recovery_codes_renew(user=user)

    stored = set(RecoveryCode.objects.filter(device__user=user).values_list("digest", flat=True))
    assert len(codes) == len(stored) == 10
    assert stored == {recovery_code_digest(code) for code in codes}
    assert not stored & set(codes)


def test_login_code_step_without_a_password_step_goes_back_to_the_login(client):
    response = client.get(CODE)

    assert response.url == LOGIN


def test_login_code_step_expires_after_ten_minutes(client):
    user = StaffUserFactory()
    device = totp_device_for(user)
    log_in(client, user)
    session = client.session
    session[PENDING_LOGIN] = {**session[PENDING_LOGIN], "started_at": int(time.time()) - 601}
    session.save()

    response = client.post(CODE, {"code": totp_code(device.bin_key)})

    assert response.url == LOGIN
    assert SESSION_KEY not in client.session


@pytest.mark.usefixtures("mfa_required")
def test_login_without_a_second_factor_when_required_sets_up_an_app_then_shows_codes(client):
    user = CheckInStaffFactory()
    response = log_in(client, user, next_url=reverse("accreditation:home"))
    assert response.url == SET_UP
    setup = client.get(SET_UP)
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    assert setup.context["otpauth_url"].startswith("otpauth://totp/Plenary")
    assert SESSION_KEY not in client.session

    response = client.post(SET_UP, {"code": totp_code(device.bin_key)})

    assert response.status_code == 200
    assert response["Cache-Control"].startswith("max-age=0")
    codes = response.context["codes"]
    assert len(codes) == 10
    assert all(code in response.content.decode() for code in codes)
    assert response.context["next_url"] == reverse("accreditation:home")
    assert client.session[SESSION_KEY] == str(user.pk)
    assert client.session[DEVICE_ID_SESSION_KEY] == device.persistent_id


@pytest.mark.usefixtures("mfa_required")
def test_login_set_up_reloaded_shows_a_new_key_and_forgets_the_old(client):
    user = StaffUserFactory()
    log_in(client, user)
    first = client.get(SET_UP).context["secret"]

    second = client.get(SET_UP).context["secret"]

    assert first != second
    assert TOTPDevice.objects.filter(user=user).count() == 1


@pytest.mark.usefixtures("mfa_required")
def test_login_set_up_with_a_wrong_code_keeps_the_key_and_says_so(client):
    user = StaffUserFactory()
    log_in(client, user)
    secret = client.get(SET_UP).context["secret"]

    response = client.post(SET_UP, {"code": "12345"})

    assert response.context["secret"] == secret
    assert "This code is not right" in response.content.decode()
    assert SESSION_KEY not in client.session


@pytest.mark.usefixtures("mfa_required")
def test_session_without_a_second_factor_is_logged_out_when_one_is_required(client):
    client.force_login(StaffUserFactory())

    response = client.get(reverse("accreditation:home"))

    assert response.status_code == 302
    assert response.url.startswith(LOGIN)
    assert SESSION_KEY not in client.session


def test_admin_login_sends_people_to_the_staff_login_and_back(client):
    response = client.get("/en/admin/login/?next=/en/admin/delegations/participant/")

    assert response.url == f"{LOGIN}?next=/en/admin/delegations/participant/"


def test_admin_asks_anonymous_visitors_to_log_in_at_the_staff_login(client):
    response = client.get("/en/admin/", follow=True)

    assert response.redirect_chain[-1][0] == f"{LOGIN}?next=/en/admin/"


def test_logout_ends_the_session(client):
    client.force_login(StaffUserFactory())

    response = client.post(reverse("accounts:logout"))

    assert response.url == LOGIN
    assert SESSION_KEY not in client.session


@pytest.mark.usefixtures("mfa_required")
def test_moving_the_app_to_another_phone_keeps_the_session_verified(client):
    user = StaffUserFactory()
    old = totp_device_for(user)
    log_in(client, user)
    client.post(CODE, {"code": totp_code(old.bin_key)})

    client.get(reverse("accounts:totp_setup"))
    new = TOTPDevice.objects.get(user=user, confirmed=False)
    client.post(reverse("accounts:totp_setup"), {"code": totp_code(new.bin_key)})

    assert list(TOTPDevice.objects.filter(user=user)) == [new]
    assert client.get(reverse("accreditation:home")).status_code == 200


@pytest.mark.usefixtures("mfa_required")
def test_new_recovery_codes_keep_a_session_verified_by_an_old_one(client):
    user = StaffUserFactory()
    totp_device_for(user)
    codes = recovery_codes_renew(user=user)
    log_in(client, user)
    client.post(CODE, {"code": codes[0]})

    response = client.post(reverse("accounts:recovery_codes"))

    assert len(response.context["codes"]) == 10
    assert client.get(reverse("accreditation:home")).status_code == 200
