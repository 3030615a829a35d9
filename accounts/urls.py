from django.contrib.auth import views as auth_views
from django.urls import path

from accounts import views

app_name = "accounts"

# The one log-in for staff: the check-in and dashboard pages and the admin
# (/admin/login/ sends people here).
urlpatterns = [
    path("staff/login/", views.login_password, name="login"),
    path("staff/login/code/", views.login_code, name="login_code"),
    path("staff/login/set-up/", views.login_setup, name="login_setup"),
    path(
        "staff/logout/",
        auth_views.LogoutView.as_view(next_page="accounts:login"),
        name="logout",
    ),
    path("staff/confirm/", views.reauthenticate, name="reauthenticate"),
    path("staff/account/", views.security, name="security"),
    path("staff/account/authenticator/", views.totp_setup, name="totp_setup"),
    path("staff/account/recovery-codes/", views.recovery_codes_new, name="recovery_codes"),
    path(
        "staff/account/security-keys/<int:pk>/delete/",
        views.remove_security_key,
        name="security_key_remove",
    ),
]
