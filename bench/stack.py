"""The production stack on this machine, under registration load, with one app instance stopped
and restarted meanwhile; results go in docs/performance.md ("The scale-out stack").

Starts, on loopback ports in a scratch folder and as this user: two Redis servers (the page
cache, and the rate-limit counters apart from it), two app instances (gunicorn with
deploy/gunicorn.conf.py), nginx with deploy/nginx/plenary.conf in front of them (through
deploy/nginx_loopback.py), one task worker (`manage.py db_worker`) and one `runmailer_pg`, all
on the embedded PostgreSQL (or DATABASE_URL). Then client threads register people through
nginx for `--duration` seconds (default 120): individual applications
(`/en/<conference>/apply/`) and members added by focal points (`/en/invitation/<token>/members/
add/`), each registration one POST from its own loopback address (127.1.x.y, so the
per-address rate limit sees many applicants, as on the internet). After `--stop-after`
seconds instance 1 is stopped (SIGTERM, as `systemctl stop` does) and `--down-for` seconds
later started again.

At the end it checks in the database that every registration answered "done" (302) is there
once, none is there twice, and nothing is there that was not sent; it counts the answers by
status (a 5xx is a failure, except the POSTs nginx could not hand over in the moment the
instance stopped, counted apart, whose registration must then be absent or there once), and
prints the throughput and latencies; the CPU time each part of the stack used per
registration while both instances were up (from /proc); and the e-mail the load left
queued and how long the worker and the mailer took to send it. The worker and the mailer
run at the `Nice=` of their systemd units (deploy/systemd), as in production. Everything
it started is stopped by its PID.

    .venv/bin/python bench/stack.py [--duration 120] [--threads 16] [--workers 2]
    .venv/bin/python bench/stack.py --profile     # where a registration's and its e-mail's
                                                  # CPU time goes, in this process

nginx and redis-server come from Debian (installed when missing and the script runs as root).
"""

import argparse
import configparser
import contextlib
import cProfile
import http.client
import io
import os
import pstats
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
sys.path.insert(0, str(BASE_DIR / "deploy"))

from load import _succeeds  # noqa: E402  (bench/ is the script's folder)
from nginx_loopback import loopback_config  # noqa: E402
from run import prepare_database  # noqa: E402

SLUG = "bench-stack"
HOST = "127.0.0.1"
DELEGATIONS = 300
# A registration is one POST; a thread stops after this many in any case.
MAX_PER_THREAD = 100_000
CSRF = "b" * 32  # any well-formed secret: the cookie and the form field must agree


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=120, help="seconds of load (max 600)")
    parser.add_argument("--threads", type=int, default=16, help="client threads")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers per instance")
    parser.add_argument("--stop-after", type=float, default=40, help="stop instance 1 then")
    parser.add_argument("--down-for", type=float, default=20, help="and start it this later")
    parser.add_argument("--conn-max-age", default="600", help="CONN_MAX_AGE of the app")
    parser.add_argument("--profile", action="store_true", help="profile 300 registrations")
    options = parser.parse_args()
    duration = max(5, min(options.duration, 600))

    with tempfile.TemporaryDirectory(prefix="plenary-stack-") as scratch_name:
        scratch = Path(scratch_name)
        ports = free_ports(5)
        nginx_port, cache_port, counters_port, *app_ports = ports
        env = {
            **{n: v for n, v in os.environ.items() if n != "DJANGO_SETTINGS_MODULE"},
            "DEBUG": "false",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": HOST,
            "CONN_MAX_AGE": options.conn_max_age,
            "CACHE_URL": f"redis://{HOST}:{cache_port}/0",
            "RATELIMIT_CACHE_URL": f"redis://{HOST}:{counters_port}/0",
            "TRUSTED_PROXY_COUNT": "1",
            # Plain HTTP on loopback: no TLS here, so no redirect to https.
            "SECURE_SSL_REDIRECT": "false",
            "EMAIL_QUEUE": "true",
            "EMAIL_URL": "dummymail://",
            "STATIC_ROOT": str(scratch / "static"),
            "MEDIA_ROOT": str(scratch / "media"),
            "PRIVATE_MEDIA_ROOT": str(scratch / "private_media"),
            "LOG_LEVEL": "WARNING",
            "WEB_CONCURRENCY": str(options.workers),
        }
        os.environ.update(env)
        (scratch / "static").mkdir()
        # Pages name their stylesheets through the manifest, in the process too (--profile).
        subprocess.run(
            [sys.executable, "manage.py", "collectstatic", "--no-input", "-v0"],
            cwd=BASE_DIR,
            env=env,
            check=True,
            timeout=300,
        )
        prepare_database()
        required("redis-server", "redis-server")
        stack = Stack(env=env, scratch=scratch, app_ports=app_ports)
        try:
            # Before the data: saving a conference forgets its pages in the shared cache.
            start_redis(stack, (cache_port, counters_port))
            tokens = bench_conference()
            if options.profile:
                profile_registrations(tokens)
                return
            required("nginx", "nginx-light")
            run_stack(
                stack,
                tokens=tokens,
                nginx_port=nginx_port,
                redis_ports=(cache_port, counters_port),
                options=options,
                duration=duration,
            )
        finally:
            stack.stop_all()
            print(f"Load average at the end {os.getloadavg()[0]:.1f}.", file=sys.stderr)


def start_redis(stack: "Stack", ports: tuple[int, int]) -> None:
    """The page cache (least recently used pages evicted) and the rate-limit counters (never
    evicted), as deploy/redis/ configures them."""
    redis = shutil.which("redis-server") or "/usr/bin/redis-server"
    for name, port, policy in (
        ("redis-cache", ports[0], "allkeys-lru"),
        ("redis-counters", ports[1], "noeviction"),
    ):
        stack.start(
            name,
            [
                *(redis, "--port", str(port), "--bind", HOST, "--save", "", "--appendonly", "no"),
                *("--maxmemory", "256mb", "--maxmemory-policy", policy, "--daemonize", "no"),
            ],
        )
    deadline = time.monotonic() + 30
    for port in ports:
        while True:
            with contextlib.suppress(OSError), socket.create_connection((HOST, port), 1):
                break
            if time.monotonic() > deadline:
                sys.exit(f"Redis did not start on port {port}")
            time.sleep(0.1)


def required(command: str, package: str) -> None:
    if shutil.which(command) or Path(f"/usr/sbin/{command}").exists():
        return
    if os.geteuid() == 0 and shutil.which("apt-get"):
        install = ["apt-get", "install", "-y", "-qq", package]
        if not _succeeds(install) and _succeeds(["apt-get", "update", "-qq"]):
            _succeeds(install)
    if not (shutil.which(command) or Path(f"/usr/sbin/{command}").exists()):
        sys.exit(f"{command} is missing: apt-get install {package}")


def free_ports(count: int) -> list[int]:
    sockets = [socket.socket() for _ in range(count)]
    try:
        for probe in sockets:
            probe.bind((HOST, 0))
        return [probe.getsockname()[1] for probe in sockets]
    finally:
        for probe in sockets:
            probe.close()


# The data ----------------------------------------------------------------------------------


def bench_conference() -> list[str]:
    """A fresh conference open for registration and individual applications, with
    DELEGATIONS invited delegations; returns their invitation links' tokens."""
    import datetime

    from django.utils import timezone

    from conference.models import Conference, Venue
    from delegations.models import Delegation, DelegationKind, FocalPoint, Invitation

    bench_conference_delete()
    venue, _created = Venue.objects.get_or_create(
        name="Benchmark Conference Centre", city="Geneva", defaults={"country": "CH"}
    )
    now = timezone.now()
    conference = Conference.objects.create(
        slug=SLUG,
        title="Benchmark: registrations through the production stack",
        venue=venue,
        time_zone="Europe/Zurich",
        start_date=(now + datetime.timedelta(days=60)).date(),
        end_date=(now + datetime.timedelta(days=62)).date(),
        registration_opens_at=now - datetime.timedelta(days=1),
        registration_closes_at=now + datetime.timedelta(days=30),
        accepts_individual_applications=True,
    )
    delegations = Delegation.objects.bulk_create(
        Delegation(
            conference=conference,
            kind=DelegationKind.UN_SECRETARIAT,
            organisation_name=f"Benchmark Office {number:03d}",
            protocol_sort_key=f"Benchmark Office {number:03d}",
            quota=10_000,
        )
        for number in range(DELEGATIONS)
    )
    FocalPoint.objects.bulk_create(
        FocalPoint(delegation=delegation, name="Focal Point", email=f"focal-{i}@example.org")
        for i, delegation in enumerate(delegations)
    )
    tokens, invitations = [], []
    for delegation in delegations:
        invitation = Invitation(delegation=delegation, sent_at=now, send_count=1)
        tokens.append(invitation.link_renew())
        invitations.append(invitation)
    Invitation.objects.bulk_create(invitations)
    return tokens


def bench_conference_delete() -> None:
    """The previous run's conference, its people and applications, in SQL (tens of
    thousands of rows), and the results of all finished tasks of e-mails to them."""
    from django.db import connection
    from django_tasks_db.models import DBTaskResult

    from conference.models import Conference
    from delegations.models import Participant, ParticipantStateChange
    from registration.models import Application

    conference = Conference.objects.filter(slug=SLUG).first()
    if conference is None:
        return
    participant_ids = list(conference.participants.values_list("pk", flat=True))
    application_ids = list(
        Application.objects.filter(conference=conference).values_list("pk", flat=True)
    )
    participant = Participant._meta.db_table
    with connection.cursor() as cursor:
        for statement in (
            f"DELETE FROM {ParticipantStateChange._meta.db_table} WHERE participant_id IN "
            f"(SELECT id FROM {participant} WHERE conference_id = %s)",
            f"DELETE FROM {participant} WHERE conference_id = %s",
            f"DELETE FROM {Application._meta.db_table} WHERE conference_id = %s",
        ):
            cursor.execute(statement, [conference.pk])
    conference.delete()
    DBTaskResult.objects.filter(
        task_path="delegations.tasks.participant_state_email",
        args_kwargs__kwargs__participant_id__in=participant_ids,
    ).delete()
    DBTaskResult.objects.filter(
        task_path="registration.tasks.application_confirmation_email",
        args_kwargs__kwargs__application_id__in=application_ids,
    ).delete()


def application_form(n: int) -> dict[str, str]:
    return {
        "csrfmiddlewaretoken": CSRF,
        "kind": "expert",
        "honorific": "Dr.",
        "given_name": f"Applicant{n}",
        "family_name": "Mensah",
        "name_order": "given_first",
        "functional_title": "Senior Researcher",
        "email": f"applicant-{n}@bench.example.org",
        "phone": "+233 30 000 0000",
        "nationality": "GH",
        "preferred_language": "en",
        "dietary_needs": "",
        "access_needs": "",
        "consents_to_public_listing": "on",
    }


def member_form(n: int) -> dict[str, str]:
    return {
        "csrfmiddlewaretoken": CSRF,
        "honorific": "Mr.",
        "given_name": f"Member{n}",
        "family_name": "Diallo",
        "name_order": "given_first",
        "functional_title": "Counsellor",
        "role": "representative",
        "category": "un_secretariat",
        "email": f"member-{n}@bench.example.org",
        "phone": "+92 51 123 4567",
        "nationality": "GH",
        "preferred_language": "en",
        "dietary_needs": "",
        "access_needs": "",
    }


def registration(n: int, tokens: list[str]) -> tuple[str, str, dict[str, str]]:
    """(kind, path, form) of the n-th registration: every other one an application."""
    if n % 2 == 0:
        return "application", f"/en/{SLUG}/apply/", application_form(n)
    token = tokens[(n // 2) % len(tokens)]
    return "member", f"/en/invitation/{token}/members/add/", member_form(n)


# The stack ---------------------------------------------------------------------------------


@dataclass
class Stack:
    env: dict[str, str]
    scratch: Path
    app_ports: list[int]
    processes: dict[str, subprocess.Popen] = field(default_factory=dict)

    def start(self, name: str, command: list[str], *, nice: int = 0, **variables: str) -> None:
        log = open(self.scratch / f"{name}.log", "ab")  # noqa: SIM115  (closed with the process)
        self.processes[name] = subprocess.Popen(
            ["nice", "-n", str(nice), *command] if nice else command,
            cwd=BASE_DIR,
            env={**self.env, **variables},
            stdout=log,
            stderr=subprocess.STDOUT,
        )

    def start_app(self, index: int) -> None:
        self.start(
            f"app{index}",
            [sys.executable, "-m", "gunicorn", "-c", "deploy/gunicorn.conf.py", "plenary.wsgi"],
            GUNICORN_BIND=f"{HOST}:{self.app_ports[index - 1]}",
        )

    def stop(self, name: str, timeout: float = 40) -> None:
        process = self.processes.pop(name, None)
        if process is None or process.poll() is not None:
            return
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()

    def stop_all(self) -> None:
        # nginx first (no new requests), the apps, the background processes, Redis last.
        for name in ["nginx", "app1", "app2", "worker", "mailer", "redis-counters", "redis-cache"]:
            self.stop(name)
        for name in list(self.processes):
            self.stop(name)

    def check_running(self) -> None:
        for name, process in self.processes.items():
            if process.poll() is not None:
                log = (self.scratch / f"{name}.log").read_text(errors="replace")[-3000:]
                sys.exit(f"{name} stopped (exit {process.returncode}):\n{log}")


def run_stack(stack, *, tokens, nginx_port, redis_ports, options, duration):
    scratch, app_ports = stack.scratch, stack.app_ports
    (scratch / "media").mkdir(exist_ok=True)
    (scratch / "nginx.conf").write_text(
        loopback_config(
            port=nginx_port,
            upstream_ports=app_ports,
            scratch=scratch,
            static_root=scratch / "static",
        )
    )
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    stack.start_app(1)
    stack.start_app(2)
    # At the priority their systemd units give them (docs/deployment.md): a burst of
    # registrations is answered first, its e-mails go out after it.
    stack.start(
        "worker",
        [sys.executable, "manage.py", "db_worker", "--queue-name=*", "--no-reload"],
        nice=unit_nice("plenary-worker.service"),
    )
    stack.start(
        "mailer",
        [sys.executable, "manage.py", "runmailer_pg"],
        nice=unit_nice("plenary-mailer.service"),
    )
    stack.start("nginx", [nginx, "-c", str(scratch / "nginx.conf"), "-p", f"{scratch}/"])
    wait_ready(stack, nginx_port, app_ports)
    print(
        f"Stack up: nginx :{nginx_port} → gunicorn :{app_ports[0]}, :{app_ports[1]} "
        f"({options.workers} workers each), Redis :{redis_ports[0]} (cache), "
        f":{redis_ports[1]} (counters), 1 task worker (nice "
        f"{unit_nice('plenary-worker.service')}), 1 runmailer_pg (nice "
        f"{unit_nice('plenary-mailer.service')}). Load average {os.getloadavg()[0]:.1f}.",
        file=sys.stderr,
    )
    started_tasks = tasks_done()
    cpu = CpuWindow(stack)
    result = drive_load(stack, nginx_port, tokens, options=options, duration=duration, cpu=cpu)
    stopped, backlog = time.monotonic(), mail_backlog()
    stack.check_running()
    worker_done = tasks_done() - started_tasks
    print(report(result, tokens=tokens, duration=duration, worker_done=worker_done))
    print(cpu.report(result))
    print(mail_drain(stack, backlog=backlog, since=stopped))


def wait_ready(stack: Stack, nginx_port: int, app_ports: list[int]) -> None:
    deadline = time.monotonic() + 90
    pending = {nginx_port, *app_ports}
    while pending and time.monotonic() < deadline:
        stack.check_running()
        for port in list(pending):
            with contextlib.suppress(OSError, http.client.HTTPException):
                connection = http.client.HTTPConnection(HOST, port, timeout=5)
                connection.request("GET", "/readyz")
                if connection.getresponse().status == 200:
                    pending.discard(port)
                connection.close()
        time.sleep(0.3)
    if pending:
        sys.exit(f"Not ready after 90 s: ports {sorted(pending)}; logs in {stack.scratch}")


def tasks_done() -> int:
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.exclude(status__in=["READY", "RUNNING"]).count()


def unit_nice(unit: str) -> int:
    """The `Nice=` of a systemd unit in deploy/systemd (0 when it sets none)."""
    parser = configparser.ConfigParser(strict=False, interpolation=None)
    parser.read(BASE_DIR / "deploy" / "systemd" / unit)
    return int(parser["Service"].get("Nice", "0"))


def mail_backlog() -> tuple[int, int]:
    """(tasks not yet run, messages queued and not yet sent)."""
    from django_tasks_db.models import DBTaskResult
    from mailer.models import Message

    return (
        DBTaskResult.objects.filter(status__in=["READY", "RUNNING"]).count(),
        Message.objects.count(),
    )


def mail_drain(stack: Stack, *, backlog: tuple[int, int], since: float, limit=600) -> str:
    """The e-mail the load left waiting (`backlog`, when it stopped at `since`), and how long
    the worker and the mailer took to send all of it (waiting at most `limit` seconds)."""
    tasks, messages = mail_backlog()
    while (tasks or messages) and time.monotonic() - since < limit:
        stack.check_running()
        time.sleep(1)
        tasks, messages = mail_backlog()
    text = (
        f"Mail backlog when the load stopped: {backlog[0]} e-mail tasks to run, {backlog[1]} "
        "messages to send"
    )
    if tasks or messages:
        return text + f"; after {limit} s still {tasks} tasks, {messages} messages"
    return text + f"; all sent {time.monotonic() - since:.0f} s after the load stopped"


# CPU time --------------------------------------------------------------------------------

CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid: int, *, children: bool = True) -> float:
    """User and system CPU time of process `pid` (with its children it has waited for)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    # After the name: state ppid … utime stime cutime cstime are fields 12-15 (0-based 11-14).
    ticks = int(fields[11]) + int(fields[12])
    if children:
        ticks += int(fields[13]) + int(fields[14])
    return ticks / CLOCK_TICKS


def process_tree(root: int) -> list[int]:
    parents = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            with contextlib.suppress(OSError):
                stat = (entry / "stat").read_text()
                parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
    tree, pending = [], [root]
    while pending:
        pid = pending.pop()
        tree.append(pid)
        pending.extend(child for child, parent in parents.items() if parent == pid)
    return tree


def postmaster_pid() -> int:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        backend = cursor.fetchone()[0]
    return int(Path(f"/proc/{backend}/stat").read_text().rsplit(")", 1)[1].split()[1])


class CpuWindow:
    """CPU time each part of the stack used while both app instances were up: from the
    start of the load until instance 1 is stopped (whose processes then take their counts
    with them), or the end of the load."""

    PARTS = {
        "gunicorn": ("app1", "app2"),
        "task worker": ("worker",),
        "runmailer_pg": ("mailer",),
        "nginx": ("nginx",),
        "redis": ("redis-cache", "redis-counters"),
    }

    def __init__(self, stack: Stack) -> None:
        self.stack = stack
        self.postmaster = postmaster_pid()
        self.started_at = time.monotonic()
        self.start = self.sample()
        self.end: dict[str, float] | None = None
        self.ended_at = 0.0

    def sample(self) -> dict[str, float]:
        roots = {
            part: [self.stack.processes[name].pid for name in names]
            for part, names in self.PARTS.items()
        }
        roots["PostgreSQL"] = [self.postmaster]
        parts = {
            part: sum(
                cpu_seconds(pid)
                for root in pids
                for pid in process_tree(root)
                if Path(f"/proc/{pid}").exists()
            )
            for part, pids in roots.items()
        }
        # The client threads: this process without the processes it started.
        parts["the load's client"] = cpu_seconds(os.getpid(), children=False)
        return parts

    def stop(self) -> None:
        if self.end is None:
            self.end = self.sample()
            self.ended_at = time.monotonic()

    def report(self, outcomes: list["Outcome"]) -> str:
        seconds = self.ended_at - self.started_at
        done = sum(1 for o in outcomes if o.status == 302 and o.at + o.seconds <= self.ended_at)
        used = {part: self.end[part] - self.start[part] for part in self.end}
        total = sum(used.values())
        lines = [
            f"CPU time in the first {seconds:.0f} s ({done} registrations done, "
            f"{done / seconds:.0f}/s), both instances up: {total:.1f} s of "
            f"{2 * seconds:.0f} s of two cores, {1000 * total / max(done, 1):.1f} ms per "
            "registration:"
        ]
        for part, value in sorted(used.items(), key=lambda item: -item[1]):
            lines.append(
                f"  {part}: {value:.1f} s, {1000 * value / max(done, 1):.1f} ms per registration"
            )
        return "\n".join(lines)


# The load ----------------------------------------------------------------------------------


@dataclass
class Outcome:
    kind: str
    email: str
    status: int  # 0: no answer (connection error)
    seconds: float
    at: float


def drive_load(stack, nginx_port, tokens, *, options, duration, cpu) -> list[Outcome]:
    outcomes: list[Outcome] = []
    lock = threading.Lock()
    counter = iter(range(10**9))
    started = time.monotonic()
    deadline = started + duration
    events: list[str] = []

    def client() -> None:
        mine: list[Outcome] = []
        for _ in range(MAX_PER_THREAD):
            if time.monotonic() >= deadline:
                break
            with lock:
                n = next(counter)
            kind, path, form = registration(n, tokens)
            # Each registration from its own address (127.1.0.0 + n), as applicants are.
            source = f"127.{1 + (n >> 16) % 254}.{(n >> 8) & 255}.{n & 255}"
            body = urlencode(form)
            began = time.monotonic()
            try:
                connection = http.client.HTTPConnection(
                    HOST, nginx_port, timeout=60, source_address=(source, 0)
                )
                connection.request(
                    "POST",
                    path,
                    body=body,
                    headers={
                        "Content-Type": "application/x-www-form-urlencoded",
                        "Cookie": f"csrftoken={CSRF}",
                        "Accept-Language": "en",
                    },
                )
                response = connection.getresponse()
                response.read()
                status = response.status
                connection.close()
            except (OSError, http.client.HTTPException):
                status = 0
            mine.append(Outcome(kind, form["email"], status, time.monotonic() - began, began))
        with lock:
            outcomes.extend(mine)

    def restarter() -> None:
        if not wait_until(started + options.stop_after, deadline):
            return
        cpu.stop()
        events.append(f"{time.monotonic() - started:.1f} s: instance 1 stopped (SIGTERM)")
        stack.stop("app1")
        events.append(f"{time.monotonic() - started:.1f} s: instance 1 has exited")
        if not wait_until(time.monotonic() + options.down_for, deadline):
            return
        stack.start_app(1)
        events.append(f"{time.monotonic() - started:.1f} s: instance 1 started again")

    threads = [threading.Thread(target=client) for _ in range(options.threads)]
    restart = threading.Thread(target=restarter)
    for thread in [*threads, restart]:
        thread.start()
    for thread in [*threads, restart]:
        thread.join()
    cpu.stop()
    for event in events:
        print(event, file=sys.stderr)
    return outcomes


def wait_until(moment: float, deadline: float) -> bool:
    while time.monotonic() < min(moment, deadline):
        time.sleep(0.1)
    return time.monotonic() < deadline


def report(outcomes: list[Outcome], *, tokens, duration, worker_done) -> str:
    from conference.models import Conference
    from delegations.models import Participant
    from registration.models import Application

    conference = Conference.objects.get(slug=SLUG)
    stored = Counter(
        list(Application.objects.filter(conference=conference).values_list("email", flat=True))
        + list(Participant.objects.filter(conference=conference).values_list("email", flat=True))
    )
    sent = {outcome.email: outcome for outcome in outcomes}
    done = {email for email, outcome in sent.items() if outcome.status == 302}
    unanswered = {email for email, outcome in sent.items() if outcome.status in (0, 502, 504)}
    lost = [email for email in done if stored[email] == 0]
    duplicated = [email for email, count in stored.items() if count > 1]
    unexpected = [email for email in stored if email not in sent]
    kept_unanswered = sum(1 for email in unanswered if stored[email] == 1)
    statuses = Counter(outcome.status for outcome in outcomes)
    five_xx = sum(count for status, count in statuses.items() if status >= 500 or status == 0)
    lines = [
        f"Registrations sent: {len(outcomes)} in {duration} s "
        f"({len(outcomes) / duration:.0f}/s); answered 302 (done): {len(done)} "
        f"({len(done) / duration:.0f}/s)",
        "Answers: "
        + ", ".join(f"{status or 'no answer'}: {n}" for status, n in sorted(statuses.items())),
        f"Lost (302 but not stored): {len(lost)}; duplicated: {len(duplicated)}; "
        f"stored but never sent: {len(unexpected)}",
        f"5xx or no answer: {five_xx} (of which stored once all the same: {kept_unanswered})",
        f"Task worker: {worker_done} e-mail tasks finished during the load",
    ]
    for kind in ("application", "member"):
        times = sorted(o.seconds * 1000 for o in outcomes if o.kind == kind and o.status == 302)
        if len(times) > 1:
            cuts = statistics.quantiles(times, n=100)
            lines.append(
                f"{kind}: {len(times)} done, p50 {cuts[49]:.0f} ms, p90 {cuts[89]:.0f} ms, "
                f"p99 {cuts[98]:.0f} ms"
            )
    per_ten = Counter(int((o.at - outcomes[0].at) // 10) for o in outcomes if o.status == 302)
    lines.append(
        "Done per 10 s: " + " ".join(str(per_ten[slot]) for slot in range(max(per_ten) + 1))
    )
    return "\n".join(lines)


# Where the time goes -----------------------------------------------------------------------


def profile_registrations(tokens: list[str]) -> None:
    """Registrations through Django's test client (middleware, views, services, queries; no
    HTTP server) in this process: 300 timed, wall-clock and this process's CPU time each
    (the CPU time leaves out waiting for a core or for PostgreSQL, the steadier figure on a
    shared machine), the statements of one of each kind, then 300 under cProfile, which
    counts CPU time too. Each form is URL-encoded, as the load's clients send it (the test
    client's default, multipart, costs the parser a millisecond the stack never spends)."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST=HOST, REMOTE_ADDR=HOST)
    client.cookies["csrftoken"] = CSRF
    numbers = iter(range(10**6, 10**7))

    def register() -> tuple[str, float, float]:
        n = next(numbers)
        kind, path, form = registration(n, tokens)
        # A browser shows the message its redirect leads to: the cookie does not grow.
        client.cookies.pop("messages", None)
        wall, cpu = time.perf_counter(), time.process_time()
        response = client.post(
            path,
            urlencode(form),
            content_type="application/x-www-form-urlencoded",
            REMOTE_ADDR=f"127.3.{n >> 8 & 255}.{n & 255}",
        )
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        if response.status_code != 302:
            errors = re.findall(r"<ul class=\"errorlist[^>]*>.*?</ul>", response.text, re.S)
            sys.exit(f"{kind} answered {response.status_code}: {errors}")
        return kind, wall * 1000, cpu * 1000

    # Warm up: templates, the connection, the URL resolver.
    for _ in range(20):
        register()
    timed = [register() for _ in range(300)]
    print(f"300 registrations in the process (load average {os.getloadavg()[0]:.1f}):")
    for kind in ("application", "member"):
        walls = [wall for k, wall, _cpu in timed if k == kind]
        cpus = [cpu for k, _wall, cpu in timed if k == kind]
        print(
            f"  {kind}: median {statistics.median(walls):.1f} ms, min {min(walls):.1f} ms; "
            f"CPU median {statistics.median(cpus):.1f} ms, min {min(cpus):.1f} ms"
        )
    for _ in range(2):
        with CaptureQueriesContext(connection) as queries:
            kind, _wall, _cpu = register()
        statements = [query["sql"] for query in queries.captured_queries]
        print(f"  {kind}: {len(statements)} statements")
        for statement in statements:
            print(f"    {statement[:110]}")
    print_profile(register)
    profile_tasks()


def print_profile(call: Callable[[], object], times: int = 300) -> None:
    """cProfile of `times` calls, in CPU time: by cumulative time, then by own time."""
    profiler = cProfile.Profile(time.process_time)
    for _ in range(times):
        profiler.enable()
        call()
        profiler.disable()
    text = io.StringIO()
    stats = pstats.Stats(profiler, stream=text)
    stats.sort_stats("cumulative").print_stats(45)
    stats.sort_stats("tottime").print_stats(20)
    print(text.getvalue())


def profile_tasks() -> None:
    """The e-mail tasks the registrations above queued, run by django-tasks-db's worker in
    this process as `db_worker` runs them (take one, run it, record its end): 300 timed in
    CPU time, the statements of one, then 300 under cProfile."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.tasks import task_worker

    worker = task_worker(max_tasks=1, worker_id="profile")

    def one_task() -> float:
        worker._run_tasks = 0
        cpu = time.process_time()
        worker.run()
        return (time.process_time() - cpu) * 1000

    for _ in range(20):
        one_task()
    cpus = [one_task() for _ in range(300)]
    print(
        f"300 e-mail tasks in the process (load average {os.getloadavg()[0]:.1f}): "
        f"CPU median {statistics.median(cpus):.1f} ms, min {min(cpus):.1f} ms"
    )
    with CaptureQueriesContext(connection) as queries:
        one_task()
    print(f"  one task: {len(queries.captured_queries)} statements")
    for query in queries.captured_queries:
        print(f"    {query['sql'][:110]}")
    print_profile(one_task)


if __name__ == "__main__":
    main()
