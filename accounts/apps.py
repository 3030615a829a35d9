from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    """Staff accounts: log-in with two factors, lockout, session limits, re-authentication."""

    name = "accounts"
    verbose_name = _("Staff accounts")

    def ready(self):
        from accounts import signals  # noqa: F401  (connects the receivers)
