"""The embedded PostgreSQL, driven as developers and servers drive it: through real processes,
each test on its own new cluster in a temporary folder (the test run's server is not used)."""

import contextlib
import os
import select
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.conf import settings

from plenary.embedded_pg import is_running

# Prints when the server this process uses started, then waits until its stdin closes.
USE_THE_DATABASE = (
    "import sys; from django.db import connection; "
    "print(connection.cursor().execute('SELECT pg_postmaster_start_time()').fetchone()[0], "
    "flush=True); sys.stdin.read()"
)
# Tells the test when a gunicorn worker has loaded the app, and so found or started the server.
GUNICORN_CONFIG = "def post_worker_init(worker):\n    print('worker ready', flush=True)\n"


@pytest.fixture
def pgdata() -> Iterator[Path]:
    """A cluster folder nothing uses yet; removed afterwards, its server stopped first if a
    failed test left it running."""
    # Not in pytest's tmp_path: every pytest run on the machine makes /tmp/pytest-of-<user>
    # private again, and the server's user (postgres, under root) must reach the cluster.
    folder = Path(tempfile.mkdtemp(prefix="plenary-test-pg-"))
    pgdata = folder / "pgdata"
    yield pgdata
    if is_running(pgdata):
        run(pgdata, "-m", "plenary.embedded_pg", "stop")
    shutil.rmtree(folder)


def environment(pgdata: Path) -> dict[str, str]:
    inherited = {name: value for name, value in os.environ.items() if name != "DATABASE_URL"}
    return {**inherited, "EMBEDDED_PGDATA": str(pgdata)}


def run(pgdata: Path, *arguments: str, **variables: str) -> subprocess.CompletedProcess:
    """Python with `arguments` in the project folder, using the embedded PostgreSQL in `pgdata`."""
    return subprocess.run(
        [sys.executable, *arguments],
        cwd=settings.BASE_DIR,
        env={**environment(pgdata), **variables},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def start_user(pgdata: Path) -> subprocess.Popen:
    """A manage.py process that uses the database until its stdin closes."""
    return subprocess.Popen(
        [sys.executable, "manage.py", "shell", "-v0", "-c", USE_THE_DATABASE],
        cwd=settings.BASE_DIR,
        env=environment(pgdata),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def first_line(process: subprocess.Popen, *, timeout: float) -> str:
    ready, _, _ = select.select([process.stdout], [], [], timeout)
    return process.stdout.readline().strip() if ready else ""


def finish(process: subprocess.Popen) -> None:
    process.stdin.close()
    process.wait(timeout=30)


def test_check_creates_no_cluster(pgdata):
    result = run(pgdata, "manage.py", "check")

    assert result.returncode == 0, result.stderr
    assert not pgdata.exists()


def test_collectstatic_creates_no_cluster(pgdata, tmp_path):
    result = run(
        pgdata,
        *("manage.py", "collectstatic", "--dry-run", "--no-input"),
        STATIC_ROOT=str(tmp_path / "static"),
    )

    assert result.returncode == 0, result.stderr
    assert not pgdata.exists()


def test_processes_starting_together_share_one_server_until_the_last_exits(pgdata):
    with contextlib.ExitStack() as stack:
        users = [stack.enter_context(start_user(pgdata)) for _ in range(4)]

        server_start_times = {first_line(user, timeout=60) for user in users}
        assert len(server_start_times) == 1, [user.stderr.read() for user in users if user.poll()]
        assert "" not in server_start_times

        for user in users[:-1]:
            finish(user)
        assert is_running(pgdata)

        finish(users[-1])
        assert not is_running(pgdata)


def test_stop_stops_a_server_that_a_killed_process_left_running(pgdata):
    with start_user(pgdata) as user:
        assert first_line(user, timeout=60), user.stderr.read()
        user.kill()
        user.wait()

    status = run(pgdata, "-m", "plenary.embedded_pg", "status")
    stop = run(pgdata, "-m", "plenary.embedded_pg", "stop")

    assert status.returncode == 0, status.stderr
    assert "used by no process" in status.stdout
    assert stop.returncode == 0, stop.stderr
    assert not is_running(pgdata)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextlib.contextmanager
def gunicorn(pgdata: Path, folder: Path, *, workers: int) -> Iterator[str]:
    """gunicorn serving the app with `workers` started at once; yields its URL once every worker
    has loaded the app, and stops it."""
    port = free_port()
    config = folder / "gunicorn.conf.py"
    config.write_text(GUNICORN_CONFIG)
    output, errors = folder / "gunicorn.out", folder / "gunicorn.err"
    with output.open("w") as stdout, errors.open("w") as stderr:
        server = subprocess.Popen(
            [
                *(sys.executable, "-m", "gunicorn", "plenary.wsgi:application"),
                *(f"--bind=127.0.0.1:{port}", f"--workers={workers}", f"--config={config}"),
            ],
            cwd=settings.BASE_DIR,
            env=environment(pgdata),
            stdout=stdout,
            stderr=stderr,
        )
    try:
        deadline = time.monotonic() + 60
        while output.read_text().count("worker ready") < workers:
            assert server.poll() is None, errors.read_text()
            assert time.monotonic() < deadline, errors.read_text()
            time.sleep(0.1)
        yield f"http://127.0.0.1:{port}"
    finally:
        server.send_signal(signal.SIGINT)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def status_of(url: str) -> int:
    with urllib.request.urlopen(url, timeout=30) as response:
        return response.status


def test_gunicorn_workers_cold_started_together_share_one_server(pgdata, tmp_path):
    # A new cluster: the four workers create it between them.
    with gunicorn(pgdata, tmp_path, workers=4) as url:
        migrate = run(pgdata, "manage.py", "migrate", "--no-input")
        assert migrate.returncode == 0, migrate.stderr
        assert status_of(url) == 200
    assert not is_running(pgdata)

    # The cluster exists, its server is down: the workers start it between them.
    for _ in range(2):
        with gunicorn(pgdata, tmp_path, workers=4) as url:
            assert status_of(url) == 200
        assert not is_running(pgdata)
