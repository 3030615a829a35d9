from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgrammeConfig(AppConfig):
    # The label keeps this app clear of django.contrib.sessions, whose label is "sessions".
    name = "sessions"
    label = "programme"
    verbose_name = _("Programme")

    def ready(self) -> None:
        from sessions import signals  # noqa: F401  (connects the receivers)
