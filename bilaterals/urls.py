from django.urls import path

from bilaterals import staff_views, views
from delegations.task_document_views import task_document_paths

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
    *task_document_paths("staff/door-signs/<int:pk>/", staff_views.DoorSignView, "door_sign"),
]
