from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FloorConfig(AppConfig):
    """On the floor of the meeting: the list of speakers and seating by lot."""

    name = "floor"
    verbose_name = _("On the floor")

    def ready(self) -> None:
        from delegations.portal import PortalSection, portal_section_register
        from floor import retention  # noqa: F401  (connects its receiver)

        # Shown to every delegation: asking whether the meeting has a plenary would cost the
        # portal's home a query; the page itself says when no session takes inscriptions.
        portal_section_register(PortalSection(_("List of speakers"), "floor:portal_speakers"))
