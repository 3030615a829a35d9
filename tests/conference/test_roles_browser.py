"""A registration officer and a check-in account, each with their role in two conferences, at
their jobs."""

import datetime

import pytest
from playwright.sync_api import expect

from accreditation.models import Entry
from conference.models import Role
from delegations.models import State
from tests.conference.test_workspace_browser import DESKTOP, log_in, switch_to
from tests.factories import (
    PASSWORD,
    ConferenceRoleFactory,
    DelegationFactory,
    DoorConferenceFactory,
    DoorParticipantFactory,
    ParticipantFactory,
    SessionFactory,
    UserFactory,
    ZoneFactory,
)


@pytest.fixture
def browser_context_args(browser_context_args):
    return {**browser_context_args, "viewport": DESKTOP}


@pytest.fixture
def two_meetings():
    """Two meetings running today and tomorrow, each with a pending and an approved member."""
    first = DoorConferenceFactory(short_title="PKM Prep 2023")
    second = DoorConferenceFactory(
        short_title="PKM 2027",
        start_date=first.start_date + datetime.timedelta(days=1),
        end_date=first.end_date + datetime.timedelta(days=1),
    )
    for conference, country, name in [(first, "GH", "Mensah"), (second, "JP", "Tanaka")]:
        delegation = DelegationFactory(conference=conference, country=country)
        ParticipantFactory(delegation=delegation, family_name=f"Pending{name}")
        DoorParticipantFactory(delegation=delegation, given_name="Kofi", family_name=name)
    return first, second


def status_of(page, url: str) -> int:
    return page.goto(url).status


def test_a_registration_officer_approves_a_member_in_each_conference_and_no_programme(
    live_server, page, two_meetings
):
    first, second = two_meetings
    officer = UserFactory(is_staff=True)
    for conference in two_meetings:
        ConferenceRoleFactory(user=officer, conference=conference, role=Role.REGISTRATION_OFFICER)
    SessionFactory(conference=first)
    log_in(page, live_server, officer)
    participants = f"{live_server.url}/en/admin/delegations/participant/?state__exact=pending"

    for conference, name, other in [(first, "Mensah", "Tanaka"), (second, "Tanaka", "Mensah")]:
        switch_to(page, conference)
        page.goto(participants)
        expect(page.locator("#result_list tbody tr")).to_have_count(1)
        expect(page.locator("#result_list")).not_to_contain_text(f"Pending{other}")
        page.locator("#result_list tbody tr").first.locator("input.action-select").check()
        page.locator("select[name=action]").select_option("approve_selected")
        page.get_by_role("button", name="Run").click()
        expect(page.locator(".messagelist")).to_contain_text("is now “Approved”")
        approved = conference.participants.get(family_name=f"Pending{name}")
        assert approved.state == State.APPROVED

    expect(page.locator("#nav-sidebar")).not_to_contain_text("Sessions")
    assert status_of(page, f"{live_server.url}/en/admin/programme/session/") == 403
    assert status_of(page, f"{live_server.url}/en/admin/floor/speakerslist/") == 403


def test_a_check_in_account_lets_people_in_at_its_doors_and_reaches_nothing_else(
    live_server, page, two_meetings
):
    first, second = two_meetings
    door = UserFactory(is_staff=True)
    for conference in two_meetings:
        ConferenceRoleFactory(user=door, conference=conference, role=Role.CHECK_IN)
    hall = ZoneFactory(conference=first, name="Plenary hall")
    ZoneFactory(conference=second, name="Plenary hall")
    page.goto(f"{live_server.url}/en/staff/login/")
    page.get_by_label("Username").fill(door.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()

    page.goto(f"{live_server.url}/en/staff/{first.slug}/check-in/?zone={hall.pk}")
    search = page.get_by_role("searchbox", name="Name or badge number")
    search.fill("Tanaka")
    page.get_by_role("button", name="Search").click()
    expect(page.get_by_text("Nobody matches “Tanaka”.")).to_be_visible()
    search = page.get_by_role("searchbox", name="Name or badge number")
    search.fill("Mensah")
    page.get_by_role("button", name="Search").click()
    page.get_by_role("link", name="Kofi Mensah").click()
    page.get_by_role("button", name="Let in to Plenary hall").click()
    expect(page.get_by_role("status").first).to_contain_text("Kofi Mensah entered Plenary hall")
    assert Entry.objects.get().participant.family_name == "Mensah"

    for path in [
        f"/en/staff/{first.slug}/dashboard/",
        f"/en/staff/{second.slug}/list-of-participants/",
        "/en/admin/delegations/participant/",
        "/en/admin/delegations/delegation/",
        "/en/admin/programme/session/",
        "/en/admin/diplomacy/noteverbale/",
    ]:
        assert status_of(page, f"{live_server.url}{path}") == 403, path
