"""gunicorn settings for one Plenary app instance (docs/deployment.md).

    gunicorn -c deploy/gunicorn.conf.py plenary.wsgi

Two or more instances run behind nginx (deploy/nginx/plenary.conf), each on its own loopback
port, so one can be restarted while the others serve. The environment chooses:
GUNICORN_BIND (default 127.0.0.1:8001) and WEB_CONCURRENCY (worker processes, default 2 per
instance: on a 2-core server two instances of two workers keep both cores busy while requests
wait for PostgreSQL). Everything else Plenary reads from its own variables
(/etc/plenary/env, README "Configuration").
"""

import gc
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8001")
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
# Sync workers: each request has a process to itself; the proxy buffers slow clients, so no
# worker waits on a phone's upload.
worker_class = "sync"
# Load the app once in the master: workers start in milliseconds and share its memory.
preload_app = True


def pre_fork(server, worker) -> None:
    """Python's full garbage collection walks every object a worker has: the ~180,000 of
    the loaded app made one request in ten take 30-100 ms longer (the 500-session API,
    measured, docs/performance.md). Frozen in the master before each fork, the app's objects
    are left out of every collection (and stay shared with the master's memory pages).

    The youngest generation is then collected every 10,000 allocations instead of 700: a
    page of 500 sessions makes tens of thousands of short-lived objects, and each young
    collection walked them again (the 500-session API: 125-132 -> 139-142 requests/s on two
    cores, alternated, docs/performance.md)."""
    gc.freeze()
    gc.set_threshold(10_000, 10, 10)


# A request running longer than this is a bug (slow work is a task): the worker is replaced.
timeout = 30
# On SIGTERM (systemctl stop/restart) requests in flight finish; nginx sends new ones to the
# other instance meanwhile.
graceful_timeout = 25
# Connections from nginx are kept open between requests (its upstream keepalive).
keepalive = 75
# A worker is replaced after this many requests, so a slow leak never builds up.
max_requests = 5000
max_requests_jitter = 500
# Only nginx on this machine talks to gunicorn: X-Forwarded-* from it are trusted.
forwarded_allow_ips = "127.0.0.1,::1"
# The access log names each request by the id nginx gave it (X-Request-ID), as the app's
# JSON log does; plenary.log_filters masks invitation tokens in gunicorn.access.
accesslog = "-"
access_log_format = (
    '{"time": "%(t)s", "logger": "gunicorn.access", "request_id": "%({x-request-id}i)s", '
    '"method": "%(m)s", "path": "%(U)s", "status": %(s)s, "bytes": "%(B)s", '
    '"duration_ms": %(M)s}'
)
errorlog = "-"
# The request line's query string may carry an e-mail address; %(U)s above has no query.
proc_name = "plenary-" + bind.rsplit(":", 1)[-1]
