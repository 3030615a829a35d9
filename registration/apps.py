from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistrationConfig(AppConfig):
    name = "registration"
    verbose_name = _("Registration")

    def ready(self) -> None:
        from registration import retention, signals  # noqa: F401  (connect their receivers)
        from registration.emails import application_email_kind_register

        application_email_kind_register()
