import pytest
from django.urls import reverse
from django.utils.http import http_date

from tests.factories import PublishedSessionFactory, StaffUserFactory, published_programme

pytestmark = pytest.mark.django_db


def calendar_url(conference) -> str:
    return reverse("feeds:conference_ics", kwargs={"conference": conference.slug})


def test_programme_response_with_current_etag_is_not_modified(client):
    conference = published_programme(sessions=1)
    etag = client.get(calendar_url(conference))["ETag"]

    response = client.get(calendar_url(conference), headers={"If-None-Match": etag})

    assert response.status_code == 304
    assert response.content == b""
    assert response["ETag"] == etag
    assert response["Cache-Control"] == "public, max-age=60"


def test_programme_response_unchanged_since_date_is_not_modified(client):
    conference = published_programme(sessions=1)
    conference.refresh_from_db()

    response = client.get(
        calendar_url(conference),
        headers={"If-Modified-Since": http_date(conference.programme_changed_at.timestamp() + 1)},
    )

    assert response.status_code == 304


def test_programme_response_etag_changes_with_the_programme(client):
    session = PublishedSessionFactory(title="Pledging system")
    url = calendar_url(session.conference)
    old_etag = client.get(url)["ETag"]

    session.title = "Briefing on the pledging system"
    session.save()
    response = client.get(url, headers={"If-None-Match": old_etag})

    assert response.status_code == 200
    assert response["ETag"] != old_etag
    assert b"Briefing on the pledging system" in response.content


def test_programme_response_etag_differs_per_query(client):
    session = PublishedSessionFactory()
    url = calendar_url(session.conference)

    whole = client.get(url)
    personal = client.get(url, {"session": session.pk})

    assert whole["ETag"] != personal["ETag"]
    assert b"my agenda" in personal.content


def test_programme_response_is_public_and_sets_no_cookie(client):
    conference = published_programme(sessions=1)

    response = client.get(calendar_url(conference))

    assert response["Cache-Control"] == "public, max-age=60"
    assert "Last-Modified" in response
    assert not response.cookies
    assert "Cookie" not in response.get("Vary", "")


def test_programme_response_warm_cache_costs_no_query(client, django_assert_num_queries):
    conference = published_programme(sessions=3)
    first = client.get(calendar_url(conference))

    with django_assert_num_queries(0):
        second = client.get(calendar_url(conference))

    assert second.content == first.content


def test_programme_response_staff_preview_is_not_cacheable(client):
    session = PublishedSessionFactory(is_published=False)
    url = reverse(
        "feeds:session_ics", kwargs={"conference": session.conference.slug, "pk": session.pk}
    )
    client.force_login(StaffUserFactory())

    response = client.get(url)

    assert response.status_code == 200
    assert "ETag" not in response
    assert "no-store" in response["Cache-Control"]
