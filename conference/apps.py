from django.apps import AppConfig

# The module, not its class: Django must still find ConferenceConfig as this app's only
# default configuration.
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class ConferenceConfig(AppConfig):
    name = "conference"
    verbose_name = _("Conferences")


class PlenaryAdminConfig(admin_apps.AdminConfig):
    """The Django admin, with Plenary's site as the default one."""

    default = False
    default_site = "conference.admin_site.PlenaryAdminSite"
