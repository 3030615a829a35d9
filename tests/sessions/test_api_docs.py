import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse
from playwright.sync_api import expect

from tests.factories import published_programme


def schema(client, name: str) -> dict:
    return client.get(reverse("feeds:api_openapi")).json()["components"]["schemas"][name]


def documented_fields(client, name: str) -> set[str]:
    return set(schema(client, name)["required"])


@pytest.mark.django_db
def test_api_openapi_describes_every_endpoint(client):
    document = client.get(reverse("feeds:api_openapi")).json()

    assert document["openapi"].startswith("3.")
    assert document["servers"] == [{"url": "http://testserver/api/v1"}]
    assert set(document["paths"]) == {
        "/conferences/",
        "/conferences/{conference}/",
        "/conferences/{conference}/sessions/",
        "/conferences/{conference}/sessions/{id}/",
        "/conferences/{conference}/speakers/",
        "/conferences/{conference}/rooms/",
        "/conferences/{conference}/tracks/",
    }


@pytest.mark.django_db
def test_api_openapi_fields_match_the_responses(client):
    conference = published_programme(sessions=1)
    base = f"/api/v1/conferences/{conference.slug}"
    conference_data = client.get(f"{base}/").json()
    page = client.get(f"{base}/sessions/").json()
    speaker = client.get(f"{base}/speakers/").json()["results"][0]
    room = client.get(f"{base}/rooms/").json()["results"][0]
    track = client.get(f"{base}/tracks/").json()["results"][0]

    assert set(conference_data) == documented_fields(client, "Conference")
    assert set(page) == documented_fields(client, "SessionPage")
    assert set(page["results"][0]) == documented_fields(client, "Session")
    assert set(speaker) == documented_fields(client, "Speaker")
    assert set(room) == documented_fields(client, "Room")
    assert set(track) == documented_fields(client, "Track")


@pytest.mark.django_db
def test_api_docs_page_links_the_openapi_document(client):
    response = client.get(reverse("programme:api_docs"))

    assert response.status_code == 200
    assert b"http://testserver/api/v1/openapi.json" in response.content
    assert b"<script" not in response.content
    assert b"style=" not in response.content


def test_api_docs_page_is_accessible(live_server, page):
    published_programme(sessions=1)

    page.goto(live_server.url + reverse("programme:api_docs"))

    expect(page.get_by_role("heading", level=1)).to_have_text("Schedule API")
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()
