from django.urls import path

from delegations.task_document_views import task_document_paths
from pledges import portal_views, views

app_name = "pledges"

urlpatterns = [
    path("invitation/<str:token>/pledges/", portal_views.portal, name="portal"),
    path("invitation/<str:token>/pledges/new/", portal_views.pledge_new, name="pledge_new"),
    path("invitation/<str:token>/pledges/series/", portal_views.series, name="series"),
    path("invitation/<str:token>/pledges/<int:pk>/", portal_views.pledge_detail, name="pledge"),
    path(
        "invitation/<str:token>/pledges/<int:pk>/amend/",
        portal_views.pledge_amend,
        name="pledge_amend",
    ),
    path(
        "invitation/<str:token>/pledges/<int:pk>/confirm/",
        portal_views.pledge_confirm,
        name="pledge_confirm",
    ),
    path(
        "invitation/<str:token>/pledges/<int:pk>/withdraw/",
        portal_views.pledge_withdraw,
        name="pledge_withdraw",
    ),
    path("staff/<slug:conference>/pledges/", views.summary, name="summary"),
    path("staff/<slug:conference>/pledges/summary.xlsx", views.summary_spreadsheet, name="xlsx"),
    path("staff/<slug:conference>/pledges/summary.pdf", views.summary_pdf_request, name="pdf"),
    *task_document_paths(
        "staff/pledges/summaries/<int:pk>/", views.SummaryDocumentView, "summary_document"
    ),
    path(
        "staff/pledges/series/<int:series>/<str:country>/",
        views.series_record,
        name="series_record",
    ),
    path("<slug:conference>/pledges/", views.public_pledges, name="public"),
]
