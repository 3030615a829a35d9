from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MessagingConfig(AppConfig):
    name = "messaging"
    verbose_name = _("Messages to participants")

    def ready(self) -> None:
        from messaging import retention  # noqa: F401  (connects its receiver)
