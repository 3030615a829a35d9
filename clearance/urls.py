from django.urls import path

from clearance import views

app_name = "clearance"

urlpatterns = [
    path("invitation/<str:token>/security/", views.portal_members, name="portal_members"),
    path("invitation/<str:token>/security/<int:pk>/", views.portal_member, name="portal_member"),
    path("<slug:conference>/security-data/<str:token>/", views.applicant, name="applicant"),
    path("staff/<slug:conference>/clearance/", views.vetting, name="vetting"),
    path(
        "staff/<slug:conference>/clearance/export.xlsx",
        views.vetting_export,
        name="vetting_export",
    ),
    path(
        "staff/<slug:conference>/clearance/answers/",
        views.vetting_answers,
        name="vetting_answers",
    ),
    path("staff/clearance/<int:pk>/data-page/", views.data_page, name="data_page"),
]
