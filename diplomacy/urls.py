from django.urls import path

from diplomacy import views

app_name = "diplomacy"

urlpatterns = [
    path("invitation/<str:token>/protocol/", views.portal_response, name="portal_response"),
    path(
        "invitation/<str:token>/protocol/acknowledge/",
        views.portal_acknowledge,
        name="portal_acknowledge",
    ),
    path("invitation/<str:token>/protocol/decline/", views.portal_decline, name="portal_decline"),
    path(
        "invitation/<str:token>/protocol/credentials/",
        views.portal_credentials,
        name="portal_credentials",
    ),
    path("staff/protocol/jobs/<int:pk>/", views.JobView.as_view(), name="job"),
    path(
        "staff/protocol/jobs/<int:pk>/status/",
        views.JobView.as_view(part="status"),
        name="job_status",
    ),
    path("staff/protocol/jobs/<int:pk>/file/", views.JobView.as_view(part="file"), name="job_file"),
    path("staff/protocol/notes/<int:pk>/pdf/", views.note_file, name="note_file"),
    path(
        "staff/protocol/credentials/<int:pk>/file/",
        views.credentials_file,
        name="credentials_file",
    ),
]
