"""Server time of single requests: Django's own work per page, one request at a time.

Runs the app in this process with DEBUG off and no cache (every request renders; `--warm`: a
local-memory cache, filled by the untimed first requests), over the `scale-test` conference,
and times each request through Django's test client: middleware, view, queries and templates,
without an HTTP server or a network. `--profile` prints where the agenda day page's time goes
(cProfile). Results go in docs/performance.md.
"""

import argparse
import cProfile
import gc
import json
import pstats
import statistics
import sys
import tempfile
import time

from run import HEADERS, SLUG, in_process_environment, prepare_database, scale_programme


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=30, help="timed requests per URL")
    parser.add_argument("--warm", action="store_true", help="serve from a warm cache")
    parser.add_argument(
        "--profile",
        nargs="?",
        const="Agenda day page",
        default="",
        help="profile one page (by its label, default the agenda day page)",
    )
    parser.add_argument("--only", default="", help="time only the URLs whose label has this")
    parser.add_argument(
        "--paths",
        default="",
        help="time these paths instead (a JSON list) and print JSON: {path: {min, p50, cpu}} "
        "in ms (bench/vs_pretalx.py)",
    )
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
        in_process_environment(
            CACHE_URL="locmemcache://server-time" if options.warm else "dummycache://",
            STATIC_ROOT=static_root,
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
            "Whole programme (agenda, all days)": f"{pages}/agenda/?day=all",
            "Session page": f"{pages}/sessions/{session_id}/",
            "Speakers list": f"{pages}/speakers/",
            "API sessions (50 per page)": f"/api/v1/conferences/{SLUG}/sessions/?{lang}",
            "API, all sessions in one response": (
                f"/api/v1/conferences/{SLUG}/sessions/?limit=500&{lang}"
            ),
            "Calendar, whole conference (.ics)": f"/{SLUG}/calendar.ics?{lang}",
            "frab schedule.xml": f"/{SLUG}/schedule.xml?{lang}",
            "frab schedule.json": f"/{SLUG}/schedule.json?{lang}",
            "Search": f"{pages}/search/?q=medical",
        }
        if options.only:
            urls = {label: path for label, path in urls.items() if options.only in label}
        client = Client(headers=HEADERS)
        if options.paths:
            urls = {path: path for path in json.loads(options.paths)}
        # As gunicorn's master does before it forks the workers (deploy/gunicorn.conf.py): the
        # loaded app is left out of garbage collection, which otherwise walked it during
        # one request in ten.
        gc.freeze()
        if options.profile:
            profile(client, urls[options.profile])
            return
        if options.paths:
            measured = {path: timings(client, path, count=count) for path in urls.values()}
            print(json.dumps({path: summary(*both) for path, both in measured.items() if both}))
            return
        cache = ("warm" if options.warm else "uncached") + (f", {lang}" if lang else "")
        print("| URL | cache | requests | min ms | p50 ms | p90 ms | CPU min ms | kB |")
        print("|---|---|---:|---:|---:|---:|---:|---:|")
        for label, path in urls.items():
            measured = timings(client, path, count=count)
            if measured is None:
                print(f"| {label} | {cache} | not 200 | | | | | |")
                continue
            times, cpu = measured
            p50, p90 = statistics.median(times), statistics.quantiles(times, n=10)[-1]
            size = len(body(client.get(path))) / 1000
            print(
                f"| {label} | {cache} | {count} | {min(times):.1f} | {p50:.1f} | {p90:.1f} "
                f"| {min(cpu):.1f} | {size:.0f} |"
            )


def summary(times: list[float], cpu: list[float]) -> dict[str, float]:
    return {"min": min(times), "p50": statistics.median(times), "cpu": min(cpu)}


def body(response) -> bytes:
    """The whole body, also of a streamed response (read to the end, as a client would)."""
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def timings(client, path: str, *, count: int) -> tuple[list[float], list[float]] | None:
    """Milliseconds per request, wall-clock and this process's CPU, after three untimed ones
    (templates, connection); None when the URL does not answer 200.

    On a shared machine the CPU time is the steadier figure: it leaves out the time the
    process waits for a core (but also the database server's own work, a few ms a page)."""
    for _ in range(3):
        response = client.get(path)
        if response.status_code != 200:
            print(f"{path} answered {response.status_code}.", file=sys.stderr)
            return None
        body(response)
    times, cpu = [], []
    for _ in range(count):
        started, started_cpu = time.perf_counter(), time.process_time()
        body(client.get(path))
        times.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
    return times, cpu


def profile(client, path: str) -> None:
    timings(client, path, count=1)
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(10):
        body(client.get(path))
    profiler.disable()
    stats = pstats.Stats(profiler)
    stats.sort_stats("cumulative").print_stats(40)
    stats.sort_stats("tottime").print_stats(20)


if __name__ == "__main__":
    main()
