from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PledgesConfig(AppConfig):
    name = "pledges"
    verbose_name = _("Pledge register")

    def ready(self) -> None:
        from delegations.portal import PortalSection, portal_section_register
        from pledges import retention  # noqa: F401  (connects its receiver)
        from pledges.services import delegation_may_pledge

        portal_section_register(
            PortalSection(
                title=_("Pledges"), url_name="pledges:portal", shown_for=delegation_may_pledge
            )
        )
