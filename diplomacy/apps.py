from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DiplomacyConfig(AppConfig):
    name = "diplomacy"
    verbose_name = _("Protocol")

    def ready(self) -> None:
        from delegations.participant_pages import ParticipantPage, participant_page_register
        from delegations.portal import PortalSection, portal_section_register
        from diplomacy import retention, signals  # noqa: F401  (connect their receivers)
        from diplomacy.glance import states_register
        from diplomacy.visa_emails import visa_email_kind_register
        from diplomacy.visa_views import applicant_visa_url

        states_register()

        portal_section_register(
            PortalSection(title=_("Response and credentials"), url_name="diplomacy:portal_response")
        )
        portal_section_register(
            PortalSection(title=_("Visa support letters"), url_name="diplomacy:portal_visas")
        )
        participant_page_register(
            ParticipantPage(title=_("Visa support letter"), url_for=applicant_visa_url)
        )
        visa_email_kind_register()
