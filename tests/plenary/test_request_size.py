"""A request body larger than any form takes is refused before a byte of it is read."""

import io

import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.urls import reverse
from django.utils import translation

from plenary.middleware import MAX_REQUEST_BYTES
from tests.factories import OpenConferenceFactory

pytestmark = pytest.mark.django_db(transaction=True)

CSRF_TOKEN = "a" * 32


class UnreadableBody(io.RawIOBase):
    """A request body that fails the test if anything reads it."""

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        raise AssertionError("The body was read.")


def wsgi_post(path: str, content_length: int) -> tuple[str, str]:
    """The status and the text of the answer to a POST announcing `content_length` bytes."""
    environ = {
        "REQUEST_METHOD": "POST",
        "PATH_INFO": path,
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "80",
        "REMOTE_ADDR": "203.0.113.7",
        # A valid CSRF pair, so that nothing but the size stops the request.
        "HTTP_COOKIE": f"csrftoken={CSRF_TOKEN}",
        "HTTP_X_CSRFTOKEN": CSRF_TOKEN,
        "CONTENT_TYPE": "multipart/form-data; boundary=boundary",
        "CONTENT_LENGTH": str(content_length),
        "wsgi.input": UnreadableBody(),
        "wsgi.url_scheme": "http",
        "wsgi.errors": io.StringIO(),
    }
    statuses = []
    response = WSGIHandler()(environ, lambda status, headers: statuses.append(status))
    text = b"".join(response).decode()
    response.close()
    return statuses[0], text


def test_a_300_megabyte_photo_is_refused_before_it_is_read():
    conference = OpenConferenceFactory()

    status, text = wsgi_post(reverse("registration:apply", args=[conference.slug]), 300 << 20)

    assert status.startswith("413")
    assert "too large" in text


def test_a_body_too_large_is_refused_in_the_pages_language():
    conference = OpenConferenceFactory()
    with translation.override("fr"):
        path = reverse("registration:apply", args=[conference.slug])

    status, text = wsgi_post(path, 300 << 20)

    assert status.startswith("413")
    assert text == "La requête est trop volumineuse\u00a0: un fichier ne peut dépasser 6 Mo."


def test_the_limit_lets_the_largest_upload_through():
    from delegations.uploads import PHOTO_MAX_BYTES

    assert MAX_REQUEST_BYTES > PHOTO_MAX_BYTES


def test_django_keeps_form_bodies_and_uploads_in_memory_only_up_to_their_limits(settings):
    assert settings.DATA_UPLOAD_MAX_MEMORY_SIZE <= MAX_REQUEST_BYTES
    assert settings.FILE_UPLOAD_MAX_MEMORY_SIZE <= MAX_REQUEST_BYTES
