"""The ?session=<id> list shared by the personal agenda page and its calendar feed."""

import pytest
from django.urls import reverse

from sessions.forms import MAX_PERSONAL_SESSIONS
from tests.factories import PublishedSessionFactory

pytestmark = pytest.mark.django_db

ENDPOINTS = ["programme:personal_agenda", "feeds:conference_ics"]


def get_with_ids(client, endpoint, conference, ids):
    return client.get(reverse(endpoint, kwargs={"conference": conference.slug}), {"session": ids})


@pytest.mark.parametrize("endpoint", ENDPOINTS)
@pytest.mark.parametrize(
    "malformed",
    [
        "²",  # str.isdigit() says yes, int() says no
        "٣",  # an Arabic-Indic three: int() would read 3
        "-1",
        "0",
        "",
        "+1",
        " 1",
        "1_0",
        "9" * 5000,  # longer than int() converts
    ],
)
def test_session_ids_malformed_is_bad_request(client, endpoint, malformed):
    session = PublishedSessionFactory()

    response = get_with_ids(client, endpoint, session.conference, [str(session.pk), malformed])

    assert response.status_code == 400
    assert "is not a session number" in response.content.decode()


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_session_ids_over_the_cap_is_bad_request(client, endpoint):
    session = PublishedSessionFactory()
    ids = [str(number) for number in range(1, MAX_PERSONAL_SESSIONS + 2)]

    response = get_with_ids(client, endpoint, session.conference, ids)

    assert response.status_code == 400
    assert f"at most {MAX_PERSONAL_SESSIONS} sessions" in response.content.decode()


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_session_ids_at_the_cap_are_accepted(client, endpoint):
    session = PublishedSessionFactory()
    ids = [str(session.pk)] + [str(number) for number in range(1, MAX_PERSONAL_SESSIONS)]

    response = get_with_ids(client, endpoint, session.conference, ids)

    assert response.status_code == 200


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_session_ids_beyond_any_stored_id_are_ignored(client, endpoint):
    session = PublishedSessionFactory(title="Opening")

    response = get_with_ids(client, endpoint, session.conference, ["9" * 30, str(session.pk)])

    assert response.status_code == 200
    assert "Opening" in response.content.decode()
