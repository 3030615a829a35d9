"""COP scale: the server time and query count of every admin list and public page over the
`scale-test` conference at the size of a Conference of the Parties (`generate_scale_data
--cop`: 100,000 participants in 250 delegations, 2,000 sessions in 30 rooms over 14 days).

Runs the app in this process with DEBUG off and no cache (every request renders: the worst
case; a stored public page costs a few queries), logged in as a superuser, and times each
request through Django's test client (middleware, view, queries, templates; no HTTP server).
Every changelist of the admin (each registered model): in all conferences, with the
conference filter where there is one, and in the conference's workspace (as organisers work)
where the list follows it; then the public pages. Prints a Markdown table; aim: every row
under 300 ms. Results go in docs/performance.md ("COP scale").

    .venv/bin/python bench/cop.py [--requests 5] [--generate] [--only participant]
"""

import argparse
import os
import statistics
import sys
import tempfile
import time

from run import HEADERS, SLUG, in_process_environment, prepare_database

AIM_MS = 300


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=5, help="timed requests per URL")
    parser.add_argument("--generate", action="store_true", help="generate the COP data first")
    parser.add_argument("--only", default="", help="only URLs whose label contains this")
    parser.add_argument("--profile", action="store_true", help="profile the --only URLs")
    parser.add_argument("--sql", action="store_true", help="time each query of the --only URLs")
    options = parser.parse_args()
    count = max(1, min(options.requests, 100))

    with tempfile.TemporaryDirectory(prefix="plenary-bench-") as static_root:
        in_process_environment(
            CACHE_URL="dummycache://",
            STATIC_ROOT=static_root,
            STAFF_MFA_REQUIRED="false",
        )
        prepare_database()
        from django.conf import settings

        from plenary.development_key import development_encryption_key, development_secret_key

        # The key the security data was encrypted with by `generate_scale_data` in development
        # (read when used, so it may be set now).
        settings.CLEARANCE_ENCRYPTION_KEYS = [
            development_encryption_key(
                development_secret_key(settings.BASE_DIR / settings.DEVELOPMENT_KEY_FILE)
            )
        ]
        from django.core.management import call_command

        call_command("collectstatic", interactive=False, verbosity=0)
        from conference.models import Conference

        if options.generate or not Conference.objects.filter(slug=SLUG).exists():
            print("Generating the COP-sized conference (a minute or two)…", file=sys.stderr)
            call_command("generate_scale_data", "--cop")
        conference = Conference.objects.get(slug=SLUG)
        vacuum()
        participants = conference.participants.count()
        print(
            f"{SLUG}: {participants:,} participants, {conference.delegations.count()} "
            f"delegations, {conference.sessions.count():,} sessions; "
            f"load average {os.getloadavg()[0]:.1f}",
            file=sys.stderr,
        )
        clients = {False: staff_client(), True: staff_client(workspace=conference)}
        urls = admin_urls(conference) + public_urls(conference)
        if options.only:
            urls = [url for url in urls if options.only in url[0]]
        if options.profile:
            profile(clients, urls)
            return
        if options.sql:
            sql_times(clients, urls)
            return
        # CPU: this process's CPU time per request (Python; not PostgreSQL's, not waiting for
        # a core), the steadier figure on a shared machine.
        print(f"| page | queries | min ms | p50 ms | max ms | CPU min ms | under {AIM_MS} ms |")
        print("|---|---:|---:|---:|---:|---:|---|")
        for label, path, in_workspace in urls:
            queries, times, cpu = timings(clients[in_workspace], path, count=count)
            p50 = statistics.median(times)
            print(
                f"| {label} | {queries} | {min(times):.0f} | {p50:.0f} | {max(times):.0f} "
                f"| {min(cpu):.0f} | {'yes' if p50 < AIM_MS else '**no**'} |"
            )
        print(f"Load average at the end {os.getloadavg()[0]:.1f}.", file=sys.stderr)


def vacuum() -> None:
    """What autovacuum does to a production database soon after a bulk load: statistics for
    the planner, and the visibility map that lets PostgreSQL answer from an index alone."""
    from django.db import connection

    with connection.cursor() as cursor:
        for table in (
            "delegations_participant",
            "delegations_participantstatechange",
            "delegations_delegation",
            "programme_session",
            "programme_sessionrole",
            "programme_speaker",
            "accreditation_entry",
            "clearance_securityrecord",
            "clearance_securitydataaccess",
            "registration_application",
            "mailer_messagelog",
        ):
            cursor.execute(f"VACUUM (ANALYZE) {table}")


def staff_client(*, workspace=None):
    """A superuser's client, working in `workspace` (a conference) or in all conferences."""
    from django.contrib.auth import get_user_model
    from django.test import Client

    from conference.workspace import SESSION_KEY

    user, _created = get_user_model().objects.get_or_create(
        username="bench-cop", defaults={"is_staff": True, "is_superuser": True}
    )
    client = Client(headers=HEADERS)
    client.force_login(user)
    if workspace is not None:
        session = client.session
        session[SESSION_KEY] = workspace.pk
        session.save()
    return client


def admin_urls(conference) -> list[tuple[str, str, bool]]:
    """(label, path, in the conference's workspace) of every model's changelist: in all
    conferences, filtered to the conference where the list offers that filter, and in the
    conference's workspace (as organisers work) where the list follows it."""
    from django.contrib import admin
    from django.urls import reverse

    from conference.jobs import scope_of

    urls = []
    for model, model_admin in sorted(
        admin.site._registry.items(), key=lambda item: item[0]._meta.label
    ):
        opts = model._meta
        path = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
        urls.append((f"admin: {opts.verbose_name_plural}", path, False))
        fields = {getattr(f, "name", None) for f in opts.get_fields()}
        filters = [f if isinstance(f, str) else "" for f in model_admin.list_filter]
        if "conference" in fields and "conference" in filters:
            urls.append(
                (
                    f"admin: {opts.verbose_name_plural}, one conference",
                    f"{path}?conference__id__exact={conference.pk}",
                    False,
                )
            )
        if scope_of(model) is not None:
            urls.append((f"admin: {opts.verbose_name_plural}, workspace", path, True))
    return urls


def public_urls(conference) -> list[tuple[str, str, bool]]:
    session = conference.sessions.order_by("starts_at", "pk").first()
    speaker = conference.speakers.order_by("pk").first()
    base = f"/en/{SLUG}"
    pages = [
        ("public: conference home", f"{base}/"),
        ("public: agenda, first day", f"{base}/agenda/?day={conference.start_date}"),
        ("public: session", f"{base}/sessions/{session.pk}/"),
        ("public: speakers", f"{base}/speakers/"),
        ("public: speaker", f"{base}/speakers/{speaker.pk}/"),
        ("public: search", f"{base}/search/?q=medical"),
        ("public: delegations", f"{base}/delegations/"),
        ("API: sessions", f"/api/v1/conferences/{SLUG}/sessions/"),
    ]
    return [(label, path, False) for label, path in pages]


def timings(client, path: str, *, count: int) -> tuple[int, list[float]]:
    """Queries of one request, and milliseconds per request after one untimed request."""
    from django.db import connection

    # Counted as they run: Django empties connection.queries when a request starts.
    queries = []

    def counted(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(counted):
        response = client.get(path)
    if response.status_code != 200:
        sys.exit(f"{path} answered {response.status_code}.")
    times, cpu = [], []
    for _ in range(count):
        started, cpu_started = time.perf_counter(), time.process_time()
        client.get(path)
        times.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - cpu_started) * 1000)
    return len(queries), times, cpu


def sql_times(clients, urls) -> None:
    """Each query of each URL with its time, slowest first."""
    from django.db import connection

    for label, path, in_workspace in urls:
        client = clients[in_workspace]
        client.get(path)
        queries = []

        def timed(execute, sql, params, many, context, queries=queries):
            started = time.perf_counter()
            try:
                return execute(sql, params, many, context)
            finally:
                queries.append(((time.perf_counter() - started) * 1000, sql))

        with connection.execute_wrapper(timed):
            client.get(path)
        print(f"## {label}: {len(queries)} queries, {sum(t for t, _ in queries):.0f} ms")
        for spent, sql in sorted(queries, reverse=True)[:8]:
            print(f"{spent:8.1f} ms  {sql[:600]}")


def profile(clients, urls) -> None:
    import cProfile
    import pstats

    for label, path, in_workspace in urls:
        client = clients[in_workspace]
        client.get(path)
        profiler = cProfile.Profile()
        profiler.enable()
        client.get(path)
        profiler.disable()
        print(f"## {label}")
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(30)


if __name__ == "__main__":
    main()
