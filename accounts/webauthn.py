"""WebAuthn security keys and passkeys as a second factor (django-otp-webauthn), where the
browser offers them.

The package's views assume a logged-in user; here a key is used at the second step of the
log-in, when nobody is logged in yet, so the authentication views take the user from the
pending log-in (accounts.pending). Registering a key needs a logged-in user who gave their
password recently.
"""

from django.contrib.auth.models import AbstractBaseUser
from django.http import HttpRequest
from django.http.request import split_domain_port
from django.utils.translation import gettext_lazy as _
from django_otp_webauthn import exceptions
from django_otp_webauthn.helpers import WebAuthnHelper
from django_otp_webauthn.models import AbstractWebAuthnCredential
from django_otp_webauthn.views import (
    BeginCredentialAuthenticationView,
    BeginCredentialRegistrationView,
    CompleteCredentialAuthenticationView,
    CompleteCredentialRegistrationView,
)

from accounts.pending import pending_login_complete, pending_login_user
from accounts.redirects import next_or_home
from accounts.session_limits import authenticated_recently


def relying_party_id(request: HttpRequest) -> str:
    """The site's host name: a key works only on the site it was registered on."""
    return split_domain_port(request.get_host())[0]


class RequestOriginHelper(WebAuthnHelper):
    """Expects the origin the request came to. Django has checked its host against
    ALLOWED_HOSTS, and a browser signs the origin it really shows, so a look-alike site
    relaying the ceremony is still refused."""

    def get_allowed_origins(self) -> list[str]:
        return [f"{self.request.scheme}://{self.request.get_host()}"]


class NotRecentlyAuthenticated(exceptions.OTPWebAuthnApiError):
    status_code = 403
    default_code = "not_recently_authenticated"
    default_detail = _("Please confirm your password again before adding a security key.")


class RecentAuthenticationMixin:
    def check_can_register(self):
        if not authenticated_recently(self.request.session):
            raise NotRecentlyAuthenticated()


class BeginRegistration(RecentAuthenticationMixin, BeginCredentialRegistrationView):
    pass


class CompleteRegistration(RecentAuthenticationMixin, CompleteCredentialRegistrationView):
    pass


class PendingLoginMixin:
    """The user is who passed the password step of the log-in."""

    def get_user(self) -> AbstractBaseUser | None:
        return pending_login_user(self.request)

    def check_can_authenticate(self):
        if self.get_user() is None:
            raise exceptions.NotAuthenticated()


class BeginAuthentication(PendingLoginMixin, BeginCredentialAuthenticationView):
    pass


class CompleteAuthentication(PendingLoginMixin, CompleteCredentialAuthenticationView):
    def complete_auth(self, device: AbstractWebAuthnCredential) -> None:
        next_url = pending_login_complete(self.request, user=self.get_user(), device=device)
        self.next_url = next_or_home(self.request, next_url)

    def get_success_url(self) -> str:
        return self.next_url
