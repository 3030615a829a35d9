"""An embedded PostgreSQL for development and tests, used when DATABASE_URL is unset.

It runs the machine's own PostgreSQL server binaries (Debian's `postgresql` package, which
also brings the contrib extensions we rely on: btree_gist, pg_trgm) on a project-local
cluster (settings.EMBEDDED_PGDATA, `.pgdata/` by default), listening on a Unix socket only.

The settings only name it (`embedded_database_url`): importing them starts nothing, so an
image build's `check` and `collectstatic` need no PostgreSQL. The processes that use the
database call `ensure_embedded_server()`: manage.py (for the commands that need a database),
plenary/wsgi.py and asgi.py, and pytest (tests/conftest.py).

Each of them counts as a user of the server until it exits, by holding a shared lock on
`<cluster>.users`; the last user to exit stops the server, whoever started it. Starting and
stopping happen under an exclusive lock on `<cluster>.lock`, so processes that start at the
same moment (gunicorn's workers) make one cluster and start one server between them, and
runserver, pytest and gunicorn share it in any order.

    python -m plenary.embedded_pg status|stop

tells whether it runs (exit status 3 when not, as `pg_ctl status`) and at which URL, and
stops it whoever uses it: say, one left running by a killed process, or before
`rm -rf .pgdata`.
"""

import argparse
import atexit
import contextlib
import fcntl
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import psycopg
from django.conf import settings

SUPERUSER = "postgres"
# Unix socket paths are limited to about 107 bytes; deep checkouts use a short path instead.
MAX_SOCKET_DIR_LENGTH = 80

# The clusters this process counts as a user of, with the descriptor holding its shared lock.
_users: dict[Path, int] = {}


class EmbeddedPostgresError(RuntimeError):
    pass


def embedded_database_url(pgdata: Path, dbname: str = "plenary") -> str:
    """The URL of `dbname` on the embedded server of the cluster in `pgdata`; starts nothing."""
    return f"postgres://{SUPERUSER}@/{dbname}?host={socket_dir_for(Path(pgdata).resolve())}"


def ensure_embedded_server() -> None:
    """Unless DATABASE_URL names a server: start the embedded one if it is down (creating the
    cluster and the database when new) and count this process as its user until it exits."""
    if settings.EMBEDDED_PGDATA is None:
        return
    pgdata = Path(settings.EMBEDDED_PGDATA).resolve()
    if pgdata in _users:
        return
    pgdata.parent.mkdir(parents=True, exist_ok=True)
    users = os.open(_users_file(pgdata), os.O_RDWR | os.O_CREAT, 0o644)
    try:
        with _starting_or_stopping(pgdata):
            fcntl.flock(users, fcntl.LOCK_SH)
            socket_dir = _start(pgdata)
            _create_database(socket_dir, settings.DATABASES["default"]["NAME"])
    except BaseException:
        os.close(users)
        raise
    _users[pgdata] = users
    atexit.register(_leave, pgdata)


def _leave(pgdata: Path) -> None:
    """At exit: stop the server if no other process uses it."""
    users = _users.pop(pgdata, None)
    if users is None:
        return
    with _starting_or_stopping(pgdata):
        try:
            # Turns this process's shared lock into an exclusive one: refused while any other
            # process holds a shared lock, that is, uses the server.
            fcntl.flock(users, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            pass  # another process still uses it
        else:
            if is_running(pgdata):  # unless someone stopped it already
                _stop(pgdata)
        finally:
            os.close(users)


def _forget_users_after_fork() -> None:
    # A forked child (say, a worker of gunicorn --preload) shares its parent's lock: only the
    # parent may leave with it. The child becomes a user itself if it calls ensure_embedded_server.
    for users in _users.values():
        os.close(users)
    _users.clear()


os.register_at_fork(after_in_child=_forget_users_after_fork)


@contextlib.contextmanager
def _starting_or_stopping(pgdata: Path) -> Iterator[None]:
    """One process at a time starts or stops the server (or counts its users)."""
    lock = os.open(pgdata.with_name(f"{pgdata.name}.lock"), os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield
    finally:
        os.close(lock)


def _users_file(pgdata: Path) -> Path:
    return pgdata.with_name(f"{pgdata.name}.users")


def find_bindir() -> Path:
    """The directory with initdb and pg_ctl: PG_BINDIR, else the newest Debian install."""
    if configured := os.environ.get("PG_BINDIR"):
        return Path(configured)
    debian = sorted(
        Path("/usr/lib/postgresql").glob("*/bin"),
        key=lambda path: int(path.parent.name) if path.parent.name.isdigit() else 0,
    )
    for bindir in reversed(debian):
        if (bindir / "initdb").exists():
            return bindir
    if initdb := shutil.which("initdb"):
        return Path(initdb).parent
    raise EmbeddedPostgresError(
        "No PostgreSQL server binaries found. Install them (Debian: apt-get install "
        "postgresql postgresql-contrib), set PG_BINDIR, or set DATABASE_URL."
    )


def socket_dir_for(pgdata: Path) -> Path:
    if len(str(pgdata)) <= MAX_SOCKET_DIR_LENGTH:
        return pgdata
    digest = hashlib.sha256(str(pgdata).encode()).hexdigest()[:12]
    return Path(tempfile.gettempdir()) / f"plenary-pg-{digest}"


def _run(command: list[str]) -> subprocess.CompletedProcess:
    # PostgreSQL refuses to run as root; in root containers it runs as the postgres user.
    if os.geteuid() == 0:
        command = ["runuser", "-u", SUPERUSER, "--", *command]
    return subprocess.run(command, capture_output=True, text=True, check=False)


def _check(result: subprocess.CompletedProcess, what: str) -> None:
    if result.returncode != 0:
        raise EmbeddedPostgresError(f"{what} failed:\n{result.stdout}\n{result.stderr}")


def _prepare_directory(path: Path) -> None:
    path.mkdir(parents=True, exist_ok=True)
    if os.geteuid() == 0:
        shutil.chown(path, user=SUPERUSER)
        path.chmod(0o700)
        # The server user must be able to reach the folder through its parents.
        for parent in path.parents:
            mode = parent.stat().st_mode
            if not mode & 0o001:
                parent.chmod(mode | 0o001)


def _pg_ctl(pgdata: Path, *arguments: str) -> subprocess.CompletedProcess:
    return _run([str(find_bindir() / "pg_ctl"), "-D", str(pgdata), *arguments])


def is_running(pgdata: Path) -> bool:
    return _pg_ctl(pgdata, "status").returncode == 0


def _start(pgdata: Path) -> Path:
    """Start the cluster in `pgdata` (creating it if new) unless it runs; return its socket dir."""
    socket_dir = socket_dir_for(pgdata)
    if not (pgdata / "PG_VERSION").exists():
        _prepare_directory(pgdata)
        initdb = str(find_bindir() / "initdb")
        _check(
            _run(
                [
                    *(initdb, "-D", str(pgdata), "-U", SUPERUSER, "--auth=trust"),
                    *("--encoding=UTF8", "--locale=C.UTF-8"),
                ]
            ),
            "initdb",
        )
    if socket_dir != pgdata:
        _prepare_directory(socket_dir)
    if is_running(pgdata):
        return socket_dir
    options = f"-c listen_addresses='' -c unix_socket_directories='{socket_dir}' -c fsync=off"
    _check(
        _pg_ctl(pgdata, "-l", str(pgdata / "server.log"), "-o", options, "-w", "start"),
        "pg_ctl start",
    )
    return socket_dir


def _stop(pgdata: Path) -> None:
    _check(_pg_ctl(pgdata, "-m", "fast", "stop"), "pg_ctl stop")


def _create_database(socket_dir: Path, dbname: str) -> None:
    with psycopg.connect(
        host=str(socket_dir), user=SUPERUSER, dbname="postgres", autocommit=True
    ) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [dbname]
        ).fetchone()
        if not exists:
            connection.execute(f'CREATE DATABASE "{dbname}"')


def _in_use(pgdata: Path) -> bool:
    users = os.open(_users_file(pgdata), os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(users, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    finally:
        os.close(users)
    return False


def main() -> int:
    parser = argparse.ArgumentParser(
        prog="python -m plenary.embedded_pg", description="The embedded PostgreSQL."
    )
    parser.add_argument(
        "action",
        choices=["status", "stop"],
        help="status: whether it runs, its URL and whether a process uses it; "
        "stop: stop it now, even under processes that use it",
    )
    action = parser.parse_args().action
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "plenary.settings")
    if settings.EMBEDDED_PGDATA is None:
        print("DATABASE_URL is set: no embedded PostgreSQL is used.")
        return 1
    pgdata = Path(settings.EMBEDDED_PGDATA).resolve()
    pgdata.parent.mkdir(parents=True, exist_ok=True)
    with _starting_or_stopping(pgdata):
        if not is_running(pgdata):
            print(f"Not running (its cluster: {pgdata}).")
            return 3
        if action == "stop":
            _stop(pgdata)
            print(f"Stopped the embedded PostgreSQL in {pgdata}.")
        else:
            users = "in use" if _in_use(pgdata) else "used by no process: `stop` stops it"
            print(f"Running, {users}: {embedded_database_url(pgdata)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
