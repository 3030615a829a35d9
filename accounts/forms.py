from django import forms
from django.conf import settings
from django.contrib.auth import authenticate
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from accounts.lockout import login_was_locked_out
from accounts.mfa import CodeRefused, codes_enrolled, second_factor_verify


def locked_out_error() -> ValidationError:
    return ValidationError(
        _(
            "Too many failed log-ins for this account or from this address. "
            "Try again in %(minutes)d minutes."
        ),
        code="locked_out",
        params={"minutes": settings.LOGIN_LOCKOUT_MINUTES},
    )


def code_refused_error(refused: CodeRefused) -> ValidationError:
    if refused.throttled:
        return ValidationError(
            _("Too many wrong codes: wait a few seconds, then try again."), code="throttled"
        )
    return ValidationError(_("This code is not right, or it was used already."), code="wrong_code")


class LoginForm(AuthenticationForm):
    """Django's log-in form, saying so when a lockout refused the log-in."""

    def clean(self):
        try:
            return super().clean()
        except ValidationError:
            if login_was_locked_out(self.request):
                raise locked_out_error() from None
            raise


class CodeField(forms.CharField):
    """A code from an authenticator app (or a recovery code), typed on a phone."""

    def __init__(self, **kwargs):
        super().__init__(
            label=_("Code"),
            max_length=32,
            widget=forms.TextInput(
                attrs={
                    "autocomplete": "one-time-code",
                    "autocapitalize": "none",
                    "spellcheck": "false",
                    "autofocus": True,
                }
            ),
            **kwargs,
        )


class CodeForm(forms.Form):
    code = CodeField(
        help_text=_("The six digits your authenticator app shows, or one of your recovery codes.")
    )


class TotpConfirmForm(forms.Form):
    code = CodeField(help_text=_("The six digits the app now shows for Plenary."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Only digits here: phones then show their number pad.
        self.fields["code"].widget.attrs["inputmode"] = "numeric"


class ReauthenticationForm(forms.Form):
    """The user's password again, and a second-factor code when they have one."""

    password = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password", "autofocus": True}),
    )
    code = CodeField(
        help_text=_("The six digits your authenticator app shows, or one of your recovery codes.")
    )

    def __init__(self, request: HttpRequest, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.request = request
        self.fields["code"].widget.attrs.pop("autofocus")
        if not codes_enrolled(user=request.user):
            del self.fields["code"]

    def clean(self):
        cleaned = super().clean()
        password = cleaned.get("password")
        if password is None:
            return cleaned
        # Through authenticate(), so that a lockout applies here as on the log-in page.
        user = authenticate(
            self.request, username=self.request.user.get_username(), password=password
        )
        if user is None or user.pk != self.request.user.pk:
            if login_was_locked_out(self.request):
                raise locked_out_error()
            raise ValidationError({"password": _("This password is not right.")})
        if "code" in self.fields and cleaned.get("code"):
            try:
                second_factor_verify(user=user, code=cleaned["code"])
            except CodeRefused as refused:
                raise ValidationError({"code": code_refused_error(refused)}) from None
        return cleaned
