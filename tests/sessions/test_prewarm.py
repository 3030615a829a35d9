"""After a programme change the task worker renders the main public pages again."""

import pytest
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from sessions.prewarm import prewarm, prewarm_urls
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


def test_prewarm_covers_every_language_and_day(settings):
    conference = published_programme(sessions=1)
    conference.languages = ["en", "fr"]

    urls = prewarm_urls(conference)

    assert {language for language, _path in urls} == {"en", "fr"}
    assert any(path.startswith("/fr/") and path.endswith("?day=all") for _lang, path in urls)
    days = [path for language, path in urls if language == "en" and "?day=2" in path]
    assert len(days) == len(conference.days)


def test_programme_change_queues_one_prewarm(settings, django_capture_on_commit_callbacks):
    settings.PROGRAMME_PREWARM_URL = "https://plenary.example.org"
    conference = published_programme(sessions=2)
    DBTaskResult.objects.all().delete()

    with django_capture_on_commit_callbacks(execute=True):
        for session in conference.sessions.all():
            session.title = "Edited"
            session.save()

    queued = DBTaskResult.objects.filter(task_path__endswith=".programme_prewarm")
    assert [result.args_kwargs["kwargs"] for result in queued] == [{"conference_id": conference.pk}]


def test_without_a_public_address_nothing_is_queued(settings, django_capture_on_commit_callbacks):
    settings.PROGRAMME_PREWARM_URL = ""
    conference = published_programme(sessions=1)

    with django_capture_on_commit_callbacks(execute=True):
        session = conference.sessions.first()
        session.save()

    assert not DBTaskResult.objects.filter(task_path__endswith=".programme_prewarm").exists()
