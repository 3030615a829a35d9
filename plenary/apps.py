# The module, not its class: Django must not take AdminConfig as one of this module's configs.
from django.contrib.admin import apps as admin_apps


class PlenaryAdminConfig(admin_apps.AdminConfig):
    """The Django admin, with Plenary's site as the default one."""

    default_site = "plenary.admin_site.PlenaryAdminSite"

    def ready(self):
        super().ready()
        from django.core.signals import request_finished
        from django_tasks.signals import task_enqueued

        from plenary.observability import log_task_enqueued, request_id_clear

        request_finished.connect(request_id_clear, dispatch_uid="plenary.request_id_clear")
        # Each queued task's id goes into the log with the id of the request that queued it.
        task_enqueued.connect(log_task_enqueued, dispatch_uid="plenary.log_task_enqueued")
