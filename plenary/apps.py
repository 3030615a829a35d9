# The module, not its class: Django must not take AdminConfig as one of this module's configs.
from django.contrib.admin import apps as admin_apps


class PlenaryAdminConfig(admin_apps.AdminConfig):
    """The Django admin, with Plenary's site as the default one."""

    default_site = "plenary.admin_site.PlenaryAdminSite"
