"""One admin CSV export of every participant of the scale conference, as organisers ask for it
and the worker makes it (delegations/exports.py): the request that asks, then the task.

Runs the app in this process with DEBUG off over the `scale-test` conference (generated if
missing), asks through Django's test client as a superuser (the participants' list filtered to
the conference, "select all" across it), then runs the task worker once, as
`db_worker --batch` does. Prints the request's time, the task's wall-clock and CPU time, the
peak memory the task added (tracemalloc, in a second run: it slows what it measures) and the
file's size. Results go in docs/performance.md.
"""

import os
import resource
import sys
import tempfile
import time
import tracemalloc

from cryptography.fernet import Fernet
from run import SLUG, in_process_environment, prepare_database, scale_programme


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="plenary-bench-") as private_root:
        # Before Django starts: the settings read these once.
        in_process_environment(
            CACHE_URL="dummycache://",
            PRIVATE_MEDIA_ROOT=private_root,
            STAFF_MFA_REQUIRED="false",
        )
        # With DEBUG off, generating the scale conference encrypts its passport data.
        os.environ.setdefault("CLEARANCE_ENCRYPTION_KEYS", Fernet.generate_key().decode())
        prepare_database()
        scale_programme()
        from django.contrib.auth import get_user_model
        from django.test import Client
        from django.urls import reverse

        from conference.models import Conference
        from delegations.models import Export
        from tests.tasks import tasks_run  # django-tasks-db's worker, as `db_worker --batch`

        conference = Conference.objects.get(slug=SLUG)
        user, _created = get_user_model().objects.get_or_create(
            username="bench-export", defaults={"is_staff": True, "is_superuser": True}
        )
        client = Client()
        client.force_login(user)
        changelist = reverse("admin:delegations_participant_changelist")
        any_participant = conference.participants.values_list("pk", flat=True).first()
        # Whatever else is queued (the scale conference's public list, say) runs first,
        # untimed: the worker runs every task that is due.
        tasks_run()

        for measure_memory in (False, True):
            started = time.perf_counter()
            response = client.post(
                f"{changelist}?conference__id__exact={conference.pk}",
                {
                    "action": "export_csv",
                    "select_across": "1",
                    "_selected_action": [any_participant],
                },
                secure=True,  # DEBUG off redirects plain HTTP to HTTPS
            )
            asked = time.perf_counter() - started
            if response.status_code != 302 or "/staff/exports/" not in response.url:
                sys.exit(f"The export was not asked for: {response.status_code}")
            export = Export.objects.latest("pk")

            if measure_memory:
                tracemalloc.start()
            cpu, wall = time.process_time(), time.perf_counter()
            tasks_run()
            cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
            peak = 0
            if measure_memory:
                _current, peak = tracemalloc.get_traced_memory()
                tracemalloc.stop()

            export.refresh_from_db()
            if export.status != "done":
                sys.exit(f"The export ended {export.status}: {export.error}")
            print(f"rows: {len(export.row_ids):,}; file: {export.file.size:,} bytes")
            print(f"request that asks: {asked * 1000:.0f} ms")
            if measure_memory:
                print(f"task, peak memory added (tracemalloc): {peak / 2**20:.0f} MB")
            else:
                print(f"task: {wall:.1f} s wall-clock, {cpu:.1f} s CPU")
                maxrss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
                print(f"process peak resident memory so far: {maxrss / 1024:.0f} MB")
            export.delete()


if __name__ == "__main__":
    main()
