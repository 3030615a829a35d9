from django.urls import path

from registration import views

app_name = "registration"

# Public registration pages (invitation portal, individual applications).
urlpatterns = [
    path("invitation/<str:token>/", views.portal, name="portal"),
    path("invitation/<str:token>/letter/", views.letter, name="letter"),
    path("invitation/<str:token>/members/add/", views.member_add, name="member_add"),
    path("invitation/<str:token>/members/<int:pk>/", views.member_edit, name="member_edit"),
    path("invitation/<str:token>/members/<int:pk>/photo/", views.member_photo, name="member_photo"),
    path(
        "invitation/<str:token>/members/<int:pk>/withdraw/",
        views.member_withdraw,
        name="member_withdraw",
    ),
    path("invitation/<str:token>/submit/", views.submit, name="submit"),
    path("invitation/<str:token>/places/", views.quota_request, name="quota_request"),
    path("staff/applications/<int:pk>/photo/", views.application_photo, name="application_photo"),
    path("<slug:conference>/apply/", views.apply, name="apply"),
    path("<slug:conference>/apply/sent/", views.apply_sent, name="apply_sent"),
    path("<slug:conference>/apply/confirm/<str:token>/", views.apply_confirm, name="apply_confirm"),
    path("<slug:conference>/apply/status/<str:token>/", views.apply_status, name="apply_status"),
]
