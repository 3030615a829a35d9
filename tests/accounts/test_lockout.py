import datetime

import pytest
from django.contrib.auth import SESSION_KEY
from django.urls import reverse
from django.utils import timezone

from accounts.models import LoginFailures
from tests.factories import PASSWORD, StaffUserFactory

pytestmark = pytest.mark.django_db

LOGIN = reverse("accounts:login")


def log_in(client, username, *, password=PASSWORD, address="192.0.2.1"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address)


def fail(client, username, times, *, address="192.0.2.1"):
    for _ in range(times):
        assert log_in(client, username, password="wrong", address=address).status_code == 200


@pytest.mark.usefixtures("counting_hasher")
def test_account_is_locked_after_five_failures_and_the_right_password_is_refused(client):
    user = StaffUserFactory()
    fail(client, user.username, 5)

    response = log_in(client, user.username)

    assert response.status_code == 429
    assert "Too many failed log-ins" in response.content.decode()
    assert SESSION_KEY not in client.session


@pytest.mark.usefixtures("counting_hasher")
def test_account_lock_holds_from_any_address(client):
    user = StaffUserFactory()
    fail(client, user.username, 5, address="192.0.2.1")

    response = log_in(client, user.username, address="198.51.100.7")

    assert response.status_code == 429


@pytest.mark.usefixtures("counting_hasher")
def test_address_is_locked_after_twenty_failures_on_any_accounts(client):
    user = StaffUserFactory()
    for number in range(5):
        fail(client, f"guess{number}", 4, address="192.0.2.1")

    from_there = log_in(client, user.username, address="192.0.2.1")
    from_elsewhere = log_in(client, user.username, address="198.51.100.7")

    assert from_there.status_code == 429
    assert from_elsewhere.status_code == 302
    assert client.session[SESSION_KEY] == str(user.pk)


def test_locked_out_log_ins_are_refused_before_any_password_is_hashed(client, counting_hasher):
    user = StaffUserFactory()
    fail(client, user.username, 5)
    # Django hashes the guess for an unknown username too, so that timing tells nothing.
    fail(client, "nobody-by-that-name", 5)
    assert counting_hasher.hashes == 1 + 5 + 5  # the factory set the password once

    for _ in range(20):
        log_in(client, user.username, password="wrong")
    log_in(client, user.username)
    log_in(client, "nobody-by-that-name", password="wrong")

    assert counting_hasher.hashes == 11


@pytest.mark.usefixtures("counting_hasher")
def test_lockout_ends_when_the_lockout_period_has_passed_since_the_last_failure(client, settings):
    user = StaffUserFactory()
    fail(client, user.username, 5)
    LoginFailures.objects.update(
        last_failure_at=timezone.now()
        - datetime.timedelta(minutes=settings.LOGIN_LOCKOUT_MINUTES, seconds=1)
    )

    response = log_in(client, user.username)

    assert response.status_code == 302


@pytest.mark.usefixtures("counting_hasher")
def test_a_successful_log_in_ends_the_account_s_run_of_failures(client):
    user = StaffUserFactory()
    fail(client, user.username, 4)
    log_in(client, user.username)
    client.logout()
    fail(client, user.username, 4)

    response = log_in(client, user.username)

    assert response.status_code == 302


@pytest.mark.usefixtures("counting_hasher")
def test_failures_are_counted_in_the_database_for_every_app_process(client):
    fail(client, "organiser", 3, address="192.0.2.9")

    counts = dict(LoginFailures.objects.values_list("scope", "failures"))

    assert counts == {"account": 3, "address": 3}


@pytest.mark.usefixtures("counting_hasher")
def test_admin_log_in_is_the_staff_log_in_so_the_lockout_covers_it(client):
    user = StaffUserFactory()
    fail(client, user.username, 5)

    response = client.get("/admin/login/", follow=True)
    locked = client.post(
        response.redirect_chain[-1][0],
        {"username": user.username, "password": PASSWORD},
        REMOTE_ADDR="192.0.2.1",
    )

    assert locked.status_code == 429
