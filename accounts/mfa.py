"""Second factors: an authenticator app (TOTP), single-use recovery codes and, where the
browser offers them, WebAuthn security keys and passkeys (django-otp-webauthn; their
ceremonies are in accounts.webauthn).

Every function takes the user explicitly: the log-in uses them before anyone is logged in.
"""

import base64
import re
import secrets

import segno
from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.db.models import QuerySet
from django_otp import devices_for_user
from django_otp import verify_token as otp_verify_token
from django_otp.models import Device
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnCredential

from accounts.models import RecoveryCode, RecoveryCodes, recovery_code_digest

RECOVERY_CODE_COUNT = 10
# Lower-case letters and digits a person cannot confuse (no 0/o, 1/l/i): 31 symbols, so a
# 16-character code holds about 79 bits.
RECOVERY_CODE_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
RECOVERY_CODE_LENGTH = 16
TOTP_CODE = re.compile(r"^\d{6}$")


class CodeRefused(Exception):
    """A second-factor code that was wrong, used already, or tried too soon after one."""

    def __init__(self, *, throttled: bool):
        super().__init__()
        self.throttled = throttled


def mfa_enrolled(*, user: AbstractBaseUser) -> bool:
    """Whether the user has a confirmed second factor: the log-in will ask for it."""
    return any(True for _device in devices_for_user(user, confirmed=True))


def codes_enrolled(*, user: AbstractBaseUser) -> bool:
    """Whether the user can type a second-factor code (an app's, or a recovery code)."""
    return (
        TOTPDevice.objects.filter(user=user, confirmed=True).exists()
        or RecoveryCode.objects.filter(device__user=user).exists()
    )


def security_keys(*, user: AbstractBaseUser) -> QuerySet[WebAuthnCredential]:
    return WebAuthnCredential.objects.filter(user=user, confirmed=True).order_by("created_at")


def security_key_delete(*, user: AbstractBaseUser, pk: int) -> None:
    WebAuthnCredential.objects.filter(user=user, pk=pk).delete()


def totp_device(*, user: AbstractBaseUser) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def totp_device_start(*, user: AbstractBaseUser) -> TOTPDevice:
    """A new, unconfirmed authenticator-app key for the user; its secret is shown only now.

    Any earlier unconfirmed key is dropped, so a reloaded set-up page never shows the same
    secret twice.
    """
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    return TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=False)


def totp_device_confirm(*, device: TOTPDevice, code: str) -> None:
    """Confirm the new key with a code from the app; it then replaces the user's old one.

    Raises CodeRefused when the code does not match.
    """
    if not device.verify_is_allowed()[0]:
        raise CodeRefused(throttled=True)
    with transaction.atomic():
        if not otp_verify_token(device.user, device.persistent_id, code.strip()):
            raise CodeRefused(throttled=False)
        TOTPDevice.objects.filter(user=device.user, confirmed=True).exclude(pk=device.pk).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])


def totp_secret(device: TOTPDevice) -> str:
    """The key as people type it into an app: base32, in groups of four."""
    secret = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[start : start + 4] for start in range(0, len(secret), 4))


def totp_qr_data_uri(device: TOTPDevice) -> str:
    """The otpauth:// link as a QR code image (a data: URI; the CSP allows data: images)."""
    return segno.make(device.config_url, error="m").svg_data_uri(scale=5, border=2)


def recovery_codes_renew(*, user: AbstractBaseUser) -> list[str]:
    """A new set of recovery codes, replacing the old set. The codes are returned only here."""
    codes = [
        "-".join(
            "".join(secrets.choice(RECOVERY_CODE_ALPHABET) for _ in range(4)) for _ in range(4)
        )
        for _ in range(RECOVERY_CODE_COUNT)
    ]
    with transaction.atomic():
        RecoveryCodes.objects.filter(user=user).delete()
        device = RecoveryCodes.objects.create(user=user, name="Recovery codes", confirmed=True)
        RecoveryCode.objects.bulk_create(
            RecoveryCode(device=device, digest=recovery_code_digest(code)) for code in codes
        )
    return codes


def recovery_codes_left(*, user: AbstractBaseUser) -> int:
    return RecoveryCode.objects.filter(device__user=user).count()


def second_factor_verify(*, user: AbstractBaseUser, code: str) -> Device:
    """The device that accepts `code`: six digits are an app's code, anything else a recovery
    code. Raises CodeRefused otherwise.

    Each device counts its own failures and makes the next try wait 1, 2, 4… seconds
    (django-otp's throttling), so codes cannot be guessed quickly.
    """
    code = code.strip().replace(" ", "")
    kind = TOTPDevice if TOTP_CODE.match(code) else RecoveryCodes
    throttled = False
    for device in kind.objects.filter(user=user, confirmed=True):
        if not device.verify_is_allowed()[0]:
            throttled = True
            continue
        accepted = otp_verify_token(user, device.persistent_id, code)
        if accepted:
            return accepted
    raise CodeRefused(throttled=throttled)
