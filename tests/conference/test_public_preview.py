import pytest
from django.urls import reverse

from tests.factories import ConferenceFactory, StaffMemberFactory

pytestmark = pytest.mark.django_db


def home_url(conference):
    return reverse("programme:conference", kwargs={"conference": conference.slug})


def test_staff_without_the_programme_permission_get_no_preview(client):
    conference = ConferenceFactory()
    client.force_login(StaffMemberFactory(permissions=["delegations.view_participant"]))

    page = client.get(home_url(conference))
    calendar = client.get(reverse("feeds:conference_ics", args=[conference.slug]))

    assert page.status_code == 404
    assert calendar.status_code == 404


def test_staff_who_may_view_sessions_get_a_preview(client):
    conference = ConferenceFactory()
    client.force_login(StaffMemberFactory(permissions=["programme.view_session"]))

    page = client.get(home_url(conference))
    calendar = client.get(reverse("feeds:conference_ics", args=[conference.slug]))

    assert page.status_code == 200
    assert "Preview" in page.content.decode()
    assert calendar.status_code == 200
