"""What staff accounts keep beyond django-otp's own devices: recovery codes, stored only as
digests, and the failed log-in counts that lock an account or an address out."""

import hashlib
import re

from django.db import models
from django.utils.translation import gettext_lazy as _
from django_otp.models import Device, ThrottlingMixin, TimestampMixin


def recovery_code_digest(code: str) -> str:
    """The stored form of a recovery code: spaces, dashes and case do not matter.

    SHA-256 without salt or stretching is enough here: a code is 16 random characters
    (about 79 bits), not a password a person chose, so a stolen digest cannot be reversed.
    """
    normalised = re.sub(r"[^0-9a-z]", "", code.lower())
    return hashlib.sha256(normalised.encode()).hexdigest()


class RecoveryCodes(ThrottlingMixin, TimestampMixin, Device):
    """A staff member's set of single-use recovery codes, for when their phone is lost.

    The codes are shown once, when the set is made; only their digests are kept, and each
    is deleted when used.
    """

    class Meta(Device.Meta):
        verbose_name = _("recovery codes")
        verbose_name_plural = _("recovery codes")

    def get_throttle_factor(self) -> int:
        return 1

    def verify_token(self, token: str) -> bool:
        allowed, _reason = self.verify_is_allowed()
        if not allowed:
            return False
        used, _deleted = self.codes.filter(digest=recovery_code_digest(str(token))).delete()
        if used:
            self.throttle_reset(commit=False)
            self.set_last_used_timestamp(commit=False)
            self.save()
        else:
            self.throttle_increment()
        return bool(used)


class RecoveryCode(models.Model):
    device = models.ForeignKey(RecoveryCodes, related_name="codes", on_delete=models.CASCADE)
    digest = models.CharField(max_length=64)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["device", "digest"], name="recovery_code_unique")
        ]

    def __str__(self) -> str:
        return f"{self.device}: {self.digest[:8]}…"


class LoginFailures(models.Model):
    """Recent failed log-ins for one account (its username) or from one address.

    A row counts failures until `LOGIN_LOCKOUT_MINUTES` pass without one; while the count
    is at the limit, log-ins for that account or from that address are refused before any
    password is checked (accounts.lockout).
    """

    class Scope(models.TextChoices):
        ACCOUNT = "account", _("account")
        ADDRESS = "address", _("IP address")

    scope = models.CharField(_("scope"), max_length=7, choices=Scope.choices)
    key = models.CharField(_("username or address"), max_length=150)
    failures = models.PositiveIntegerField(_("failures"))
    last_failure_at = models.DateTimeField(_("last failure"), db_index=True)

    class Meta:
        verbose_name = _("failed log-ins")
        verbose_name_plural = _("failed log-ins")
        constraints = [
            models.UniqueConstraint(fields=["scope", "key"], name="login_failures_unique_key")
        ]

    def __str__(self) -> str:
        return f"{self.get_scope_display()} {self.key}: {self.failures}"
