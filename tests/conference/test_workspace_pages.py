"""The admin's pages around the workspace: the index by job, the retention purge, the mail log
and the task queue, and the change forms' time zone."""

import datetime

import pytest
from django.urls import reverse

from conference.models import Role
from delegations.models import FocalPoint
from tests.factories import (
    ConferenceFactory,
    ConferenceRoleFactory,
    FocalPointFactory,
    SessionFactory,
)

pytestmark = pytest.mark.django_db

SWITCH = reverse("admin:workspace_switch")
RETENTION = reverse("admin:retention")


def groups(response) -> dict[str, list[str]]:
    return {
        str(app["name"]): [str(model["name"]) for model in app["models"]]
        for app in response.context["app_list"]
    }


def test_index_groups_the_models_by_job_in_the_sidebar_order(admin_client):
    admin_client.post(SWITCH, {"conference": ConferenceFactory().pk})

    response = admin_client.get(reverse("admin:index"))

    assert list(groups(response)) == [
        "Programme",
        "Delegations",
        "Accreditation",
        "At the door",
        "Security",
        "Reports",
        "Settings",
    ]


def test_index_links_the_workspace_staff_pages_among_the_jobs(admin_client):
    conference = ConferenceFactory()
    admin_client.post(SWITCH, {"conference": conference.pk})

    response = admin_client.get(reverse("admin:index"))

    found = groups(response)
    assert "Check-in" in found["At the door"]
    assert {"Dashboard", "List of Participants"} <= set(found["Reports"])
    assert "Import participants" in found["Delegations"]
    assert reverse("accreditation:check_in", args=[conference.slug]) in response.text


def test_mail_log_queued_mail_tasks_and_retention_are_in_the_settings(admin_client):
    admin_client.post(SWITCH, {"conference": ConferenceFactory().pk})

    response = admin_client.get(reverse("admin:index"))

    settings = set(groups(response)["Settings"])
    assert {"Messages", "Message logs", "Task Results", "Retention of personal data"} <= settings


def test_check_in_staff_see_only_their_job(client):
    role = ConferenceRoleFactory(role=Role.CHECK_IN)
    client.force_login(role.user)

    response = client.get(reverse("admin:index"))

    assert groups(response) == {"At the door": ["Check-in", "Entries"]}


@pytest.fixture
def ended_conference():
    return ConferenceFactory(
        start_date=datetime.date.today() - datetime.timedelta(days=366),
        end_date=datetime.date.today() - datetime.timedelta(days=365),
        retention_days=180,
    )


def test_retention_page_says_what_a_purge_would_remove_and_removes_nothing(
    admin_client, ended_conference
):
    FocalPointFactory(delegation__conference=ended_conference)
    admin_client.post(SWITCH, {"conference": ended_conference.pk})

    response = admin_client.get(RETENTION)

    assert response.status_code == 200
    assert "Remove this personal data now" in response.text
    assert FocalPoint.objects.count() == 1


def test_retention_purge_removes_the_workspace_personal_data(admin_client, ended_conference):
    FocalPointFactory(delegation__conference=ended_conference)
    kept = FocalPointFactory()
    admin_client.post(SWITCH, {"conference": ended_conference.pk})

    response = admin_client.post(RETENTION)

    assert response.status_code == 302
    assert list(FocalPoint.objects.all()) == [kept]


def test_retention_purge_is_refused_before_the_period_is_over(admin_client):
    conference = ConferenceFactory(
        start_date=datetime.date.today(), end_date=datetime.date.today(), retention_days=180
    )
    FocalPointFactory(delegation__conference=conference)
    admin_client.post(SWITCH, {"conference": conference.pk})

    page = admin_client.get(RETENTION)
    purge = admin_client.post(RETENTION)

    assert "The retention period is not over" in page.text
    assert purge.status_code == 403
    assert FocalPoint.objects.count() == 1


def test_session_form_names_the_zone_and_hides_the_browser_offset_warning(admin_client):
    session = SessionFactory()

    response = admin_client.get(reverse("admin:programme_session_change", args=[session.pk]))

    assert "Times on this page are in the Asia/Karachi time zone." in response.text
    # The stylesheet hides DateTimeShortcuts' "You are N hours behind server time" under
    # this body class; the body's offset stays the conference's, so "Now" gives its time.
    assert "app-programme model-session change-form local-time-form" in response.text
    assert 'data-admin-utc-offset="18000"' in response.text


def test_a_door_volunteers_staff_home_lists_only_the_conferences_of_their_roles(client):
    theirs = ConferenceFactory(short_title="PKM Prep 2023")
    ConferenceFactory(short_title="Another meeting")
    role = ConferenceRoleFactory(conference=theirs, role=Role.CHECK_IN)
    client.force_login(role.user)

    page = client.get(reverse("accreditation:home")).content.decode()

    assert "PKM Prep 2023" in page
    assert "Another meeting" not in page
