import time

import pytest
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.accounts.hashers import CountingHasher


@pytest.fixture
def mfa_required(settings):
    settings.STAFF_MFA_REQUIRED = True


@pytest.fixture
def counting_hasher(settings):
    """Passwords are hashed by CountingHasher; the fixture's value is its class."""
    settings.PASSWORD_HASHERS = ["tests.accounts.hashers.CountingHasher"]
    CountingHasher.hashes = 0
    return CountingHasher


def totp_device_for(user) -> TOTPDevice:
    """A confirmed authenticator app for `user`."""
    return TOTPDevice.objects.create(user=user, name="Phone", confirmed=True)


def totp_code(key: bytes, *, steps_ahead: int = 0) -> str:
    """What an authenticator app with `key` shows now (or `steps_ahead` 30 s steps later,
    still accepted: a code is good for one step either way, and each is used only once)."""
    totp = TOTP(key)
    totp.time = time.time() + 30 * steps_ahead
    return f"{totp.token():06d}"
