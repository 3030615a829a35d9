"""Password guessing against the staff log-in, and what it does to the public pages.

Serves the app with gunicorn on 127.0.0.1 only (DEBUG off, a throwaway SECRET_KEY, 2 sync
workers, the local-memory cache that serves public pages from memory) and times the public
agenda day page of the `scale-test` conference one request at a time, first alone, then
while N threads post wrong passwords for one account to /staff/login/ as fast as they can.
Twice: with the lockout as configured, and with it out of the way (limits of a million
failures: every guess reaches the password hasher, as before the lockout existed). Prints a
Markdown table; stops by itself.
"""

import argparse
import http.client
import re
import secrets
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlencode, urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import (
    HEADERS,
    SLUG,
    collect_static,
    gunicorn,
    prepare_database,
    scale_programme,
    server_env,
)

USERNAME = "bench-guessing-target"
NO_LOCKOUT = {"LOGIN_FAILURES_PER_ACCOUNT": "1000000", "LOGIN_FAILURES_PER_ADDRESS": "1000000"}
# Hard bounds, whatever the options: the guessing stops by itself.
MAX_SECONDS = 60
MAX_GUESSES = 100_000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threads", type=int, default=8, help="guessing threads")
    parser.add_argument("--duration", type=int, default=15, help="seconds per measurement")
    options = parser.parse_args()
    threads = max(1, min(options.threads, 32))
    duration = max(2, min(options.duration, MAX_SECONDS))

    database_url = prepare_database()
    first_day, _session = scale_programme()
    target_account()
    page = f"/{SLUG}/agenda/?day={first_day}"
    rows = []
    with tempfile.TemporaryDirectory(prefix="plenary-bench-") as static_root:
        collect_static(database_url=database_url, static_root=static_root)
        for label, extra in (("lockout off (before)", NO_LOCKOUT), ("lockout on (after)", {})):
            env = {
                **server_env(
                    database_url=database_url, cache_url="locmemcache://bench", static=static_root
                ),
                **extra,
            }
            with gunicorn(env=env, workers=2) as base:
                clear_failures()
                page_times(base, page, duration=2)  # both workers render and store it
                alone = page_times(base, page, duration=duration)
                rows.append((label, 0, alone, None))
                clear_failures()
                guessing = Guessing(base, threads=threads)
                guessing.start()
                busy = page_times(base, page, duration=duration)
                guessing.stop()
                rows.append((label, threads, busy, guessing))
    print(table(rows))


def target_account() -> None:
    """The account being guessed, with a long random password hashed the production way."""
    from django.contrib.auth import get_user_model

    user, _created = get_user_model().objects.get_or_create(
        username=USERNAME, defaults={"is_staff": True}
    )
    user.set_password(secrets.token_urlsafe(24))
    user.save()


def clear_failures() -> None:
    from accounts.models import LoginFailures

    LoginFailures.objects.all().delete()


def connection(base: str) -> http.client.HTTPConnection:
    parts = urlsplit(base)
    return http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)


def page_times(base: str, path: str, *, duration: int) -> list[float]:
    """Milliseconds per request for `path`, one at a time, for `duration` seconds."""
    client = connection(base)
    times = []
    deadline = time.monotonic() + duration
    while time.monotonic() < deadline:
        started = time.perf_counter()
        client.request("GET", path, headers=HEADERS)
        response = client.getresponse()
        response.read()
        if response.status != 200:
            sys.exit(f"{path} answered {response.status}.")
        times.append((time.perf_counter() - started) * 1000)
    client.close()
    return times


class Guessing:
    """Threads posting wrong passwords for USERNAME until stopped (or the hard bounds)."""

    def __init__(self, base: str, *, threads: int):
        self.base = base
        self.threads = [threading.Thread(target=self.guess, daemon=True) for _ in range(threads)]
        self.stopping = threading.Event()
        self.lock = threading.Lock()
        self.statuses: dict[int, int] = {}
        self.started = self.stopped = 0.0

    def start(self) -> None:
        self.started = time.monotonic()
        for thread in self.threads:
            thread.start()

    def stop(self) -> None:
        self.stopping.set()
        for thread in self.threads:
            thread.join(timeout=120)
        self.stopped = time.monotonic()

    @property
    def guesses(self) -> int:
        return sum(self.statuses.values())

    def guess(self) -> None:
        client = connection(self.base)
        cookie, token = self.csrf(client)
        origin = f"https://{urlsplit(self.base).netloc}"
        headers = {
            **HEADERS,
            "Cookie": cookie,
            "Origin": origin,
            "Content-Type": "application/x-www-form-urlencoded",
        }
        deadline = time.monotonic() + MAX_SECONDS * 2
        while not self.stopping.is_set() and time.monotonic() < deadline:
            if self.guesses >= MAX_GUESSES:
                return
            body = urlencode(
                {
                    "csrfmiddlewaretoken": token,
                    "username": USERNAME,
                    "password": secrets.token_urlsafe(8),
                }
            )
            client.request("POST", "/staff/login/", body=body, headers=headers)
            response = client.getresponse()
            response.read()
            with self.lock:
                self.statuses[response.status] = self.statuses.get(response.status, 0) + 1
        client.close()

    @staticmethod
    def csrf(client: http.client.HTTPConnection) -> tuple[str, str]:
        client.request("GET", "/staff/login/", headers=HEADERS)
        response = client.getresponse()
        html = response.read().decode()
        cookie = response.getheader("Set-Cookie").split(";", 1)[0]
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
        return cookie, token


def table(rows) -> str:
    lines = [
        "| log-in | guessing threads | agenda p50 ms | agenda p90 ms | agenda requests "
        "| guesses/s | refused by lockout (429) |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for label, threads, times, guessing in rows:
        p50 = statistics.median(times)
        p90 = statistics.quantiles(times, n=10)[-1]
        if guessing is None:
            rate = refused = ""
        else:
            rate = f"{guessing.guesses / (guessing.stopped - guessing.started):.0f}"
            refused = str(guessing.statuses.get(429, 0))
        lines.append(
            f"| {label} | {threads} | {p50:.1f} | {p90:.1f} | {len(times)} | {rate} | {refused} |"
        )
    return "\n".join(lines)


if __name__ == "__main__":
    main()
