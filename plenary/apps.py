# The module, not its class: Django must not take AdminConfig as one of this module's configs.
from django.contrib.admin import apps as admin_apps


class PlenaryAdminConfig(admin_apps.AdminConfig):
    """The Django admin, with Plenary's site as the default one."""

    default_site = "plenary.admin_site.PlenaryAdminSite"

    def ready(self):
        super().ready()
        from django.core.signals import request_finished
        from django_tasks.signals import (
            log_task_started,
            task_enqueued,
            task_finished,
            task_started,
        )

        from plenary.observability import (
            log_task_enqueued,
            request_id_clear,
            task_request_id_reset,
            task_request_id_set,
        )

        request_finished.connect(request_id_clear, dispatch_uid="plenary.request_id_clear")
        # Each queued task's id goes into the log with the id of the request that queued it.
        task_enqueued.connect(log_task_enqueued, dispatch_uid="plenary.log_task_enqueued")
        # In the worker, a task's lines name that request, from django-tasks' "Task … state=
        # RUNNING" (its receiver moved after ours) to its last line.
        task_started.connect(task_request_id_set, dispatch_uid="plenary.task_request_id_set")
        task_started.disconnect(log_task_started)
        task_started.connect(log_task_started)
        task_finished.connect(task_request_id_reset, dispatch_uid="plenary.task_request_id_reset")
