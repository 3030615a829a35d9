import functools
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.http import HttpRequest, HttpResponse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _

from accounts.session_limits import session_end_reason, session_touch


class StaffSessionMiddleware:
    """Ends a logged-in session that ran too long, sat idle too long, or (when
    STAFF_MFA_REQUIRED is on) was never confirmed with a second factor.

    Comes after django-otp's OTPMiddleware and MessageMiddleware. The check runs when the
    request first asks who its user is, like Django's own lazy `request.user`: feeds and
    the API never ask on public programmes, so they never read the session (their responses
    must not vary on cookies, or shared caches could not keep them).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if settings.SESSION_COOKIE_NAME in request.COOKIES:
            request.user = SimpleLazyObject(
                functools.partial(self.checked_user, request, request.user)
            )
        return self.get_response(request)

    @staticmethod
    def checked_user(
        request: HttpRequest, user: AbstractBaseUser | AnonymousUser
    ) -> AbstractBaseUser | AnonymousUser:
        if not user.is_authenticated:
            return user
        reason = session_end_reason(request.session)
        if reason is None and settings.STAFF_MFA_REQUIRED and not user.is_verified():
            reason = _("Two-factor authentication is required: please log in again.")
        if reason is None:
            session_touch(request.session)
            return user
        # logout() reads request.user: give it the user, not this lazy object being set up.
        request.user = user
        logout(request)
        messages.info(request, reason)
        return request.user
