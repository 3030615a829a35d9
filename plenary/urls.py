from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from plenary.observability import healthz, readyz

# Machine-readable programme (feeds, the schedule API, frab) keeps one address: it is served
# per language by `?lang=` and Accept-Language, not by a prefix.
urlpatterns = [
    # For the proxy and the orchestrator: no language prefix, no redirect.
    path("healthz", healthz, name="healthz"),
    path("readyz", readyz, name="readyz"),
    path("", include("sessions.feed_urls")),
    path("", include("bilaterals.feed_urls")),
]

# Pages people read are under their language's prefix, English included (/en/…): the address
# names the language, so a stored copy of a page is per language and no cookie is needed. An
# address without a prefix (an old link, a typed one) redirects to the visitor's language.
urlpatterns += i18n_patterns(
    path("admin/", admin.site.urls),
    path("", include("accounts.urls")),
    # Its own namespace, otp_webauthn, which django-otp-webauthn's template tags use.
    path("staff/webauthn/", include("accounts.webauthn_urls")),
    path("", include("delegations.urls")),
    path("", include("accreditation.urls")),
    path("", include("diplomacy.urls")),
    path("", include("clearance.urls")),
    path("", include("registration.urls")),
    path("", include("pledges.urls")),
    path("", include("bilaterals.urls")),
    path("", include("floor.urls")),
    path("", include("sessions.urls")),
    prefix_default_language=True,
)

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
