"""A log-in between its password and its second factor.

Until the second factor is given nobody is logged in: the session holds only who passed
the password step, for a few minutes. So no page that checks `user.is_authenticated` can
ever see a half-finished log-in.
"""

import time

from django.contrib.auth import get_user_model, login
from django.contrib.auth.models import AbstractBaseUser
from django.http import HttpRequest
from django_otp.models import Device

PENDING_LOGIN = "accounts_pending_login"
# Time to open the authenticator app (or set one up) and type the code.
PENDING_SECONDS = 10 * 60


def pending_login_start(request: HttpRequest, *, user: AbstractBaseUser, next_url: str) -> None:
    request.session[PENDING_LOGIN] = {
        "user": user.pk,
        "backend": user.backend,
        "next": next_url,
        "started_at": int(time.time()),
    }


def pending_login_user(request: HttpRequest) -> AbstractBaseUser | None:
    """Who passed the password step, if they did so within PENDING_SECONDS."""
    pending = request.session.get(PENDING_LOGIN)
    if pending is None or time.time() - pending["started_at"] > PENDING_SECONDS:
        return None
    return get_user_model().objects.filter(pk=pending["user"], is_active=True).first()


def pending_login_complete(request: HttpRequest, *, user: AbstractBaseUser, device: Device) -> str:
    """Log the user in, verified by `device`; returns the `next` they asked for."""
    pending = request.session.pop(PENDING_LOGIN)
    # django-otp stores the device in the session when login() sees it on the user.
    user.otp_device = device
    login(request, user, backend=pending["backend"])
    return pending["next"]
