from django.urls import path

from bilaterals import staff_views, views

app_name = "bilaterals"

# The focal point's pages, under the delegation's invitation link, and the organisers' pages.
urlpatterns = [
    path("invitation/<str:token>/bilaterals/", views.portal, name="portal"),
    path("invitation/<str:token>/bilaterals/request/", views.request_new, name="request"),
    path("invitation/<str:token>/bilaterals/calendar/", views.calendar_link, name="calendar_link"),
    path("invitation/<str:token>/bilaterals/<int:pk>/", views.detail, name="detail"),
    path("invitation/<str:token>/bilaterals/<int:pk>/decline/", views.decline, name="decline"),
    path("invitation/<str:token>/bilaterals/<int:pk>/cancel/", views.cancel, name="cancel"),
    path("staff/<slug:conference>/bilaterals/", staff_views.grid, name="grid"),
    path(
        "staff/<slug:conference>/bilaterals/door-sign/",
        staff_views.door_sign_request,
        name="door_sign_request",
    ),
    path("staff/door-signs/<int:pk>/", staff_views.DoorSignView.as_view(), name="door_sign"),
    path(
        "staff/door-signs/<int:pk>/status/",
        staff_views.DoorSignView.as_view(part="status"),
        name="door_sign_status",
    ),
    path(
        "staff/door-signs/<int:pk>/file/",
        staff_views.DoorSignView.as_view(part="file"),
        name="door_sign_file",
    ),
]
