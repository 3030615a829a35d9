"""Lockout after repeated failed log-ins, per account and per address.

The counts live in the database, so every app process sees the same ones. `LockoutBackend`
comes first in settings.AUTHENTICATION_BACKENDS: a locked-out log-in is refused there,
before Django's ModelBackend runs the password hasher, so guessing costs the server one
query instead of a deliberately slow hash. Every failed `authenticate()` (the log-in page,
the re-authentication page, anything else) is counted by a `user_login_failed` receiver
(accounts.signals).
"""

import datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.http import HttpRequest
from django.utils import timezone

from accounts.models import LoginFailures

# Set on the request when the backend refused a log-in because of a lockout: the failure is
# then not counted again, and the form says why.
LOCKED_OUT_ATTRIBUTE = "login_locked_out"


def client_address(request: HttpRequest | None) -> str:
    """The client's address as the app server sees it (the proxy must set REMOTE_ADDR)."""
    if request is None:
        return ""
    return request.META.get("REMOTE_ADDR", "")


def _lockout_period() -> datetime.timedelta:
    return datetime.timedelta(minutes=settings.LOGIN_LOCKOUT_MINUTES)


def _limits(*, username: str, address: str) -> list[tuple[str, str, int]]:
    keys = [(LoginFailures.Scope.ACCOUNT, username.casefold(), settings.LOGIN_FAILURES_PER_ACCOUNT)]
    if address:
        keys.append((LoginFailures.Scope.ADDRESS, address, settings.LOGIN_FAILURES_PER_ADDRESS))
    return keys


def login_locked_out(*, username: str, address: str) -> bool:
    """True while the account or the address has had its limit of failures in a row."""
    since = timezone.now() - _lockout_period()
    for scope, key, limit in _limits(username=username, address=address):
        if LoginFailures.objects.filter(
            scope=scope, key=key, failures__gte=limit, last_failure_at__gt=since
        ).exists():
            return True
    return False


def login_failure_record(*, username: str, address: str) -> None:
    """Count one failed log-in for the account and the address.

    One statement per count, so concurrent failures from several processes all count; a
    count older than the lockout period starts again at 1.
    """
    now = timezone.now()
    since = now - _lockout_period()
    table = LoginFailures._meta.db_table
    with connection.cursor() as cursor:
        for scope, key, _limit in _limits(username=username, address=address):
            cursor.execute(
                f"""
                INSERT INTO {table} (scope, key, failures, last_failure_at)
                VALUES (%s, %s, 1, %s)
                ON CONFLICT (scope, key) DO UPDATE SET
                    failures = CASE WHEN {table}.last_failure_at > %s
                                    THEN {table}.failures + 1 ELSE 1 END,
                    last_failure_at = EXCLUDED.last_failure_at
                """,
                [scope, key, now, since],
            )
    # Old counts say nothing any more, and addresses are personal data: keep none of them.
    LoginFailures.objects.filter(last_failure_at__lte=since).delete()


def login_failures_clear(*, username: str) -> None:
    """A successful log-in ends the account's run of failures (its address's count stays)."""
    LoginFailures.objects.filter(
        scope=LoginFailures.Scope.ACCOUNT, key=username.casefold()
    ).delete()


class LockoutBackend:
    """Refuses every log-in of a locked-out account or address, before any password check.

    It never authenticates anyone itself, and has no get_user(): Django must never pick it
    as the backend of a session.
    """

    def authenticate(
        self, request: HttpRequest | None, username: str | None = None, **credentials
    ) -> None:
        if username is not None and login_locked_out(
            username=username, address=client_address(request)
        ):
            if request is not None:
                setattr(request, LOCKED_OUT_ATTRIBUTE, True)
            # Stops django.contrib.auth.authenticate(): no later backend, no hasher, runs.
            raise PermissionDenied
        return None


def login_was_locked_out(request: HttpRequest) -> bool:
    return getattr(request, LOCKED_OUT_ATTRIBUTE, False)
