"""After a programme change the task worker renders the main public pages again."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from sessions.prewarm import PREWARM_DEBOUNCE_SECONDS, prewarm, prewarm_urls
from tests.factories import published_programme

pytestmark = pytest.mark.django_db


def test_prewarm_stores_the_main_pages_so_the_first_visitor_costs_no_query(
    client, settings, django_assert_num_queries
):
    settings.PROGRAMME_PREWARM_URL = "http://testserver"
    conference = published_programme(sessions=3)
    agenda = reverse("programme:agenda", kwargs={"conference": conference.slug})
    calendar = reverse("feeds:conference_ics", kwargs={"conference": conference.slug})

    prewarm(conference_id=conference.pk)

    with django_assert_num_queries(0):
        page = client.get(f"{agenda}?day=all")
        feed = client.get(f"{calendar}?lang=en")
        compressed = client.get(f"{agenda}?day=all", headers={"Accept-Encoding": "br"})
    assert page.status_code == feed.status_code == compressed.status_code == 200
    assert compressed["Content-Encoding"] == "br"


def test_prewarm_stores_the_api_as_apps_ask_for_it(client, settings, django_assert_num_queries):
    # Apps follow the API's own links, which carry no ?lang= (their Accept-Language chooses),
    # and fetch a whole programme with ?limit=1000 (docs/api.md).
    settings.PROGRAMME_PREWARM_URL = "http://testserver"
    conference = published_programme(sessions=3)
    conference.languages = ["en", "fr"]
    conference.save()
    sessions = reverse("feeds:api_session_list", kwargs={"conference": conference.slug})
    calendar = reverse("feeds:conference_ics", kwargs={"conference": conference.slug})

    prewarm(conference_id=conference.pk)

    french = {"Accept-Language": "fr-FR,fr;q=0.9", "Accept-Encoding": "gzip, br"}
    with django_assert_num_queries(0):
        page = client.get(sessions, headers=french)
        programme = client.get(f"{sessions}?limit=1000", headers=french)
        feed = client.get(calendar, headers=french)
    assert page.status_code == programme.status_code == feed.status_code == 200
    assert page["Content-Language"] == "fr"


def test_prewarm_covers_every_language_and_day(settings):
    conference = published_programme(sessions=1)
    conference.languages = ["en", "fr"]

    urls = prewarm_urls(conference)

    assert {language for language, _path in urls} == {"en", "fr"}
    assert any(path.startswith("/fr/") and path.endswith("?day=all") for _lang, path in urls)
    days = [path for language, path in urls if language == "en" and "?day=2" in path]
    assert len(days) == len(conference.days)


def queued_prewarms() -> list:
    """The queued pre-warms' tasks, those to run at once (run_after None) first."""
    queued = DBTaskResult.objects.filter(task_path__endswith=".programme_prewarm")
    return sorted((result.task for result in queued), key=lambda task: task.run_after is not None)


def test_programme_change_queues_a_prewarm_at_once(settings, django_capture_on_commit_callbacks):
    settings.PROGRAMME_PREWARM_URL = "https://plenary.example.org"
    conference = published_programme(sessions=1)
    DBTaskResult.objects.all().delete()

    with django_capture_on_commit_callbacks(execute=True):
        session = conference.sessions.get()
        session.title = "Edited"
        session.save()

    (queued,) = DBTaskResult.objects.filter(task_path__endswith=".programme_prewarm")
    assert queued.args_kwargs["kwargs"] == {"conference_id": conference.pk}
    assert queued.task.run_after is None


def test_burst_of_changes_is_pre_warmed_once_more_after_its_last_change(
    settings, django_capture_on_commit_callbacks
):
    # The first change's pre-warm may run before the next changes are made: the pages the
    # first visitors after the burst see must be rendered after its last change.
    settings.PROGRAMME_PREWARM_URL = "https://plenary.example.org"
    conference = published_programme(sessions=3)
    DBTaskResult.objects.all().delete()

    for session in conference.sessions.all():
        with django_capture_on_commit_callbacks(execute=True):
            session.title = "Edited"
            session.save()
        last_change = timezone.now()

    at_once, after_the_burst = queued_prewarms()
    assert at_once.run_after is None
    assert after_the_burst.run_after >= last_change + datetime.timedelta(
        seconds=PREWARM_DEBOUNCE_SECONDS - 1
    )


def test_without_a_public_address_nothing_is_queued(settings, django_capture_on_commit_callbacks):
    settings.PROGRAMME_PREWARM_URL = ""
    conference = published_programme(sessions=1)

    with django_capture_on_commit_callbacks(execute=True):
        session = conference.sessions.first()
        session.save()

    assert not DBTaskResult.objects.filter(task_path__endswith=".programme_prewarm").exists()
