"""The steps of the 500-session API response, each timed on its own in one process.

What `bench/server_time.py --profile` cannot say without its own overhead: how long the
conference's query, the filter form, the count, the sessions' SQL (built, then run), the
roles, the dicts and the JSON take, beside whole requests (`?limit=500`, `?limit=1`, a view
that does nothing through the whole middleware, and the same with only the session and
authentication middleware). Same settings and data as server_time.py (the `scale-test`
conference). Results go in docs/performance.md ("Fifth pass").
"""

import argparse
import gc
import statistics
import tempfile
import time
from collections.abc import Callable

from run import HEADERS, SLUG, in_process_environment, prepare_database, scale_programme


def timed(label: str, step: Callable[[], object], count: int) -> None:
    for _ in range(3):
        step()
    times, cpu = [], []
    for _ in range(count):
        started, started_cpu = time.perf_counter(), time.process_time()
        step()
        times.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
    print(f"| {label} | {min(times):.2f} | {statistics.median(times):.2f} | {min(cpu):.2f} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=60, help="timed calls per step")
    count = max(1, min(parser.parse_args().requests, 1000))
    with tempfile.TemporaryDirectory(prefix="plenary-bench-") as static_root:
        in_process_environment(
            CACHE_URL="dummycache://",
            STATIC_ROOT=static_root,
        )
        prepare_database()
        from django.contrib.auth.models import AnonymousUser
        from django.core.management import call_command
        from django.db import connection
        from django.test import Client, RequestFactory, override_settings
        from django.utils import translation

        from conference.models import Room
        from sessions import api
        from sessions.feed_forms import SessionQueryForm
        from sessions.feed_selectors import export_for_conference, export_sessions
        from sessions.models import Track
        from sessions.rows import _add_roles, _rows, _values, _values_sql
        from sessions.selectors import rooms_visible, tracks_visible

        call_command("collectstatic", interactive=False, verbosity=0)
        scale_programme()
        client = Client(headers=HEADERS)
        gc.freeze()  # as gunicorn.conf.py and server_time.py do
        path = f"/api/v1/conferences/{SLUG}/sessions/"
        print("| step | min ms | p50 ms | CPU min ms |")
        print("|---|---:|---:|---:|")
        timed("request ?limit=500", lambda: client.get(path + "?limit=500"), count)
        timed("request ?limit=1", lambda: client.get(path + "?limit=1"), count)
        timed("request /healthz (the whole middleware)", lambda: client.get("/healthz"), count)
        minimal = [
            "django.contrib.sessions.middleware.SessionMiddleware",
            "django.contrib.auth.middleware.AuthenticationMiddleware",
        ]
        with override_settings(MIDDLEWARE=minimal):
            bare = Client(headers=HEADERS)
            timed(
                "request ?limit=1, session and auth middleware only",
                lambda: bare.get(path + "?limit=1"),
                count,
            )
            timed(
                "request /healthz, session and auth middleware only",
                lambda: bare.get("/healthz"),
                count,
            )

        translation.activate("en")
        request = RequestFactory().get(path + "?limit=500", headers=HEADERS)
        request.user = AnonymousUser()
        timed(
            "the conference's query",
            lambda: export_for_conference(slug=SLUG, user=request.user),
            count,
        )
        export = export_for_conference(slug=SLUG, user=request.user)
        conference = export.conference

        def form(tracks, rooms) -> None:
            assert SessionQueryForm(
                request.GET, conference=conference, tracks=tracks, rooms=rooms
            ).is_valid()

        timed(
            "the filter form, with the track and room querysets",
            lambda: form(
                tracks_visible(conference=conference, preview=False),
                rooms_visible(conference=conference, preview=False),
            ),
            count,
        )

        timed(
            "the filter form, no track or room asked for",
            lambda: form(Track.objects.none(), Room.objects.none()),
            count,
        )

        def sessions():
            return export_sessions(export=export).order_by(
                "starts_at", "room__order", "title", "pk"
            )[0:501]

        timed("COUNT", lambda: export_sessions(export=export).count(), count)
        timed(
            "the sessions' SQL built and compiled",
            lambda: _values(sessions(), descriptions=True).query.sql_with_params(),
            count,
        )
        timed(
            "the sessions' SQL, compiled once (_values_sql)",
            lambda: _values_sql(sessions(), descriptions=True),
            count,
        )
        sql, params = _values_sql(sessions(), descriptions=True)

        def fetched() -> list:
            with connection.cursor() as cursor:
                cursor.execute(sql, params)
                return cursor.fetchall()

        timed("the sessions' query run and fetched", fetched, count)
        values = fetched()
        timed("the sessions' rows", lambda: _rows(values, one=False), count)
        rows = _rows(values, one=False)

        def roles() -> None:
            for row in rows:
                row.roles = []
            _add_roles(rows)

        timed("the roles read, with their speakers", roles, count)
        links = api._SessionLinks(request, conference)
        timed(
            "the dicts",
            lambda: [api.session_data(request, row, conference, links) for row in rows],
            count,
        )
        data = {"results": [api.session_data(request, row, conference, links) for row in rows]}
        timed("the JSON", lambda: api._json(data), count)


if __name__ == "__main__":
    main()
