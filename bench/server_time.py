"""Server time of single requests: Django's own work per page, one request at a time.

Runs the app in this process with DEBUG off and no cache (every request renders; `--warm`: a
local-memory cache, filled by the untimed first requests), over the `scale-test` conference,
and times each request through Django's test client: middleware, view, queries and templates,
without an HTTP server or a network. `--profile` prints where the agenda day page's time goes
(cProfile). Results go in docs/performance.md.
"""

import argparse
import cProfile
import os
import pstats
import secrets
import statistics
import sys
import tempfile
import time

from run import HEADERS, SLUG, prepare_database, scale_programme


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=30, help="timed requests per URL")
    parser.add_argument("--warm", action="store_true", help="serve from a warm cache")
    parser.add_argument("--profile", action="store_true", help="profile the agenda day page")
    parser.add_argument(
        "--lang",
        default="",
        help="ask for every response in this language, e.g. fr (pages under /fr/, feeds and the "
        "API with ?lang=fr): the scale conference's texts are in English and French",
    )
    options = parser.parse_args()
    count = max(1, min(options.requests, 1000))

    with tempfile.TemporaryDirectory(prefix="plenary-bench-") as static_root:
        # Before Django starts: the settings read these once.
        os.environ.update(
            DEBUG="false",
            SECRET_KEY=secrets.token_urlsafe(50),
            ALLOWED_HOSTS="testserver",
            CACHE_URL="locmemcache://server-time" if options.warm else "dummycache://",
            STATIC_ROOT=static_root,
            LOG_LEVEL="ERROR",
        )
        prepare_database()
        from django.core.management import call_command
        from django.test import Client

        # DEBUG off means hashed static file names, which need collectstatic's manifest.
        call_command("collectstatic", interactive=False, verbosity=0)
        first_day, session_id = scale_programme()
        # Pages name their language in their address; feeds and the API take ?lang=.
        pages = f"/{options.lang or 'en'}/{SLUG}"
        lang = f"lang={options.lang}" if options.lang else ""
        urls = {
            "Agenda day page": f"{pages}/agenda/?day={first_day}",
            "Session page": f"{pages}/sessions/{session_id}/",
            "API sessions (50 per page)": f"/api/v1/conferences/{SLUG}/sessions/?{lang}",
            "Calendar, whole conference (.ics)": f"/{SLUG}/calendar.ics?{lang}",
            "Search": f"{pages}/search/?q=medical",
        }
        client = Client(headers=HEADERS)
        if options.profile:
            profile(client, urls["Agenda day page"])
            return
        cache = ("warm" if options.warm else "uncached") + (f", {lang}" if lang else "")
        print("| URL | cache | requests | min ms | p50 ms | p90 ms |")
        print("|---|---|---:|---:|---:|---:|")
        for label, path in urls.items():
            times = timings(client, path, count=count)
            p50, p90 = statistics.median(times), statistics.quantiles(times, n=10)[-1]
            print(f"| {label} | {cache} | {count} | {min(times):.1f} | {p50:.1f} | {p90:.1f} |")


def timings(client, path: str, *, count: int) -> list[float]:
    """Milliseconds per request, after three untimed ones (templates, connection)."""
    for _ in range(3):
        response = client.get(path)
        if response.status_code != 200:
            sys.exit(f"{path} answered {response.status_code}.")
    times = []
    for _ in range(count):
        started = time.perf_counter()
        client.get(path)
        times.append((time.perf_counter() - started) * 1000)
    return times


def profile(client, path: str) -> None:
    timings(client, path, count=1)
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(10):
        client.get(path)
    profiler.disable()
    stats = pstats.Stats(profiler)
    stats.sort_stats("cumulative").print_stats(40)
    stats.sort_stats("tottime").print_stats(20)


if __name__ == "__main__":
    main()
