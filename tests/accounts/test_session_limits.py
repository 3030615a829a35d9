import time

import pytest
from django.contrib.auth import SESSION_KEY
from django.urls import reverse

from accounts.session_limits import AUTHENTICATED_AT, LAST_SEEN_AT
from tests.factories import StaffUserFactory

pytestmark = pytest.mark.django_db

HOME = reverse("accreditation:home")


def set_session(client, **stamps):
    session = client.session
    session.update(stamps)
    session.save()


def test_session_idle_longer_than_the_idle_timeout_is_logged_out(client, settings):
    client.force_login(StaffUserFactory())
    set_session(client, **{LAST_SEEN_AT: time.time() - settings.SESSION_IDLE_MINUTES * 60 - 1})

    response = client.get(HOME, follow=True)

    assert response.redirect_chain[-1][0].startswith(reverse("accounts:login"))
    assert SESSION_KEY not in client.session
    assert "after 30 minutes without activity" in response.content.decode()


def test_session_in_use_stays_and_its_idle_clock_restarts(client, settings):
    client.force_login(StaffUserFactory())
    idle_since = int(time.time()) - settings.SESSION_IDLE_MINUTES * 60 + 5
    set_session(client, **{LAST_SEEN_AT: idle_since})

    response = client.get(HOME)

    assert response.status_code == 200
    assert client.session[LAST_SEEN_AT] > idle_since


def test_session_older_than_its_absolute_lifetime_is_logged_out_even_when_active(client, settings):
    client.force_login(StaffUserFactory())
    set_session(client, **{AUTHENTICATED_AT: time.time() - settings.SESSION_MAX_HOURS * 3600 - 1})

    response = client.get(HOME, follow=True)

    assert SESSION_KEY not in client.session
    assert "a session lasts at most 12 hours" in response.content.decode()


def test_session_idle_timeout_is_a_setting(client, settings):
    settings.SESSION_IDLE_MINUTES = 5
    client.force_login(StaffUserFactory())
    set_session(client, **{LAST_SEEN_AT: time.time() - 5 * 60 - 1})

    client.get(HOME)

    assert SESSION_KEY not in client.session


def test_session_cookie_lasts_no_longer_than_the_absolute_lifetime(settings):
    assert settings.SESSION_COOKIE_AGE == settings.SESSION_MAX_HOURS * 3600


def test_public_api_request_without_a_session_cookie_does_not_touch_the_session(client):
    response = client.get("/api/v1/conferences/")

    assert response.status_code == 200
    assert "Cookie" not in response.get("Vary", "")
