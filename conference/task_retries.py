"""Tasks that are tried again: django-tasks runs a task once and records how it ended.

A failed attempt stays in the task results (in the admin) as failed, with its
traceback, and enqueues the next attempt with the same arguments, later and later. Each app's
tasks live in its own tasks.py and take keyword arguments only: ids and plain values, never
personal data or secrets, because the queue keeps them and the admin shows them.
"""

import dataclasses
import datetime
from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.utils import timezone

# django.tasks from Django 6.0 on; django-tasks is its backport.
from django_tasks import TaskContext
from django_tasks.base import Task

from conference.request_ids import current_request_id

ATTEMPTS = 3
FIRST_RETRY_AFTER = datetime.timedelta(seconds=30)
# The argument a task queued by a request carries that request's id in; the worker logs the
# task's lines under it (plenary.observability.task_request_id_set) and the task's function
# never sees it.
TASK_REQUEST_ID = "request_id"


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class RequestTask(Task):
    """A task that takes the id of the request queueing it along (its retries too: the worker
    runs them under that id)."""

    def enqueue(self, *args, **kwargs):
        if request_id := current_request_id():
            kwargs[TASK_REQUEST_ID] = request_id
        # Not super(): a dataclass with slots is a new class, which super() does not know.
        return Task.enqueue(self, *args, **kwargs)


def retrying_task(
    *,
    queue_name: str,
    attempts: int = ATTEMPTS,
    first_retry_after: datetime.timedelta = FIRST_RETRY_AFTER,
    on_failure: Callable[..., None] | None = None,
) -> Callable[[Callable[..., object]], Task]:
    """Make `function(**kwargs)` a task on `queue_name` that is tried up to `attempts` times.

    The second attempt runs `first_retry_after` after the first failed, each later one twice as
    long after the previous; the attempt's number travels as the `attempt` argument. A
    ValidationError is a refusal, not an accident, and is never retried.
    `on_failure(error=, retry_at=, **kwargs)` runs after every failed attempt, `retry_at`
    None after the last one.
    """

    def decorate(function: Callable[..., object]) -> Task:
        def attempt_run(
            context: TaskContext, *, attempt: int = 1, request_id: str = "", **kwargs
        ) -> object:
            try:
                return function(**kwargs)
            except Exception as error:
                retry_at = None
                if attempt < attempts and not isinstance(error, ValidationError):
                    retry_at = timezone.now() + first_retry_after * 2 ** (attempt - 1)
                    context.task_result.task.using(run_after=retry_at).enqueue(
                        attempt=attempt + 1, **kwargs
                    )
                if on_failure is not None:
                    on_failure(error=error, retry_at=retry_at, **kwargs)
                raise

        # The task is found by its module and name, so it takes the function's. Copied by hand,
        # not with functools.wraps: django-tasks would follow __wrapped__ to `function` and
        # miss the `context` argument it must pass.
        for attribute in ("__module__", "__name__", "__qualname__", "__doc__"):
            setattr(attempt_run, attribute, getattr(function, attribute))
        return RequestTask(func=attempt_run, queue_name=queue_name, takes_context=True)

    return decorate
