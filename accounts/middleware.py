from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from accounts.session_limits import session_end_reason, session_touch


class StaffSessionMiddleware:
    """Ends a logged-in session that ran too long, sat idle too long, or (when
    STAFF_MFA_REQUIRED is on) was never confirmed with a second factor.

    Comes after django-otp's OTPMiddleware and MessageMiddleware. A request without a
    session cookie is left alone: public pages and feeds must not read the session (it
    would make their responses vary on cookies and defeat shared caches).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if settings.SESSION_COOKIE_NAME in request.COOKIES and request.user.is_authenticated:
            reason = session_end_reason(request.session)
            if reason is None and settings.STAFF_MFA_REQUIRED and not request.user.is_verified():
                reason = _("Two-factor authentication is required: please log in again.")
            if reason is None:
                session_touch(request.session)
            else:
                logout(request)
                messages.info(request, reason)
        return self.get_response(request)
