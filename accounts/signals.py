"""Receivers: every log-in starts the session's clocks and ends the account's run of failed
log-ins; every failed `authenticate()` counts towards a lockout."""

from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.dispatch import receiver

from accounts.lockout import (
    client_address,
    login_failure_record,
    login_failures_clear,
    login_was_locked_out,
)
from accounts.session_limits import session_start


@receiver(user_logged_in)
def start_session(sender, request, user, **kwargs) -> None:
    if request is not None:
        session_start(request.session)
    login_failures_clear(username=user.get_username())


@receiver(user_login_failed)
def count_failure(sender, credentials, request=None, **kwargs) -> None:
    username = credentials.get("username")
    if username is None or (request is not None and login_was_locked_out(request)):
        return
    login_failure_record(username=username, address=client_address(request))
