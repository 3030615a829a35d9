from django.conf import settings
from django.contrib import admin
from django.contrib.auth.views import redirect_to_login
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from accounts.redirects import safe_next
from delegations.models import State
from plenary.admin_index import conference_counts


class PlenaryAdminSite(admin.AdminSite):
    """The organisers' tool; its index adds a few counts per conference to the app list."""

    site_header = _("Plenary administration")
    site_title = pgettext_lazy("the product's name", "Plenary")
    index_title = _("Conferences at a glance")
    index_template = "admin/plenary_index.html"

    def login(self, request, extra_context=None):
        """Staff log in in one place, with two factors (accounts.views), then come back."""
        next_url = safe_next(request, request.GET.get("next"))
        return redirect_to_login(
            next_url or reverse("admin:index", current_app=self.name), settings.LOGIN_URL
        )

    def index(self, request, extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "conference_counts": conference_counts(),
            "participant_states": State.labels,
        }
        return super().index(request, extra_context)
