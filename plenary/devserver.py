"""`make run`: Django's development server and a task worker side by side; Ctrl-C stops both.

    python -m plenary.devserver [addrport]

Both are `manage.py` commands, so each starts the embedded PostgreSQL if it is down and counts
as its user (plenary/embedded_pg.py). This process counts as one too, from before they start
until after they have stopped: the server stays up while either of them restarts on a code
change, and stops when this process exits, the last user. The worker runs all queues and
reloads on code changes, as runserver does. In production run them apart: gunicorn, and
`manage.py db_worker --queue-name='*' --no-reload` (docs/operations.md).
"""

import os
import signal
import subprocess
import sys

from plenary.embedded_pg import ensure_embedded_server


def _interrupt(signum, frame) -> None:
    raise KeyboardInterrupt


def main(arguments: list[str]) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "plenary.settings")
    ensure_embedded_server()
    # `kill` or a closed terminal stops everything as Ctrl-C does, the database included.
    signal.signal(signal.SIGTERM, _interrupt)
    signal.signal(signal.SIGHUP, _interrupt)
    manage = [sys.executable, "manage.py"]
    # In a process group of its own, so that the worker and its reloader's child both stop
    # when the server does, by Ctrl-C or by itself (a port already taken). Like runserver's,
    # a reloading worker stops at once: a task it was running stays "running" in the admin.
    worker = subprocess.Popen([*manage, "db_worker", "--queue-name=*"], start_new_session=True)
    server = subprocess.Popen([*manage, "runserver", *arguments])
    try:
        return server.wait()
    except KeyboardInterrupt:
        server.terminate()  # After Ctrl-C it is stopping already; after `kill` it is not.
        return server.wait()
    finally:
        os.killpg(worker.pid, signal.SIGTERM)
        worker.wait()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
