"""Stored public responses: compressed once (Brotli, gzip), and rendered once under a rush."""

import gzip
import threading
import time

import brotli
import pytest
from django.core.cache import cache
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.test import RequestFactory
from django.urls import reverse

from conference.public import accepted_encoding, cached_response
from tests.factories import StaffUserFactory, published_programme

BODY = ("<p>The programme of the meeting, " * 100).encode()


def request(path="/en/some-page/", **headers):
    return RequestFactory().get(path, headers=headers)


def page() -> HttpResponse:
    return HttpResponse(BODY, content_type="text/html; charset=utf-8")


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("", ""),
        ("gzip, deflate", "gzip"),
        ("gzip, deflate, br, zstd", "br"),
        ("br;q=0, gzip", "gzip"),
        ("br;q=0.0, gzip;q=0", ""),
        ("identity", ""),
        ("*", "br"),
    ],
)
def test_accepted_encoding_prefers_brotli_and_respects_refusals(header, expected):
    assert accepted_encoding(request(**{"Accept-Encoding": header})) == expected


def test_stored_page_is_compressed_for_clients_that_accept_it_and_plain_for_others():
    plain = cached_response(request=request(), version="1", last_modified=None, render=page)
    as_brotli = cached_response(
        request=request(**{"Accept-Encoding": "gzip, br"}),
        version="1",
        last_modified=None,
        render=page,
    )
    as_gzip = cached_response(
        request=request(**{"Accept-Encoding": "gzip"}), version="1", last_modified=None, render=page
    )

    assert plain.content == BODY
    assert "Content-Encoding" not in plain
    assert as_brotli["Content-Encoding"] == "br"
    assert brotli.decompress(as_brotli.content) == BODY
    assert len(as_brotli.content) < len(BODY) / 10
    assert as_gzip["Content-Encoding"] == "gzip"
    assert gzip.decompress(as_gzip.content) == BODY
    assert int(as_gzip["Content-Length"]) == len(as_gzip.content)
    # Every representation says it varies with Accept-Encoding and has its own ETag.
    assert {response["Vary"] for response in (plain, as_brotli, as_gzip)} == {"Accept-Encoding"}
    assert len({response["ETag"] for response in (plain, as_brotli, as_gzip)}) == 3


def test_compressed_body_is_stored_so_a_hit_does_not_compress_again(monkeypatch):
    brotli_request = request(**{"Accept-Encoding": "br"})
    cached_response(request=brotli_request, version="1", last_modified=None, render=page)
    compressions = []
    original = brotli.compress
    monkeypatch.setattr(
        brotli, "compress", lambda *a, **k: compressions.append(1) or original(*a, **k)
    )

    again = cached_response(request=brotli_request, version="1", last_modified=None, render=page)

    assert brotli.decompress(again.content) == BODY
    assert compressions == []


def test_small_and_binary_responses_are_not_compressed():
    small = cached_response(
        request=request(**{"Accept-Encoding": "br"}),
        version="1",
        last_modified=None,
        render=lambda: HttpResponse(b"{}", content_type="application/json"),
    )
    image = cached_response(
        request=request("/other/", **{"Accept-Encoding": "br"}),
        version="1",
        last_modified=None,
        render=lambda: HttpResponse(b"\x89PNG" * 1000, content_type="image/png"),
    )

    assert "Content-Encoding" not in small
    assert "Content-Encoding" not in image


def test_revalidation_with_the_compressed_etag_answers_304():
    first = cached_response(
        request=request(**{"Accept-Encoding": "br"}), version="1", last_modified=None, render=page
    )

    again = cached_response(
        request=request(**{"Accept-Encoding": "br", "If-None-Match": first["ETag"]}),
        version="1",
        last_modified=None,
        render=page,
    )

    assert again.status_code == 304
    assert again["Vary"] == "Accept-Encoding"


@pytest.mark.parametrize(
    "uncompressed",
    [
        HttpResponse(b'{"state": "open"}', content_type="application/json"),  # too small
        HttpResponse(b"%PDF-" * 1000, content_type="application/pdf"),  # not a text
    ],
)
def test_revalidation_of_a_response_sent_uncompressed_to_a_browser_answers_304(uncompressed):
    # Browsers accept Brotli and gzip on every request: a response stored uncompressed is
    # still sent with its plain ETag, which is the one they send back.
    browser = {"Accept-Encoding": "gzip, deflate, br, zstd"}
    first = cached_response(
        request=request(**browser), version="1", last_modified=None, render=lambda: uncompressed
    )

    again = cached_response(
        request=request(**browser, **{"If-None-Match": first["ETag"]}),
        version="1",
        last_modified=None,
        render=lambda: uncompressed,
    )

    assert "Content-Encoding" not in first
    assert again.status_code == 304
    assert again["ETag"] == first["ETag"]


def test_a_page_that_carries_a_csrf_token_is_neither_stored_nor_compressed():
    # BREACH reads a secret from the length of compressed responses; and a stored copy would
    # hand one visitor's token to every other.
    renders = []

    def visit() -> HttpResponse:
        asked = request(**{"Accept-Encoding": "gzip, br"})

        def render() -> HttpResponse:
            renders.append(1)
            return HttpResponse(
                f"<form>{get_token(asked)}</form>".encode() * 50, content_type="text/html"
            )

        return cached_response(request=asked, version="1", last_modified=None, render=render)

    first, second = visit(), visit()

    assert renders == [1, 1]
    assert "Content-Encoding" not in first
    assert "ETag" not in first
    assert "no-store" in first["Cache-Control"]
    assert b"<form>" in second.content


@pytest.mark.django_db
def test_agenda_is_served_compressed_and_carries_no_csrf_token(client):
    conference = published_programme(sessions=30)
    url = reverse("programme:agenda", kwargs={"conference": conference.slug})

    response = client.get(url, headers={"Accept-Encoding": "gzip, br"})

    assert response.status_code == 200
    assert response["Content-Encoding"] == "br"
    html = brotli.decompress(response.content).decode()
    assert "Agenda" in html
    # BREACH needs a secret in a compressed page: public pages carry none.
    assert "csrfmiddlewaretoken" not in html
    assert not response.cookies


def test_two_hundred_concurrent_requests_after_an_edit_render_the_page_once():
    renders = []

    def slow_render(version: str):
        def render() -> HttpResponse:
            renders.append(version)
            time.sleep(0.2)  # long enough for every thread to arrive while it renders
            return HttpResponse(f"version {version} ".encode() * 100, content_type="text/html")

        return render

    cached_response(request=request(), version="1", last_modified=None, render=slow_render("1"))
    assert renders == ["1"]

    # The programme changes: version 2. 200 visitors ask at once.
    bodies = []
    start = threading.Barrier(200)

    def visit() -> None:
        start.wait()
        response = cached_response(
            request=request(), version="2", last_modified=None, render=slow_render("2")
        )
        bodies.append(response.content[:9])

    threads = [threading.Thread(target=visit) for _ in range(200)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert renders == ["1", "2"]
    assert len(bodies) == 200
    # The others got the previous version meanwhile (or the new one, once stored).
    assert set(bodies) <= {b"version 1", b"version 2"}
    assert b"version 1" in bodies
    cache.clear()


def test_concurrent_first_requests_wait_for_the_one_render():
    renders = []

    def render() -> HttpResponse:
        renders.append(1)
        time.sleep(0.2)
        return HttpResponse(BODY, content_type="text/html")

    bodies = []

    def visit() -> None:
        bodies.append(
            cached_response(
                request=request(), version="1", last_modified=None, render=render
            ).content
        )

    threads = [threading.Thread(target=visit) for _ in range(50)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert renders == [1]
    assert bodies == [BODY] * 50


@pytest.mark.django_db
def test_search_results_not_stored_are_still_sent_compressed(client):
    conference = published_programme(sessions=10)
    url = reverse("programme:search", kwargs={"conference": conference.slug})
    query = {"q": conference.sessions.first().title.split()[0]}

    plain = client.get(url, query)
    compressed = client.get(url, query, headers={"Accept-Encoding": "gzip, br"})

    assert "ETag" not in plain  # not stored: each query is a page of its own
    assert "Content-Encoding" not in plain
    assert compressed["Content-Encoding"] == "br"
    assert brotli.decompress(compressed.content) == plain.content
    assert int(compressed["Content-Length"]) == len(compressed.content)
    assert "Accept-Encoding" in plain["Vary"]
    assert "Accept-Encoding" in compressed["Vary"]


@pytest.mark.django_db
def test_staff_preview_is_never_compressed(client):
    conference = published_programme(sessions=10)
    client.force_login(StaffUserFactory())
    url = reverse("programme:search", kwargs={"conference": conference.slug})

    response = client.get(url, {"q": "session"}, headers={"Accept-Encoding": "br"})

    assert "Content-Encoding" not in response
