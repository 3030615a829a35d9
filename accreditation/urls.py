from django.urls import path

from accreditation import public_views, views
from delegations.task_document_views import task_document_paths

app_name = "accreditation"

# Staff pages for the week of the meeting (check-in at the door, dashboard, exports) and the
# public pages of who takes part.
urlpatterns = [
    path("staff/", views.staff_home, name="home"),
    path("staff/participants/<int:pk>/photo/", views.participant_photo, name="participant_photo"),
    path("staff/<slug:conference>/dashboard/", views.dashboard, name="dashboard"),
    path("staff/<slug:conference>/import/", views.participant_import, name="import"),
    path("staff/<slug:conference>/check-in/", views.check_in_home, name="check_in"),
    path("staff/<slug:conference>/check-in/scan/", views.check_in_scan, name="check_in_scan"),
    path(
        "staff/<slug:conference>/check-in/scan/result/",
        views.check_in_scan_result,
        name="check_in_scan_result",
    ),
    path("staff/<slug:conference>/attendance/", views.attendance, name="attendance"),
    path(
        "staff/<slug:conference>/attendance.xlsx",
        views.attendance_download,
        name="attendance_xlsx",
    ),
    path(
        "staff/<slug:conference>/check-in/<int:pk>/",
        views.check_in_participant,
        name="check_in_participant",
    ),
    path(
        "staff/<slug:conference>/check-in/<int:pk>/photo/",
        views.check_in_photo,
        name="check_in_photo",
    ),
    path(
        "staff/<slug:conference>/list-of-participants/",
        views.list_of_participants,
        name="participant_list",
    ),
    *task_document_paths("staff/documents/<int:pk>/", views.DocumentView, "document"),
    path("<slug:conference>/delegations/", public_views.delegation_list, name="delegations"),
    path(
        "<slug:conference>/delegations/<int:pk>/",
        public_views.delegation_detail,
        name="delegation",
    ),
    path(
        "<slug:conference>/delegations/list-of-participants.pdf",
        public_views.participant_list_public,
        name="public_participant_list",
    ),
]
