"""Logging in with two factors, setting them up, and confirming the password again."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import NON_FIELD_ERRORS
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.forms import (
    CodeForm,
    LoginForm,
    ReauthenticationForm,
    TotpConfirmForm,
    code_refused_error,
)
from accounts.mfa import (
    CodeRefused,
    mfa_enrolled,
    recovery_codes_left,
    recovery_codes_renew,
    second_factor_verify,
    security_key_delete,
    security_keys,
    totp_device,
    totp_device_confirm,
    totp_device_start,
    totp_qr_data_uri,
    totp_secret,
)
from accounts.models import RecoveryCodes
from accounts.pending import pending_login_complete, pending_login_start, pending_login_user
from accounts.reauthentication import recent_authentication_required
from accounts.redirects import next_or_home, safe_next
from accounts.session_limits import reauthenticated

# The authenticator-app key being set up, between the page that shows it and the code.
SETUP_DEVICE = "accounts_setup_device"


@sensitive_post_parameters("password")
@csrf_protect
@never_cache
@require_http_methods(["GET", "POST"])
def login_password(request: HttpRequest) -> HttpResponse:
    """Step one: username and password. Step two, when needed, asks for a code."""
    asked_next = request.POST.get("next") or request.GET.get("next")
    next_url = safe_next(request, asked_next) or ""
    if request.method == "GET" and asked_next and not next_url:
        # Shown without the unsafe address: the page, its links and its language switcher
        # must not carry it on.
        return redirect("accounts:login")
    form = LoginForm(request, data=request.POST if request.method == "POST" else None)
    if form.is_valid():
        user = form.get_user()
        if mfa_enrolled(user=user):
            pending_login_start(request, user=user, next_url=next_url)
            return redirect("accounts:login_code")
        if settings.STAFF_MFA_REQUIRED:
            pending_login_start(request, user=user, next_url=next_url)
            return redirect("accounts:login_setup")
        login(request, user)
        return redirect(next_or_home(request, next_url))
    locked_out = form.has_error(NON_FIELD_ERRORS, "locked_out")
    return render(
        request,
        "accounts/login.html",
        {"form": form, "next": next_url},
        status=429 if locked_out else 200,
    )


def _pending_or_restart(request: HttpRequest) -> AbstractBaseUser | None:
    user = pending_login_user(request)
    if user is None:
        messages.info(request, _("Please log in again: the log-in was not finished in time."))
    return user


@sensitive_post_parameters("code")
@csrf_protect
@never_cache
@require_http_methods(["GET", "POST"])
def login_code(request: HttpRequest) -> HttpResponse:
    """Step two: a code from the authenticator app, or a recovery code."""
    user = _pending_or_restart(request)
    if user is None:
        return redirect("accounts:login")
    form = CodeForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        try:
            device = second_factor_verify(user=user, code=form.cleaned_data["code"])
        except CodeRefused as refused:
            form.add_error("code", code_refused_error(refused))
        else:
            next_url = pending_login_complete(request, user=user, device=device)
            if isinstance(device, RecoveryCodes):
                _warn_recovery_codes_left(request, user)
            return redirect(next_or_home(request, next_url))
    return render(
        request,
        "accounts/login_code.html",
        {"form": form, "pending_user": user, "security_keys": security_keys(user=user).exists()},
    )


def _warn_recovery_codes_left(request: HttpRequest, user: AbstractBaseUser) -> None:
    left = recovery_codes_left(user=user)
    messages.warning(
        request,
        ngettext(
            "You used a recovery code: %(count)d is left. Make new ones on your account page.",
            "You used a recovery code: %(count)d are left. Make new ones on your account page.",
            left,
        )
        % {"count": left},
    )


@sensitive_post_parameters("code")
@csrf_protect
@never_cache
@require_http_methods(["GET", "POST"])
def login_setup(request: HttpRequest) -> HttpResponse:
    """Step two for someone with no second factor yet, when one is required: set up an
    authenticator app, then see the recovery codes once, logged in."""
    user = _pending_or_restart(request)
    if user is None:
        return redirect("accounts:login")
    if mfa_enrolled(user=user):
        return redirect("accounts:login_code")

    def finish(device: TOTPDevice) -> HttpResponse:
        next_url = pending_login_complete(request, user=user, device=device)
        return _recovery_codes_page(request, user=user, next_url=next_or_home(request, next_url))

    return _totp_setup(request, user=user, finish=finish, during_login=True)


@login_required
@recent_authentication_required
@sensitive_post_parameters("code")
@never_cache
@require_http_methods(["GET", "POST"])
def totp_setup(request: HttpRequest) -> HttpResponse:
    """Set up (or replace) the authenticator app of the logged-in user."""

    def finish(device: TOTPDevice) -> HttpResponse:
        # The session now stands on the new app: the old one (which may have verified it)
        # is gone, and a session with no second factor ends when one is required.
        otp_login(request, device)
        if recovery_codes_left(user=request.user) == 0:
            return _recovery_codes_page(
                request, user=request.user, next_url=reverse("accounts:security")
            )
        messages.success(request, _("Your authenticator app is set up."))
        return redirect("accounts:security")

    return _totp_setup(request, user=request.user, finish=finish, during_login=False)


def _totp_setup(request, *, user: AbstractBaseUser, finish, during_login: bool) -> HttpResponse:
    """Show a new key (QR code, link and text) once; confirm it with the first code."""
    device = None
    if request.method == "POST":
        device = TOTPDevice.objects.filter(
            pk=request.session.get(SETUP_DEVICE), user=user, confirmed=False
        ).first()
    if device is None:
        device = totp_device_start(user=user)
        request.session[SETUP_DEVICE] = device.pk
        form = TotpConfirmForm()
    else:
        form = TotpConfirmForm(request.POST)
        if form.is_valid():
            try:
                totp_device_confirm(device=device, code=form.cleaned_data["code"])
            except CodeRefused as refused:
                form.add_error("code", code_refused_error(refused))
            else:
                del request.session[SETUP_DEVICE]
                return finish(device)
    return render(
        request,
        "accounts/totp_setup.html",
        {
            "form": form,
            "during_login": during_login,
            "otpauth_url": device.config_url,
            "qr_code": totp_qr_data_uri(device),
            "secret": totp_secret(device),
        },
    )


def _recovery_codes_page(request, *, user: AbstractBaseUser, next_url: str) -> HttpResponse:
    """New recovery codes, shown this once: only their digests are stored."""
    codes = recovery_codes_renew(user=user)
    if isinstance(request.user.otp_device, RecoveryCodes):
        # The set that verified this session is gone: the new set stands for it.
        otp_login(request, RecoveryCodes.objects.get(user=user))
    return render(
        request,
        "accounts/recovery_codes.html",
        {"codes": codes, "next_url": next_url},
    )


@login_required
@recent_authentication_required
@never_cache
@require_POST
def recovery_codes_new(request: HttpRequest) -> HttpResponse:
    return _recovery_codes_page(request, user=request.user, next_url=reverse("accounts:security"))


@login_required
@recent_authentication_required
@never_cache
def security(request: HttpRequest) -> HttpResponse:
    """The logged-in user's second factors. Security keys are added here, with the browser's
    WebAuthn (accounts.webauthn), once an authenticator app is set up: then a code can always
    confirm the password, and recovery codes exist."""
    return render(
        request,
        "accounts/security.html",
        {
            "totp_device": totp_device(user=request.user),
            "recovery_codes_left": recovery_codes_left(user=request.user),
            "security_keys": security_keys(user=request.user),
            "mfa_required": settings.STAFF_MFA_REQUIRED,
        },
    )


@login_required
@recent_authentication_required
@require_POST
def remove_security_key(request: HttpRequest, pk: int) -> HttpResponse:
    security_key_delete(user=request.user, pk=pk)
    messages.success(request, _("The security key was removed."))
    return redirect("accounts:security")


@login_required
@sensitive_post_parameters("password", "code")
@csrf_protect
@never_cache
@require_http_methods(["GET", "POST"])
def reauthenticate(request: HttpRequest) -> HttpResponse:
    """Ask for the password (and a code) again, then go back to `next`."""
    next_url = safe_next(request, request.POST.get("next") or request.GET.get("next")) or ""
    form = ReauthenticationForm(request, request.POST if request.method == "POST" else None)
    if form.is_valid():
        reauthenticated(request.session)
        return redirect(next_or_home(request, next_url))
    locked_out = form.has_error(NON_FIELD_ERRORS, "locked_out")
    return render(
        request,
        "accounts/reauthenticate.html",
        {
            "form": form,
            "next": next_url,
            "reauthentication_minutes": settings.REAUTHENTICATION_MINUTES,
        },
        status=429 if locked_out else 200,
    )
