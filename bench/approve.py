"""Approving 300 participants at once: the request's server time, then one worker's time to
send their 300 approval e-mails, each with its badge.

Creates a `bench-approve` conference (30 delegations of 10 pending participants, each with a
photo), approves all of them in one admin action through Django's test client with DEBUG off
and times that request (middleware, view, queries: the server's work, no HTTP server or
network). Then it starts one task worker as production runs it (`manage.py db_worker
--queue-name=* --no-reload`) and times until the 300 e-mail tasks have finished: each renders
the badge and sends the e-mail, into django-mailer's queue as in production (EMAIL_QUEUE on;
its mail server is Django's dummy backend, and the script empties the queue at the end with
`send_mail`). Aims: under 1 s for the request, under 60 s for the e-mails. Results go in
docs/performance.md. The conference and its task results are deleted at the end.
"""

import argparse
import io
import os
import resource
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from run import HEADERS, in_process_environment, prepare_database

SLUG = "bench-approve"
DELEGATIONS = 30
TASK = "delegations.tasks.participant_state_email"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--participants", type=int, default=300, help="approved at once")
    parser.add_argument("--timeout", type=int, default=300, help="give up after (seconds)")
    options = parser.parse_args()
    count = max(DELEGATIONS, min(options.participants, 3000))

    with tempfile.TemporaryDirectory(prefix="plenary-bench-") as private_media:
        # Before Django starts: the settings read these once; the worker inherits them.
        in_process_environment(
            EMAIL_QUEUE="true",
            EMAIL_URL="dummymail://",
            PRIVATE_MEDIA_ROOT=private_media,
            # The organiser is logged in by the test client, with no second factor to give:
            # the measure is the approval, not the log-in.
            STAFF_MFA_REQUIRED="false",
        )
        prepare_database()
        conference = bench_conference(participants=count)
        try:
            seconds, cpu, results = approve_all(conference)
            print(
                f"Approving {count} participants in one admin action: {seconds:.3f} s "
                f"({cpu:.3f} s of CPU in the app; load average {os.getloadavg()[0]:.1f})"
            )
            print(f"({len(results)} e-mail tasks queued by the request; none sent yet.)")
            run_worker(results, count=count, timeout=options.timeout)
        finally:
            bench_conference_delete()


def bench_conference(*, participants: int):
    """A fresh conference with `participants` pending participants, and one more to warm
    up with, all with a photo."""
    import datetime

    from django.core.files.base import ContentFile
    from PIL import Image

    from conference.models import Conference, Venue
    from delegations.member_states import UN_MEMBER_STATES
    from delegations.models import Delegation, DelegationKind, FocalPoint, Participant, Role
    from delegations.storage import private_storage

    bench_conference_delete()
    venue, _created = Venue.objects.get_or_create(
        name="Benchmark Conference Centre", city="Geneva", defaults={"country": "CH"}
    )
    conference = Conference.objects.create(
        slug=SLUG,
        title="Benchmark: approving many at once",
        venue=venue,
        time_zone="Europe/Zurich",
        start_date=datetime.date(2030, 6, 3),
        end_date=datetime.date(2030, 6, 4),
    )
    per_delegation = -(-participants // DELEGATIONS) + 1  # and one to warm up with
    delegations = Delegation.objects.bulk_create(
        Delegation(
            conference=conference,
            kind=DelegationKind.MEMBER_STATE,
            country=country,
            protocol_sort_key=country,
            quota=per_delegation,
        )
        for country in UN_MEMBER_STATES[:DELEGATIONS]
    )
    FocalPoint.objects.bulk_create(
        FocalPoint(delegation=delegation, name="Focal Point", email=f"focal-{index}@bench.invalid")
        for index, delegation in enumerate(delegations)
    )
    photo = io.BytesIO()
    Image.new("RGB", (640, 800), "steelblue").save(photo, format="JPEG", quality=85)
    photo_name = private_storage().save("bench/photo.jpg", ContentFile(photo.getvalue()))
    Participant.objects.bulk_create(
        Participant(
            conference=conference,
            delegation=delegations[index % DELEGATIONS],
            given_name=f"Given{index:04d}",
            family_name=f"Family{index:04d}",
            functional_title="Counsellor",
            role=Role.HEAD if index < DELEGATIONS else Role.REPRESENTATIVE,
            email=f"participant-{index:04d}@bench.invalid",
            photo=photo_name,
        )
        for index in range(participants + 1)
    )
    return conference


def approve_all(conference) -> tuple[float, float, list[str]]:
    """Approve every participant in one admin action: the request's wall-clock and CPU
    seconds (this process's; the database's are not counted), and the ids of its tasks."""
    from django.contrib.auth import get_user_model
    from django.test import Client
    from django.urls import reverse
    from django_tasks_db.models import DBTaskResult

    from delegations.models import Participant, State

    organiser, _created = get_user_model().objects.get_or_create(
        username="bench-organiser", defaults={"is_staff": True, "is_superuser": True}
    )
    client = Client(headers=HEADERS)
    client.force_login(organiser)
    warm_up, *pks = conference.participants.order_by("pk").values_list("pk", flat=True)
    url = reverse("admin:delegations_participant_changelist")
    # An untimed first request: URL patterns, imports and connections are set up once per
    # process, not per request. Its e-mail is not part of the measure.
    client.post(url, {"action": "approve_selected", "_selected_action": [warm_up]})
    DBTaskResult.objects.filter(args_kwargs__kwargs__participant_id=warm_up).delete()
    before = set(DBTaskResult.objects.values_list("pk", flat=True))
    started, cpu_started = time.perf_counter(), time.process_time()
    response = client.post(url, {"action": "approve_selected", "_selected_action": pks})
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    if response.status_code != 302:
        sys.exit(f"The admin action answered {response.status_code}.")
    approved = Participant.objects.filter(pk__in=pks, state=State.APPROVED).count()
    if approved != len(pks):
        sys.exit(f"Only {approved} of {len(pks)} participants were approved.")
    results = [
        str(pk)
        for pk in DBTaskResult.objects.filter(task_path=TASK)
        .exclude(pk__in=before)
        .values_list("pk", flat=True)
    ]
    return seconds, cpu, results


def run_worker(results: list[str], *, count: int, timeout: int) -> None:
    """Start one worker, wait for the e-mail tasks to finish, stop it and report."""
    from django.core.management import call_command
    from django.db.models import Max, Min
    from django_tasks import TaskResultStatus
    from django_tasks_db.models import DBTaskResult
    from mailer.models import Message

    tasks = DBTaskResult.objects.filter(pk__in=results)
    messages_before = Message.objects.count()
    manage = Path(__file__).resolve().parent.parent / "manage.py"
    started = time.perf_counter()
    worker = subprocess.Popen(
        [sys.executable, str(manage), "db_worker", "--queue-name=*", "--no-reload", "-v0"]
    )
    try:
        while tasks.exclude(status__in=[TaskResultStatus.SUCCESSFUL, TaskResultStatus.FAILED]):
            if time.perf_counter() - started > timeout:
                sys.exit(f"The worker had not finished after {timeout} s.")
            if worker.poll() is not None:
                sys.exit(f"The worker stopped (exit code {worker.returncode}).")
            time.sleep(0.2)
        wall = time.perf_counter() - started
    finally:
        worker.send_signal(signal.SIGTERM)
        worker.wait()
    # The worker's whole life, start-up included; the database's CPU is not counted.
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    failed = tasks.filter(status=TaskResultStatus.FAILED).count()
    span = tasks.aggregate(first=Min("started_at"), last=Max("finished_at"))
    working = (span["last"] - span["first"]).total_seconds()
    queued = Message.objects.count() - messages_before
    print(
        f"One worker, {count} approval e-mails with badges: {wall:.1f} s from starting the "
        f"worker ({working:.1f} s from the first task to the last, "
        f"{working / count * 1000:.0f} ms each; {usage.ru_utime + usage.ru_stime:.1f} s of CPU "
        f"in the worker; load average {os.getloadavg()[0]:.1f}); {failed} failed; "
        f"{queued} queued for the mail server."
    )
    sample = Message.objects.order_by("-pk").first().email
    if not sample.attachments or sample.attachments[0][2] != "application/pdf":
        sys.exit("The queued e-mail carries no badge.")
    started = time.perf_counter()
    call_command("send_mail", verbosity=0)
    print(f"django-mailer's send_mail emptied its queue in {time.perf_counter() - started:.1f} s.")


def bench_conference_delete() -> None:
    """Remove the benchmark's conference, its people and their e-mail tasks' results."""
    from django_tasks_db.models import DBTaskResult

    from conference.models import Conference
    from delegations.models import Participant

    participants = Participant.objects.filter(conference__slug=SLUG)
    DBTaskResult.objects.filter(
        task_path=TASK,
        args_kwargs__kwargs__participant_id__in=list(participants.values_list("pk", flat=True)),
    ).delete()
    # Participants first: their delegations are protected while they exist.
    participants.delete()
    Conference.objects.filter(slug=SLUG).delete()


if __name__ == "__main__":
    main()
