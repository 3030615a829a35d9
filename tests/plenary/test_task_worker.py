"""The worker as operators run it: `manage.py db_worker`, its own process, on our settings."""

import os
import subprocess
import sys
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.db import connection
from django_tasks import TaskResultStatus

from delegations.services import participant_approve
from plenary.embedded_pg import embedded_database_url
from tests.factories import ParticipantFactory
from tests.tasks import task_results


def worker_database_url() -> str:
    """The server the tests use, with its test database instead of the one settings name."""
    name = connection.settings_dict["NAME"]
    if settings.EMBEDDED_PGDATA is not None:
        return embedded_database_url(settings.EMBEDDED_PGDATA, dbname=name)
    return urlsplit(os.environ["DATABASE_URL"])._replace(path=f"/{name}").geturl()


@pytest.mark.django_db(transaction=True)
def test_db_worker_command_runs_the_queued_email_on_the_test_database():
    participant_approve(participant=ParticipantFactory())
    inherited = {n: v for n, v in os.environ.items() if n != "DJANGO_ALLOW_ASYNC_UNSAFE"}

    result = subprocess.run(
        [
            sys.executable,
            "manage.py",
            "db_worker",
            "--queue-name=*",
            "--batch",
            "--no-reload",
            "--no-startup-delay",
        ],
        cwd=settings.BASE_DIR,
        env={
            **inherited,
            "DATABASE_URL": worker_database_url(),
            "EMAIL_URL": "dummymail://",
            "EMAIL_QUEUE": "0",
        },
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )

    assert result.returncode == 0, result.stderr
    (email,) = task_results("participant_state_email")
    assert email.status == TaskResultStatus.SUCCESSFUL
