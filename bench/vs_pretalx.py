"""Side by side with pretalx: the same programme served by pretalx 2025.2.2 and by Plenary.

Installs pretalx into a virtualenv of its own outside the repository (from PyPI, with
Python 3.11: the only step that needs the network), gives it a database of its own
(`pretalx_bench`) on the PostgreSQL server our benchmarks use (the embedded one unless
DATABASE_URL is set), and loads into it the `scale-test` conference exported from our
database (generated as bench/run.py does): the rooms, tracks, the sessions with their texts
and speakers, the speakers with their bios, and the schedule, released. Then it serves both
apps with gunicorn on 127.0.0.1, with the same number of sync workers each, and loads each
pair of equivalent pages with wrk in turns (pretalx's page, ours, the next pair…): uncached,
then cached. Prints a Markdown table; docs/performance.md, "Side by side with pretalx", says
what was chosen and why.

The same file runs under pretalx's interpreter for the steps that need pretalx's Django
(`--inside-pretalx load FILE`, `--inside-pretalx server-time URLS`); they are not meant to be
called by hand.
"""

import argparse
import contextlib
import hashlib
import json
import math
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent

from load import measure, wrk_path  # noqa: E402  (bench/ is the script's folder)

PRETALX_VERSION = "2025.2.2"
# The Python our app runs on here, so that neither gets a faster interpreter (pretalx 2025.2
# needs 3.10 or later).
PRETALX_PYTHON = "python3.11"
PRETALX_DATABASE = "pretalx_bench"
# pretalx's submission codes are random; ours are made from our session's id, so that the
# benchmark finds the same session on both sides.
CODE_PREFIX = "PL"
SLUG = "scale-test"
HOST = "127.0.0.1"
TIMES = "\N{MULTIPLICATION SIGN}"
MAX_DURATION = 60
# wrk gives up on a request after this long (counted as an error), and pretalx's gunicorn
# workers get twice as long before gunicorn kills them: with its default 30 s, 4 concurrent
# requests for pretalx's frab JSON on this 2-core machine had every worker killed.
REQUEST_TIMEOUT = 60
CACHE = Path.home() / ".cache" / "plenary-bench"


def main() -> None:
    if len(sys.argv) == 4 and sys.argv[1] == "--inside-pretalx":
        inside_pretalx(sys.argv[2], sys.argv[3])
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--venv", type=Path, default=CACHE / "pretalx-venv", help="pretalx's virtualenv"
    )
    parser.add_argument(
        "--data",
        type=Path,
        default=CACHE / "pretalx-data",
        help="pretalx's data folder (static files, logs, the exported programme)",
    )
    parser.add_argument("--duration", type=int, default=10, help="seconds per URL (max 60)")
    parser.add_argument("--connections", type=int, default=4, help="concurrent connections")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers, each app")
    parser.add_argument("--only", default="", help="load only the pages whose label has this")
    parser.add_argument(
        "--modes", default="uncached,cached", help="uncached, cached or both (comma-separated)"
    )
    parser.add_argument(
        "--server-time",
        type=int,
        default=0,
        metavar="N",
        help="also time N uncached renders per page in each app's process (Django's test "
        "client, as bench/server_time.py does), one app after the other",
    )
    parser.add_argument(
        "--reload", action="store_true", help="load the programme into pretalx again"
    )
    options = parser.parse_args()
    duration = max(1, min(options.duration, MAX_DURATION))
    venv, data = options.venv.resolve(), options.data.resolve()

    pretalx_install(venv)
    from run import prepare_database, scale_programme  # our Django starts here

    prepare_database()
    _, session_id = scale_programme()
    data.mkdir(parents=True, exist_ok=True)
    programme = data / "programme.json"
    programme.write_text(json.dumps(programme_export(), indent=1))
    env = pretalx_env(data)
    pretalx_prepare(venv, env, data=data, programme=programme, reload=options.reload)

    pages = page_pairs(session_id)
    if options.only:
        pages = [page for page in pages if options.only in page[0]]
    wrk = wrk_path()
    if wrk is None:
        sys.exit("wrk is needed (apt-get install wrk).")
    print(f"Load average before: {load_average()}")
    for mode in options.modes.split(","):
        if mode in ("uncached", "cached"):
            rows = side_by_side(
                mode,
                pages,
                venv=venv,
                env=env,
                data=data,
                workers=options.workers,
                duration=duration,
                connections=options.connections,
                wrk=wrk,
            )
            print(f"\n{mode.capitalize()} (load average after: {load_average()})\n")
            print(load_table(rows))
    if options.server_time:
        print("\nServer time of one uncached render (ms: minimum / median; CPU minimum)\n")
        print(server_time_table(pages, venv=venv, env=env, count=options.server_time))


# The pages compared: (label, pretalx's path, ours). Our pages are under their language's
# prefix; both apps get "Accept-Language: en".
def page_pairs(session_id: int) -> list[tuple[str, str, str]]:
    return [
        (
            "Whole programme, HTML without JavaScript",
            f"/{SLUG}/schedule/nojs",
            f"/en/{SLUG}/agenda/?day=all",
        ),
        (
            "Session page",
            f"/{SLUG}/talk/{CODE_PREFIX}{session_id}/",
            f"/en/{SLUG}/sessions/{session_id}/",
        ),
        ("Speakers list", f"/{SLUG}/speaker/", f"/en/{SLUG}/speakers/"),
        ("frab XML", f"/{SLUG}/schedule.xml", f"/{SLUG}/schedule.xml"),
        ("frab JSON", f"/{SLUG}/schedule.json", f"/{SLUG}/schedule.json"),
        ("iCal, whole conference", f"/{SLUG}/schedule.ics", f"/{SLUG}/calendar.ics"),
        (
            "All sessions as JSON (pretalx: widget JSON; ours: the API, ?limit=1000)",
            f"/{SLUG}/schedule/widgets/schedule.json",
            f"/api/v1/conferences/{SLUG}/sessions/?limit=1000",
        ),
    ]


# --- pretalx: install, configure, load ---------------------------------------------------


def pretalx_install(venv: Path) -> None:
    python = venv / "bin" / "python"
    version = (
        subprocess.run(
            [str(python), "-c", "import importlib.metadata as m; print(m.version('pretalx'))"],
            capture_output=True,
            text=True,
            check=False,
        )
        if python.exists()
        else None
    )
    if version is not None and version.stdout.strip() == PRETALX_VERSION:
        return
    interpreter = shutil.which(PRETALX_PYTHON)
    if interpreter is None:
        sys.exit(f"pretalx {PRETALX_VERSION} needs {PRETALX_PYTHON}, not found.")
    print(f"Installing pretalx {PRETALX_VERSION} into {venv} (PyPI)…", file=sys.stderr)
    subprocess.run([interpreter, "-m", "venv", str(venv)], check=True)
    subprocess.run(
        [
            str(python),
            *("-m", "pip", "install", "--quiet"),
            f"pretalx[postgres,redis]=={PRETALX_VERSION}",
            "gunicorn",
        ],
        check=True,
        timeout=1800,
    )


def pretalx_env(data: Path) -> dict[str, str]:
    """pretalx's configuration, all of it from the environment (no pretalx.cfg): our
    database server, a database of its own, DEBUG off, no redis (its default: a dummy cache)."""
    from django.db import connection

    connection.ensure_connection()
    # Where our connection went: the embedded server's socket folder or DATABASE_URL's host.
    database = connection.connection.info
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "pretalx.settings",
        "PRETALX_DATA_DIR": str(data),
        "PRETALX_FILESYSTEM_STATIC": str(data / "static"),
        "PRETALX_DEBUG": "False",
        "PRETALX_DB_TYPE": "postgresql",
        "PRETALX_DB_NAME": PRETALX_DATABASE,
        "PRETALX_DB_USER": database.user,
        "PRETALX_DB_PASS": database.password,
        "PRETALX_DB_HOST": database.host,
        "PRETALX_DB_PORT": str(database.port),
        "PRETALX_SITE_URL": f"http://{HOST}",
        "PRETALX_LANGUAGE_CODE": "en",
    }


def pretalx_prepare(venv: Path, env: dict, *, data: Path, programme: Path, reload: bool) -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [PRETALX_DATABASE])
        if cursor.fetchone() is None:
            cursor.execute(f'CREATE DATABASE "{PRETALX_DATABASE}"')
    pretalx = [str(venv / "bin" / "python"), "-m", "pretalx"]
    subprocess.run([*pretalx, "migrate", "--no-input", "-v0"], env=env, cwd=data, check=True)
    # DEBUG off means hashed static file names, from collectstatic's manifest. pretalx's
    # `rebuild` would also build the schedule editor with npm (organisers' pages only).
    if not (data / "static" / "staticfiles.json").exists():
        subprocess.run(
            [*pretalx, "collectstatic", "--no-input", "-v0"], env=env, cwd=data, check=True
        )
    fingerprint = hashlib.sha256(programme.read_bytes()).hexdigest()
    loaded = data / "loaded.sha256"
    if reload or not loaded.exists() or loaded.read_text() != fingerprint:
        print("Loading the programme into pretalx (about ten seconds)…", file=sys.stderr)
        subprocess.run(
            [str(venv / "bin" / "python"), __file__, "--inside-pretalx", "load", str(programme)],
            env=env,
            cwd=data,
            check=True,
        )
        loaded.write_text(fingerprint)


def programme_export() -> dict:
    """The scale-test conference's public programme, in English, as plain data."""
    from conference.models import Conference, Room
    from sessions.models import SessionKind, SessionRole, Speaker

    conference = Conference.objects.get(slug=SLUG)
    sessions = conference.sessions.filter(is_published=True).order_by("starts_at", "room__order")
    # A closed session shows nobody on our pages; pretalx has no such thing, so it gets none.
    roles = SessionRole.objects.filter(session__in=sessions.open()).order_by(
        "session", "order", "pk"
    )
    speakers_of: dict[int, list[int]] = {}
    for session_id, speaker_id in roles.values_list("session_id", "speaker_id"):
        speakers_of.setdefault(session_id, []).append(speaker_id)
    return {
        "title": conference.title,
        "time_zone": conference.time_zone,
        "start_date": conference.start_date.isoformat(),
        "end_date": conference.end_date.isoformat(),
        "rooms": [
            {"id": room.pk, "name": room.name, "capacity": room.capacity, "order": room.order}
            for room in Room.objects.filter(venue=conference.venue)
        ],
        "tracks": list(conference.tracks.values("id", "name", "colour", "order", "description")),
        "speakers": [
            {"id": speaker.pk, "name": speaker.name_with_honorific, "bio": speaker.bio}
            for speaker in Speaker.objects.filter(conference=conference).order_by("pk")
        ],
        "sessions": [
            {
                "id": session.pk,
                "title": session.title,
                "kind": str(SessionKind(session.kind).label),
                "description": session.description,
                "room": session.room_id,
                "track": session.track_id,
                "starts_at": session.starts_at.isoformat(),
                "ends_at": session.ends_at.isoformat(),
                "speakers": speakers_of.get(session.pk, []),
            }
            for session in sessions
        ],
    }


# --- measuring ---------------------------------------------------------------------------


HEADERS = {
    "X-Forwarded-Proto": "https",  # our app redirects plain HTTP to HTTPS, as behind its proxy
    "Accept-Language": "en",
    # A browser's: without text/html, pretalx answers its schedule pages with a text drawing
    # of the schedule (for curl). Our app does not negotiate.
    "Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
}


def side_by_side(mode: str, pages, *, venv, env, data, workers, duration, connections, wrk):
    """Both apps up at once; for each pair of pages, pretalx's page is loaded, then ours."""
    from run import collect_static, gunicorn, server_env

    rows = []
    with (
        tempfile.TemporaryDirectory(prefix="plenary-bench-") as static_root,
        redis_server(enabled=mode == "cached") as redis,
    ):
        collect_static(static_root=static_root)
        ours_env = server_env(
            cache_url="locmemcache://bench" if mode == "cached" else "dummycache://",
            static=static_root,
        )
        theirs_env = {**env, **({"PRETALX_REDIS": redis} if redis else {})}
        with (
            gunicorn(env=ours_env, workers=workers) as ours,
            pretalx_gunicorn(venv=venv, env=theirs_env, data=data, workers=workers) as theirs,
        ):
            for label, theirs_path, ours_path in pages:
                urls = (theirs + theirs_path, ours + ours_path)
                warm = [warm_up(url) for url in urls]
                seconds = pair_duration(
                    duration, slowest=max(w[3] for w in warm), connections=connections
                )
                row = [label]
                for url, (status, size, compressed, _) in zip(urls, warm, strict=True):
                    if status != 200:
                        row.append((None, f"HTTP {status}", size, compressed))
                        continue
                    result = measure(
                        url,
                        headers=HEADERS,
                        duration=seconds,
                        connections=connections,
                        wrk=wrk,
                        timeout=REQUEST_TIMEOUT,
                    )
                    row.append((result, "", size, compressed))
                rows.append((seconds, row))
    return rows


@contextlib.contextmanager
def redis_server(*, enabled: bool) -> Iterator[str]:
    """A private redis on a Unix socket for pretalx's cache (its documented production
    set-up); yields its URL, or "" when not wanted."""
    if not enabled:
        yield ""
        return
    binary = shutil.which("redis-server")
    if binary is None:
        sys.exit("The cached comparison needs redis-server (apt-get install redis-server).")
    with tempfile.TemporaryDirectory(prefix="pretalx-redis-") as folder:
        socket_path = Path(folder) / "redis.sock"
        server = subprocess.Popen(
            [
                binary,
                *("--port", "0", "--unixsocket", str(socket_path)),
                *("--save", "", "--appendonly", "no", "--dir", folder),
            ],
            stdout=subprocess.DEVNULL,
        )
        try:
            deadline = time.monotonic() + 10
            while not socket_path.exists() and time.monotonic() < deadline:
                time.sleep(0.1)
            yield f"unix://{socket_path}"
        finally:
            server.terminate()
            server.wait(timeout=10)


@contextlib.contextmanager
def pretalx_gunicorn(*, venv: Path, env: dict, data: Path, workers: int) -> Iterator[str]:
    from run import free_port

    port = free_port()
    server = subprocess.Popen(
        [
            str(venv / "bin" / "gunicorn"),
            "pretalx.wsgi",
            f"--bind={HOST}:{port}",
            f"--workers={workers}",
            f"--timeout={2 * REQUEST_TIMEOUT}",
            "--log-level=warning",
        ],
        cwd=data,
        # pretalx makes its absolute links from the site URL.
        env={**env, "PRETALX_SITE_URL": f"http://{HOST}:{port}"},
    )
    base = f"http://{HOST}:{port}"
    try:
        deadline = time.monotonic() + 60
        while fetch(base + "/")[0] == 0:
            if server.poll() is not None or time.monotonic() > deadline:
                sys.exit("pretalx's gunicorn did not answer; see its messages above.")
            time.sleep(0.3)
        yield base
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def fetch(url: str, *, compressed: bool = False) -> tuple[int, int]:
    """Status and body size on the wire (0, 0 when the server does not answer)."""
    headers = {**HEADERS, **({"Accept-Encoding": "br, gzip"} if compressed else {})}
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, len(response.read())
    except urllib.error.HTTPError as error:
        return error.code, 0
    except OSError:
        return 0, 0


def warm_up(url: str) -> tuple[int, int, int, float]:
    """A few requests first, so that each worker has its connection (and, cached, the page)
    ready; returns the status, the size, the size compressed (when the app compresses) and
    the seconds the slowest of the last three requests took."""
    status, size = fetch(url)
    seconds = []
    for _ in range(3):
        started = time.monotonic()
        fetch(url)
        seconds.append(time.monotonic() - started)
    return status, size, fetch(url, compressed=True)[1], max(seconds)


def pair_duration(duration: int, *, slowest: float, connections: int) -> int:
    """Long enough for each connection to finish about three of the slower app's requests
    (at most MAX_DURATION): both pages of the pair get this time. Under `connections`
    concurrent requests each takes up to `connections` times as long as one alone when the
    other engineers' processes leave the server about one core (10 s, with pretalx's frab
    JSON taking 6 s alone, measured no request at all)."""
    return min(MAX_DURATION, max(duration, math.ceil(3 * slowest * connections)))


def load_average() -> str:
    return " ".join(f"{value:.1f}" for value in os.getloadavg())


def kb(size: int) -> str:
    return f"{size / 1000:.0f} kB"


def load_table(rows) -> str:
    lines = [
        "| page | pretalx req/s | Plenary req/s | Plenary ÷ pretalx | pretalx p50 ms | "
        "Plenary p50 ms | s each | size pretalx / Plenary | compressed pretalx / Plenary |",
        "|---|---:|---:|---:|---:|---:|---:|---|---|",
    ]
    for seconds, (label, theirs, ours) in rows:
        rates = [
            f"{result.requests_per_second:.1f}" if result else note
            for result, note, _, _ in (theirs, ours)
        ]
        p50 = [f"{result.p50_ms:.0f}" if result else "" for result, _, _, _ in (theirs, ours)]
        ratio = (
            f"{ours[0].requests_per_second / theirs[0].requests_per_second:.1f}{TIMES}"
            if theirs[0] and ours[0] and theirs[0].requests_per_second
            else ""
        )
        errors = sum(result.errors for result, _, _, _ in (theirs, ours) if result)
        lines.append(
            f"| {label}{f' ({errors} errors)' if errors else ''} | {rates[0]} | {rates[1]} "
            f"| {ratio} | {p50[0]} | {p50[1]} | {seconds} | {kb(theirs[2])} / {kb(ours[2])} "
            f"| {kb(theirs[3])} / {kb(ours[3])} |"
        )
    return "\n".join(lines)


# --- server time -------------------------------------------------------------------------


def server_time_table(pages, *, venv: Path, env: dict, count: int) -> str:
    """Each app times its pages in a process of its own, pretalx's first."""
    theirs = json_output(
        [
            str(venv / "bin" / "python"),
            __file__,
            "--inside-pretalx",
            "server-time",
            json.dumps({"count": count, "paths": [path for _, path, _ in pages]}),
        ],
        env={**env, "PRETALX_SITE_URL": "http://testserver"},
    )
    ours = json_output(
        [
            sys.executable,
            str(BENCH_DIR / "server_time.py"),
            *("--requests", str(count)),
            *("--paths", json.dumps([path for _, _, path in pages])),
        ],
        env=None,
    )
    lines = [
        "| page | pretalx min / p50 ms | Plenary min / p50 ms | pretalx ÷ Plenary (min) "
        "| CPU min ms pretalx / Plenary |",
        "|---|---:|---:|---:|---:|",
    ]
    for label, theirs_path, ours_path in pages:
        a, b = theirs.get(theirs_path), ours.get(ours_path)
        if not a or not b:
            lines.append(f"| {label} | {a or 'not 200'} | {b or 'not 200'} | | |")
            continue
        lines.append(
            f"| {label} | {a['min']:.0f} / {a['p50']:.0f} | {b['min']:.1f} / {b['p50']:.1f} "
            f"| {a['min'] / b['min']:.1f}{TIMES} | {a['cpu']:.0f} / {b['cpu']:.1f} |"
        )
    return "\n".join(lines)


def json_output(command: list[str], *, env: dict | None) -> dict:
    """The JSON on the last line the command prints (pretalx starts with a line of its own
    when run as root)."""
    output = subprocess.run(command, env=env, check=True, stdout=subprocess.PIPE, text=True)
    return json.loads(output.stdout.strip().splitlines()[-1])


# --- under pretalx's interpreter -----------------------------------------------------------


def inside_pretalx(step: str, argument: str) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pretalx.settings")
    import django

    django.setup()
    if step == "load":
        pretalx_load(json.loads(Path(argument).read_text()))
    elif step == "server-time":
        request = json.loads(argument)
        print(json.dumps(pretalx_server_times(request["paths"], count=request["count"])))


def pretalx_load(programme: dict) -> None:
    """Replaces the scale-test event in pretalx with the exported programme, as an organiser
    would have it after the call for papers: every session a confirmed submission with its
    speakers, each in its room and time, and the schedule released."""
    import datetime as dt

    from django.db import transaction
    from django_scopes import scope, scopes_disabled
    from pretalx.event.models import Event, Organiser
    from pretalx.event.utils import create_organiser_with_team
    from pretalx.person.models import SpeakerProfile, User
    from pretalx.schedule.models import Room, TalkSlot
    from pretalx.submission.models import Submission, SubmissionType, Track

    with scopes_disabled():
        for event in Event.objects.filter(slug=SLUG):
            event.shred()
        User.objects.filter(email__endswith="@speakers.scale.example.org").delete()
        organiser = Organiser.objects.filter(slug=f"{SLUG}-org").first()
        if organiser is None:
            organiser, _ = create_organiser_with_team(
                name="Scale test", slug=f"{SLUG}-org", users=[]
            )
        event = Event.objects.create(
            name=programme["title"],
            slug=SLUG,
            organiser=organiser,
            is_public=True,
            date_from=dt.date.fromisoformat(programme["start_date"]),
            date_to=dt.date.fromisoformat(programme["end_date"]),
            timezone=programme["time_zone"],
            email="programme@scale.example.org",
            locale_array="en",
            locale="en",
        )
    with scope(event=event), transaction.atomic():
        rooms = {
            room["id"]: Room.objects.create(
                event=event, name=room["name"], capacity=room["capacity"], position=room["order"]
            )
            for room in programme["rooms"]
        }
        tracks = {
            track["id"]: Track.objects.create(
                event=event,
                name=track["name"],
                color=track["colour"],
                position=track["order"],
                description=track["description"],
            )
            for track in programme["tracks"]
        }
        kinds = {
            kind: SubmissionType.objects.create(event=event, name=kind, default_duration=60)
            for kind in sorted({session["kind"] for session in programme["sessions"]})
        }
        speakers = {}
        for speaker in programme["speakers"]:
            user = User.objects.create_user(
                name=speaker["name"],
                email=f"speaker{speaker['id']}@speakers.scale.example.org",
                locale="en",
                timezone=programme["time_zone"],
            )
            SpeakerProfile.objects.create(user=user, event=event, biography=speaker["bio"])
            speakers[speaker["id"]] = user
        for session in programme["sessions"]:
            starts = dt.datetime.fromisoformat(session["starts_at"])
            ends = dt.datetime.fromisoformat(session["ends_at"])
            submission = Submission.objects.create(
                event=event,
                code=f"{CODE_PREFIX}{session['id']}",
                title=session["title"],
                submission_type=kinds[session["kind"]],
                track=tracks.get(session["track"]),
                abstract=session["description"],
                state="confirmed",
                content_locale="en",
                duration=int((ends - starts).total_seconds() // 60),
            )
            for speaker_id in session["speakers"]:
                submission.speakers.add(speakers[speaker_id])
            TalkSlot.objects.create(
                submission=submission,
                schedule=event.wip_schedule,
                room=rooms[session["room"]],
                start=starts,
                end=ends,
            )
        event.wip_schedule.freeze("1.0", notify_speakers=False)
    print(
        f"pretalx: {len(programme['sessions'])} sessions, {len(speakers)} speakers, "
        f"{len(rooms)} rooms, {len(tracks)} tracks loaded into /{SLUG}/.",
        file=sys.stderr,
    )


def pretalx_server_times(paths: list[str], *, count: int) -> dict:
    import gc

    from django.test import Client
    from server_time import summary, timings

    client = Client(headers=HEADERS)
    gc.freeze()  # as gunicorn's master would, and as our server_time.py does
    results = {}
    for path in paths:
        measured = timings(client, path, count=count)
        if measured is None:
            continue
        times, cpu = measured
        results[path] = summary(times, cpu)
    return results


if __name__ == "__main__":
    main()
