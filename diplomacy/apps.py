from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DiplomacyConfig(AppConfig):
    name = "diplomacy"
    verbose_name = _("Protocol")

    def ready(self) -> None:
        from delegations.portal import PortalSection, portal_section_register
        from diplomacy import retention, signals  # noqa: F401  (connect their receivers)
        from diplomacy.glance import states_register

        states_register()

        portal_section_register(
            PortalSection(title=_("Response and credentials"), url_name="diplomacy:portal_response")
        )
