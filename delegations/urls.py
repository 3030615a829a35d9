from delegations.export_views import ExportView
from delegations.task_document_views import task_document_paths

app_name = "delegations"

# The staff pages of an admin export: its progress, what that page polls, and its file.
urlpatterns = [
    *task_document_paths("staff/exports/<int:pk>/", ExportView, "export"),
]
