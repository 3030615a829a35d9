from django.conf import settings
from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("accounts.urls")),
    # Its own namespace, otp_webauthn, which django-otp-webauthn's template tags use.
    path("staff/webauthn/", include("accounts.webauthn_urls")),
    path("", include("accreditation.urls")),
    path("", include("registration.urls")),
    path("", include("sessions.feed_urls")),
    path("", include("sessions.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
