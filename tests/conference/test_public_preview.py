import pytest
from django.urls import reverse

from conference.models import Role
from tests.factories import ConferenceFactory, ConferenceRoleFactory, StaffMemberFactory

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


def test_a_programme_role_in_a_conference_gives_a_preview_of_that_conference_only(client):
    theirs, other = ConferenceFactory(), ConferenceFactory()
    client.force_login(ConferenceRoleFactory(conference=theirs, role=Role.PROGRAMME_EDITOR).user)

    page = client.get(home_url(theirs))
    calendar = client.get(reverse("feeds:conference_ics", args=[theirs.slug]))
    other_page = client.get(home_url(other))
    other_calendar = client.get(reverse("feeds:conference_ics", args=[other.slug]))

    assert (page.status_code, calendar.status_code) == (200, 200)
    assert "Preview" in page.content.decode()
    assert (other_page.status_code, other_calendar.status_code) == (404, 404)


def test_a_role_without_the_programme_gives_no_preview(client):
    conference = ConferenceFactory()
    client.force_login(ConferenceRoleFactory(conference=conference, role=Role.CHECK_IN).user)

    assert client.get(home_url(conference)).status_code == 404
