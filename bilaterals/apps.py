from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BilateralsConfig(AppConfig):
    name = "bilaterals"
    verbose_name = _("Bilateral meetings")

    def ready(self) -> None:
        from bilaterals import retention  # noqa: F401  (connects its receiver)
        from delegations.portal import PortalSection, portal_section_register

        portal_section_register(PortalSection(_("Bilateral meetings"), "bilaterals:portal"))
