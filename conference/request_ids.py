"""The id of the request this code runs for, in the process that serves it and in the task
worker: a task queued by a request carries its id (conference/task_retries.py), and every
line the worker logs while running that task names it, as the request's own lines do
(plenary/observability.py writes it into each log record).
"""

import contextvars

_request_id: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="")


def current_request_id() -> str:
    """The id of the request this code runs for, or that queued the running task; "" else."""
    return _request_id.get()


def request_id_set(request_id: str) -> contextvars.Token:
    """From now on the code runs for `request_id`; reset with the token returned."""
    return _request_id.set(request_id)


def request_id_reset(token: contextvars.Token) -> None:
    _request_id.reset(token)
