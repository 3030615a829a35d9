from django.urls import path

from delegations.task_document_views import task_document_paths
from diplomacy import views, visa_views

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
    path("invitation/<str:token>/visas/", visa_views.portal_visas, name="portal_visas"),
    path("invitation/<str:token>/visas/<int:pk>/", visa_views.portal_visa, name="portal_visa"),
    path("visa-letter/<str:token>/", visa_views.applicant_visa, name="applicant_visa"),
    path(
        "staff/protocol/visa-letters/<int:pk>/pdf/",
        views.visa_letter_file,
        name="visa_letter_file",
    ),
    *task_document_paths("staff/protocol/jobs/<int:pk>/", views.JobView, "job"),
    path("staff/protocol/notes/<int:pk>/pdf/", views.note_file, name="note_file"),
    path(
        "staff/protocol/credentials/<int:pk>/file/",
        views.credentials_file,
        name="credentials_file",
    ),
]
