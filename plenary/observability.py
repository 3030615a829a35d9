"""What operators watch: request ids, structured (JSON) logs, the proxy's health checks, and
errors reported to Sentry when SENTRY_DSN is set.

- Every request gets an id: the one in `X-Request-ID` when a trusted proxy (settings
  TRUSTED_PROXY_COUNT > 0, nginx in deploy/) set it, else a new one. It is sent back in the
  response's `X-Request-ID`, and every log record written while the request runs carries it
  (`RequestIdFilter`), as does the record of each task the request queues, and every line
  the task worker logs while it runs that task (conference/task_retries.py carries the id).
- `JsonFormatter` writes one JSON object per line (LOG_FORMAT=json, the default with DEBUG off).
- `/healthz` answers while the process serves requests, without touching the database
  (liveness); `/readyz` checks the database and the cache (readiness: the proxy or the
  orchestrator sends no traffic to an instance that cannot reach them).
"""

import json
import logging
import re
import time
import uuid

from django.conf import settings
from django.core.cache import caches
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache

from conference.request_ids import current_request_id, request_id_reset, request_id_set
from conference.task_retries import TASK_REQUEST_ID
from delegations.link_secrets import without_link_secrets

REQUEST_ID_HEADER = "X-Request-ID"
# What a proxy may hand us as an id: letters, digits and -_.:, at most 128 characters (nginx's
# $request_id is 32 hex digits). Anything else is replaced, so a log line cannot be forged.
_SAFE_ID = re.compile(r"^[A-Za-z0-9._:-]{1,128}$")


def _request_id_from(request: HttpRequest) -> str:
    given = request.META.get("HTTP_X_REQUEST_ID", "")
    # Only a proxy of ours may name the request: a client's own header is not trusted.
    if settings.TRUSTED_PROXY_COUNT > 0 and _SAFE_ID.match(given):
        return given
    return uuid.uuid4().hex


class RequestIdMiddleware:
    """Gives each request its id (request.request_id) for the logs and the response header."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.request_id = _request_id_from(request)
        # Kept until the response is closed (request_finished): Django logs a 4xx or 5xx
        # after the middleware has returned.
        request_id_set(request.request_id)
        response = self.get_response(request)
        response[REQUEST_ID_HEADER] = request.request_id
        return response


def request_id_clear(**kwargs) -> None:
    """request_finished receiver: what the process logs next belongs to no request."""
    request_id_set("")


class RequestIdFilter(logging.Filter):
    """Adds `request_id` to every record (empty outside a request); on handlers, so records of
    every logger get it."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not getattr(record, "request_id", ""):
            record.request_id = current_request_id()
        return True


# Attributes every LogRecord has; anything else passed in `extra` goes into the JSON object.
_STANDARD_ATTRIBUTES = set(vars(logging.LogRecord("", 0, "", 0, "", (), None))) | {
    "message",
    "asctime",
    "request_id",
}


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time (UTC, ISO 8601), level, logger, message, request_id,
    the exception's traceback if any, and whatever the caller gave in `extra`."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(record.created))
            + f".{int(record.msecs):03d}Z",
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", "") or current_request_id(),
        }
        for name, value in vars(record).items():
            if name not in _STANDARD_ATTRIBUTES and not name.startswith("_"):
                entry[name] = value if isinstance(value, (str, int, float, bool)) else str(value)
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)


def log_task_enqueued(sender, task_result, **kwargs) -> None:
    """django-tasks' task_enqueued receiver: ties the task's id to the request that queued it.
    The worker's lines of the task carry the request's id too (`task_request_id_set`)."""
    logging.getLogger("plenary.tasks").info(
        "Task %s queued as %s",
        task_result.task.name,
        task_result.id,
        extra={"task_id": str(task_result.id), "task": task_result.task.name},
    )


# The token of each running task's request id, by task id, to put back what was there before.
_task_tokens: dict[str, object] = {}


def task_request_id_set(sender, task_result, **kwargs) -> None:
    """django-tasks' task_started receiver, in the worker: until the task finishes, every log
    line names the request that queued it (carried in its arguments, see
    conference.task_retries), the worker's own "Task … state=…" lines included."""
    request_id = task_result.kwargs.get(TASK_REQUEST_ID, "")
    _task_tokens[str(task_result.id)] = request_id_set(request_id)


def task_request_id_reset(sender, task_result, **kwargs) -> None:
    """django-tasks' task_finished receiver, after its own line: back to no request."""
    token = _task_tokens.pop(str(task_result.id), None)
    if token is not None:
        request_id_reset(token)


@never_cache
def healthz(request: HttpRequest) -> HttpResponse:
    """Liveness: the process answers. No database, no cache: a database outage must not make
    the orchestrator restart every app process."""
    return JsonResponse({"status": "ok"})


@never_cache
def readyz(request: HttpRequest) -> HttpResponse:
    """Readiness: the database and the cache answer; 503 naming what failed otherwise."""
    checks = {}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        checks["database"] = "ok"
    except Exception as error:
        checks["database"] = f"error: {type(error).__name__}"
    try:
        cache = caches["default"]
        key = f"readyz:{uuid.uuid4().hex}"
        cache.set(key, 1, timeout=5)
        # A dummy cache (development, benchmarks) stores nothing and is never "down".
        ok = cache.get(key) == 1 or "DummyCache" in type(cache).__name__
        cache.delete(key)
        checks["cache"] = "ok" if ok else "error: value not kept"
    except Exception as error:
        checks["cache"] = f"error: {type(error).__name__}"
    ready = all(value == "ok" for value in checks.values())
    return JsonResponse(
        {"status": "ok" if ready else "unavailable", "checks": checks},
        status=200 if ready else 503,
    )


# Sentry -------------------------------------------------------------------------------------

# Request data Sentry could attach that may hold personal data or secrets; the SDK leaves out
# cookies, users and bodies already with send_default_pii off, these we drop in any case.
_DROPPED_REQUEST_KEYS = ("cookies", "data", "env")


def _scrubbed(value):
    """`value` (an event's part) with the token of every secret link masked, recursively."""
    if isinstance(value, str):
        return without_link_secrets(value)
    if isinstance(value, dict):
        return {key: _scrubbed(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_scrubbed(item) for item in value]
    return value


def sentry_before_send(event: dict, hint: dict) -> dict:
    """Keeps invitation and confirmation tokens, cookies and bodies out of what is sent."""
    request = event.get("request")
    if isinstance(request, dict):
        for key in _DROPPED_REQUEST_KEYS:
            request.pop(key, None)
        headers = request.get("headers")
        if isinstance(headers, dict):
            for name in list(headers):
                if name.lower() in {"cookie", "authorization", "x-csrftoken", "referer"}:
                    headers.pop(name)
    return _scrubbed(event)


def sentry_init(dsn: str, *, release: str = "", environment: str = "production", **options):
    """Start reporting errors to Sentry (settings, when SENTRY_DSN is set)."""
    import sentry_sdk
    from sentry_sdk.integrations.django import DjangoIntegration

    sentry_sdk.init(
        dsn=dsn,
        release=release or None,
        environment=environment,
        integrations=[DjangoIntegration()],
        # What send_default_pii=False meant, said explicitly (the SDK's newer option): no
        # user ids or addresses, cookies, bodies, query strings (they may hold e-mail
        # addresses) or SQL parameters; no local variables of the failing frames, which would
        # carry tokens and personal data.
        data_collection={
            "user_info": False,
            "cookies": {"mode": "off"},
            "http_bodies": [],
            "url_query_params": {"mode": "off"},
            "database_query_data": False,
            "stack_frame_variables": False,
        },
        before_send=sentry_before_send,
        before_send_transaction=sentry_before_send,
        before_breadcrumb=lambda crumb, hint: _scrubbed(crumb),
        traces_sample_rate=0.0,
        **options,
    )
