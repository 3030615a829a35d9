from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _collects(delegation) -> bool:
    from clearance.services import clearance_policy

    return clearance_policy(delegation.conference).collects_security_data


class ClearanceConfig(AppConfig):
    name = "clearance"
    verbose_name = _("Security clearance")

    def ready(self) -> None:
        from clearance import retention  # noqa: F401  (connects its receiver)
        from clearance.selectors import clearance_badge_checks
        from clearance.views import applicant_page_url
        from delegations.badge_checks import badge_checker_register
        from delegations.participant_pages import ParticipantPage, participant_page_register
        from delegations.portal import PortalSection, portal_section_register

        portal_section_register(
            PortalSection(
                title=_("Security data"),
                url_name="clearance:portal_members",
                shown_for=_collects,
            )
        )
        badge_checker_register(clearance_badge_checks)
        participant_page_register(
            ParticipantPage(title=_("Your security data"), url_for=applicant_page_url)
        )
