import os

import pytest
from django.core.cache import caches
from django.db import connection, transaction
from django.utils import translation

from conference.request_ids import request_id_set
from demo.reference_meeting import reference_meeting_load
from plenary.embedded_pg import ensure_embedded_server
from tests.translations import write_catalogue

# Playwright's sync API runs an event loop in the test thread; Django would otherwise refuse
# ORM calls from browser tests. Tests only, never in settings.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")


def pytest_configure(config: pytest.Config) -> None:
    """With DATABASE_URL unset, start the embedded PostgreSQL before pytest-django creates the
    test database; it stops when the last process using it (say, runserver) exits."""
    ensure_embedded_server()


@pytest.fixture(scope="session", autouse=True)
def _no_stray_connections_at_the_end(django_db_setup, django_db_blocker):
    """Ends every other connection to the test database before pytest-django drops it.

    A live server's threads can leave a connection open (see the sorting hook below); when
    pytest-xdist hands a worker database tests after browser tests, dropping the worker's
    database would otherwise fail with "being accessed by other users"."""
    yield
    with django_db_blocker.unblock(), connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
            " WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with empty caches: rendered feeds and rate-limit counts live there,
    and each process keeps its own copies of stored pages (conference.public)."""
    from conference.public import forget_local_entries

    for alias in ("default", "ratelimit"):
        caches[alias].clear()
    forget_local_entries()
    yield
    for alias in ("default", "ratelimit"):
        caches[alias].clear()
    forget_local_entries()


@pytest.fixture(autouse=True)
def _outside_any_request():
    """Each test starts outside any request. A request's id stays current until its response
    is closed (request_finished), and a test may leave a streamed response unread: a task the
    next test queues in the same process would otherwise carry that request's id."""
    request_id_set("")
    yield
    request_id_set("")


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in the default language. A request to /fr/… leaves French active in the
    thread that made it (a server's next request activates its own), so a test that follows in
    the same thread would otherwise read French."""
    translation.deactivate()
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _uploads_in_tmp(settings, tmp_path):
    """Uploaded files land in the test's own directory, never in the working tree."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private_media"


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo conference, loaded once for a module's read-only tests (each rolls back to
    it), then undone."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield reference_meeting_load()
        transaction.set_rollback(True)


@pytest.fixture
def french(settings, tmp_path):
    """Turns on French with the given translations: `french({"msgid": "msgstr"})`.

    Changing these settings resets Django's loaded catalogues, before and after the test."""

    def install(messages: dict[str, str]) -> None:
        write_catalogue(locale_dir=tmp_path / "locale", language="fr", messages=messages)
        settings.LOCALE_PATHS = [tmp_path / "locale"]
        settings.LANGUAGES = [("en", "English"), ("fr", "French")]

    return install


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Run every live-server test after all the others.

    pytest regroups tests by pytest-playwright's session-scoped browser parameter after
    pytest-django has sorted them, which can put browser tests in the middle. Database tests
    that then run while Playwright's event loop exists get a second connection that nobody
    closes, and dropping the test database fails at the end.
    """
    items.sort(key=lambda item: "live_server" in getattr(item, "fixturenames", ()))
