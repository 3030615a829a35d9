from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from delegations.models import State
from plenary.admin_index import conference_counts


class PlenaryAdminSite(admin.AdminSite):
    """The organisers' tool; its index adds a few counts per conference to the app list."""

    site_header = _("Plenary administration")
    site_title = pgettext_lazy("the product's name", "Plenary")
    index_title = _("Conferences at a glance")
    index_template = "admin/plenary_index.html"

    def index(self, request, extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "conference_counts": conference_counts(),
            "participant_states": State.labels,
        }
        return super().index(request, extra_context)
