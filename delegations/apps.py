from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DelegationsConfig(AppConfig):
    name = "delegations"
    verbose_name = _("Delegations and participants")

    def ready(self) -> None:
        from delegations import retention, signals  # noqa: F401  (connect their receivers)
        from delegations.task_documents import task_document_files_follow_rows

        task_document_files_follow_rows()
