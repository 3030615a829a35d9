"""An embedded PostgreSQL for development and tests, used when DATABASE_URL is unset.

It runs the machine's own PostgreSQL server binaries (Debian's `postgresql` package, which
also brings the contrib extensions we rely on: btree_gist, pg_trgm) on a project-local
cluster in a git-ignored folder, listening on a Unix socket only. The process that starts
the server stops it when it exits; a process that finds it running just connects, so
runserver and pytest can share it.
"""

import atexit
import hashlib
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import psycopg

SUPERUSER = "postgres"
# Unix socket paths are limited to about 107 bytes; deep checkouts use a short path instead.
MAX_SOCKET_DIR_LENGTH = 80


class EmbeddedPostgresError(RuntimeError):
    pass


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


def _run(command: list[str], *, as_user: str | None) -> subprocess.CompletedProcess:
    # PostgreSQL refuses to run as root; in root containers it runs as the postgres user.
    if as_user:
        command = ["runuser", "-u", as_user, "--", *command]
    return subprocess.run(command, capture_output=True, text=True, check=False)


def _check(result: subprocess.CompletedProcess, what: str) -> None:
    if result.returncode != 0:
        raise EmbeddedPostgresError(f"{what} failed:\n{result.stdout}\n{result.stderr}")


def _server_user() -> str | None:
    return SUPERUSER if os.geteuid() == 0 else None


def _prepare_directory(path: Path, owner: str | None) -> None:
    path.mkdir(parents=True, exist_ok=True)
    if owner:
        shutil.chown(path, user=owner)
        path.chmod(0o700)
        # The server user must be able to reach the folder through its parents.
        for parent in path.parents:
            mode = parent.stat().st_mode
            if not mode & 0o001:
                parent.chmod(mode | 0o001)


def ensure_server(pgdata: Path) -> Path:
    """Start the cluster in `pgdata` (creating it if new) unless it runs; return its socket dir."""
    pgdata = Path(pgdata).resolve()
    bindir = find_bindir()
    user = _server_user()
    socket_dir = socket_dir_for(pgdata)

    if not (pgdata / "PG_VERSION").exists():
        _prepare_directory(pgdata, user)
        _check(
            _run(
                [
                    str(bindir / "initdb"),
                    "-D",
                    str(pgdata),
                    "-U",
                    SUPERUSER,
                    "--auth=trust",
                    "--encoding=UTF8",
                    "--locale=C.UTF-8",
                ],
                as_user=user,
            ),
            "initdb",
        )
    if socket_dir != pgdata:
        _prepare_directory(socket_dir, user)

    status = _run([str(bindir / "pg_ctl"), "-D", str(pgdata), "status"], as_user=user)
    if status.returncode == 0:
        return socket_dir

    options = f"-c listen_addresses='' -c unix_socket_directories='{socket_dir}' -c fsync=off"
    _check(
        _run(
            [
                str(bindir / "pg_ctl"),
                "-D",
                str(pgdata),
                "-l",
                str(pgdata / "server.log"),
                "-o",
                options,
                "-w",
                "start",
            ],
            as_user=user,
        ),
        "pg_ctl start",
    )
    atexit.register(
        _run, [str(bindir / "pg_ctl"), "-D", str(pgdata), "-m", "fast", "stop"], as_user=user
    )
    return socket_dir


def embedded_database_url(pgdata: Path, dbname: str = "plenary") -> str:
    """Make sure the embedded server runs and has `dbname`; return a URL for it."""
    socket_dir = ensure_server(pgdata)
    with psycopg.connect(
        host=str(socket_dir), user=SUPERUSER, dbname="postgres", autocommit=True
    ) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [dbname]
        ).fetchone()
        if not exists:
            connection.execute(f'CREATE DATABASE "{dbname}"')
    return f"postgres://{SUPERUSER}@/{dbname}?host={socket_dir}"
