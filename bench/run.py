"""Benchmark of the public programme (`make bench`); results go in docs/performance.md.

Serves the app with gunicorn on 127.0.0.1 only (DEBUG off, a throwaway SECRET_KEY) over the
`scale-test` conference (generated with `manage.py generate_scale_data` when missing) and loads
the agenda day page, a session page, the sessions API and the calendar for a fixed time each:
once with the server-side cache warm (locmem) and once with no cache at all (dummy cache).
Prints a Markdown table; stops by itself.
"""

import argparse
import contextlib
import os
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))

from load import Result, measure, wrk_path  # noqa: E402  (bench/ is the script's folder)

SLUG = "scale-test"
HOST = "127.0.0.1"
# Behind the production proxy every request arrives as HTTPS; without this header the app
# (SECURE_SSL_REDIRECT) would answer every request with a redirect.
HEADERS = {"X-Forwarded-Proto": "https", "Accept-Language": "en"}
MODES = {"warm": "locmemcache://bench", "uncached": "dummycache://"}
# Also measured as clients that send the ETag back: a browser reloading, a calendar app polling.
REVALIDATED = {"Agenda day page", "Calendar, whole conference (.ics)"}
# Also measured uncached with one connection: a request never waits for another, so its
# latency is the server's time for one page (plus the loopback HTTP).
ONE_AT_A_TIME = {"Agenda day page"}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=10, help="seconds per URL (max 60)")
    parser.add_argument("--connections", type=int, default=4, help="concurrent connections")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn worker processes")
    parser.add_argument("--python-client", action="store_true", help="don't use wrk")
    parser.add_argument("--only", default="", help="load only the URLs whose label has this")
    parser.add_argument(
        "--modes", default="warm,uncached", help="warm, uncached or both (comma-separated)"
    )
    options = parser.parse_args()
    duration = max(1, min(options.duration, 60))

    prepare_database()
    first_day, session_id = scale_programme()
    urls = {
        # Pages under their language's prefix: an address without one is a redirect.
        "Agenda day page": f"/en/{SLUG}/agenda/?day={first_day}",
        "Whole programme (agenda, all days)": f"/en/{SLUG}/agenda/?day=all",
        "Session page": f"/en/{SLUG}/sessions/{session_id}/",
        "Speakers list": f"/en/{SLUG}/speakers/",
        "API sessions (50 per page)": f"/api/v1/conferences/{SLUG}/sessions/",
        "Calendar, whole conference (.ics)": f"/{SLUG}/calendar.ics",
        "frab schedule.xml": f"/{SLUG}/schedule.xml",
        "frab schedule.json": f"/{SLUG}/schedule.json",
        "API, all sessions in one response": f"/api/v1/conferences/{SLUG}/sessions/?limit=500",
    }
    if options.only:
        urls = {label: path for label, path in urls.items() if options.only in label}
    modes = {mode: MODES[mode] for mode in options.modes.split(",") if mode in MODES}
    wrk = None if options.python_client else wrk_path()
    print(f"Load tool: {wrk or 'Python client (wrk not available)'}", file=sys.stderr)

    rows = []
    with tempfile.TemporaryDirectory(prefix="plenary-bench-") as static_root:
        collect_static(static_root=static_root)
        for mode, cache_url in modes.items():
            env = server_env(cache_url=cache_url, static=static_root)
            with gunicorn(env=env, workers=options.workers) as base:
                for label, path in urls.items():
                    status, etag = warm_up(base + path)
                    if status != 200:
                        rows.append((label, mode, None, f"HTTP {status}: not measured"))
                        continue
                    result = measure(
                        base + path,
                        headers=HEADERS,
                        duration=duration,
                        connections=options.connections,
                        wrk=wrk,
                    )
                    rows.append((label, mode, result, ""))
                    if mode == "warm" and etag and label in REVALIDATED:
                        revalidation = measure(
                            base + path,
                            headers={**HEADERS, "If-None-Match": etag},
                            duration=duration,
                            connections=options.connections,
                            wrk=wrk,
                        )
                        rows.append((label, "revalidated (304)", revalidation, ""))
                    if mode == "uncached" and label in ONE_AT_A_TIME:
                        alone = measure(
                            base + path, headers=HEADERS, duration=duration, connections=1, wrk=wrk
                        )
                        rows.append((label, "uncached, 1 connection", alone, ""))
    print(table(rows))


def in_process_environment(**variables: str) -> None:
    """Before Django starts (the settings read these once), for a bench that runs the app in
    its own process: DEBUG off, as in production, with a secret key of the run's own, the
    test client's host, only errors logged; and `variables`."""
    os.environ.update(
        DEBUG="false",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="testserver",
        LOG_LEVEL="ERROR",
        **variables,
    )


def prepare_database() -> None:
    """Migrates the database; with DATABASE_URL unset, the embedded PostgreSQL stays up (and
    gunicorn's workers use it too) until this script exits."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "plenary.settings")
    import django

    from plenary.embedded_pg import ensure_embedded_server

    django.setup()
    ensure_embedded_server()
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)


def scale_programme() -> tuple[str, int]:
    """The first day and one session of the scale-test conference, generating it if missing."""
    from django.conf import settings
    from django.core.management import CommandError, call_command

    from conference.models import Conference

    conference = Conference.objects.filter(slug=SLUG, is_published=True).first()
    if conference is None:
        print("Generating the scale-test conference (a few minutes)…", file=sys.stderr)
        if settings.DEBUG:
            try:
                call_command("generate_scale_data")
            except CommandError as error:
                sys.exit(f"Cannot create the {SLUG} conference: {error}")
        else:
            # server_time.py runs with DEBUG off, which has no development key for the
            # participants' passport data: generated by the development settings instead.
            development = {
                name: value
                for name, value in os.environ.items()
                if name not in {"DEBUG", "SECRET_KEY", "CACHE_URL", "STATIC_ROOT"}
            }
            command = [sys.executable, "manage.py", "generate_scale_data"]
            if subprocess.run(command, cwd=BASE_DIR, env=development).returncode:
                sys.exit(f"Cannot create the {SLUG} conference.")
        conference = Conference.objects.get(slug=SLUG)
    session = conference.sessions.filter(is_published=True).order_by("starts_at", "pk").first()
    if session is None:
        sys.exit(f"The {SLUG} conference has no published session to measure.")
    return conference.start_date.isoformat(), session.pk


def server_env(*, cache_url: str, static: str) -> dict[str, str]:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "plenary.settings",
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": HOST,
        "CONN_MAX_AGE": "60",
        "CACHE_URL": cache_url,
        "STATIC_ROOT": static,
        "LOG_LEVEL": "ERROR",  # not a line per 404 while a page is missing
    }


def collect_static(*, static_root: str) -> None:
    # DEBUG off means hashed static file names, which need collectstatic's manifest.
    env = server_env(cache_url="dummycache://", static=static_root)
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--no-input", "-v0"],
        cwd=BASE_DIR,
        env=env,
        check=True,
        timeout=300,
    )


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


@contextlib.contextmanager
def gunicorn(*, env: dict[str, str], workers: int) -> Iterator[str]:
    """A gunicorn serving the app on 127.0.0.1; yields its base URL and always stops it."""
    port = free_port()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            # As production runs it (preloaded, the app frozen out of garbage collection
            # before each fork: without that, the 500-session API took 27 ms of a worker's
            # CPU under load instead of 17), here on a port of its own and without the
            # access log.
            *("-c", "deploy/gunicorn.conf.py"),
            "plenary.wsgi:application",
            f"--bind={HOST}:{port}",
            f"--workers={workers}",
            "--log-level=warning",
            "--access-logfile=/dev/null",
            # No worker replaced during a run (it would empty its local-memory cache).
            "--max-requests=0",
        ],
        cwd=BASE_DIR,
        env=env,
    )
    base = f"http://{HOST}:{port}"
    try:
        wait_until_up(base, server)
        yield base
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def wait_until_up(base: str, server: subprocess.Popen) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            sys.exit("gunicorn stopped before answering; see its messages above.")
        with contextlib.suppress(OSError):
            fetch(base + "/api/v1/conferences/")
            return
        time.sleep(0.3)
    sys.exit("gunicorn did not answer within 60 seconds.")


def fetch(url: str) -> tuple[int, str]:
    request = urllib.request.Request(url, headers=HEADERS)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            response.read()
            return response.status, response.headers.get("ETag", "")
    except urllib.error.HTTPError as error:
        return error.code, ""


def warm_up(url: str) -> tuple[int, str]:
    """A few requests first, so every worker has its connection (and, warm, its cache) ready."""
    status, etag = fetch(url)
    for _ in range(9):
        fetch(url)
    return status, etag


def table(rows: list[tuple[str, str, Result | None, str]]) -> str:
    lines = [
        "| URL | cache | requests/s | p50 ms | p90 ms | p99 ms | requests | errors |",
        "|---|---|---:|---:|---:|---:|---:|---:|",
    ]
    for label, mode, result, note in rows:
        if result is None:
            lines.append(f"| {label} | {mode} | {note} | | | | | |")
            continue
        lines.append(
            f"| {label} | {mode} | {result.requests_per_second:.0f} | {result.p50_ms:.1f} "
            f"| {result.p90_ms:.1f} | {result.p99_ms:.1f} | {result.requests} "
            f"| {result.errors} |"
        )
    return "\n".join(lines)


if __name__ == "__main__":
    main()
