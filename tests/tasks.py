"""Running the task queue in tests: django-tasks-db's own worker, on the test database.

Tests that run it are marked `django_db(transaction=True)`: the worker commits, and closes
the connection between tasks, which the rolled-back transaction of an ordinary test forbids.
"""

from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult


def task_worker(*, max_tasks: int | None = None, worker_id: str = "pytest") -> Worker:
    """django-tasks-db's worker over every queue, in batch mode (`db_worker --batch`): its
    run() returns once no task is due, or after `max_tasks`."""
    return Worker(
        queue_names=["*"],
        excluded_queue_names=[],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=max_tasks,
        worker_id=worker_id,
    )


def tasks_run() -> None:
    """Run every task that is due, then return, as `manage.py db_worker --batch` does."""
    task_worker().run()


def tasks_run_with_retries(*, rounds: int = 10) -> None:
    """Run every task, bringing each retry forward to now, until no retry is left waiting."""
    for _round in range(rounds):
        tasks_run()
        waiting = DBTaskResult.objects.filter(status=TaskResultStatus.READY)
        if not waiting.exists():
            return
        waiting.update(run_after=timezone.now())
    raise AssertionError(f"Tasks were still being retried after {rounds} rounds.")


def task_results(name: str) -> list[DBTaskResult]:
    """The results of the task called `name`, oldest first."""
    return list(DBTaskResult.objects.filter(task_path__endswith=f".{name}").order_by("enqueued_at"))
