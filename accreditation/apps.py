from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccreditationConfig(AppConfig):
    name = "accreditation"
    verbose_name = _("Accreditation and check-in")

    def ready(self) -> None:
        from accreditation import retention, signals  # noqa: F401  (connect their receivers)
