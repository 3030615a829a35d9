"""An organiser and a viewer, each with roles in two conferences, at work in the admin."""

import datetime

import pytest
from playwright.sync_api import expect

from conference.models import Role
from tests.browser import assert_accessible
from tests.factories import (
    PASSWORD,
    ConferenceFactory,
    ConferenceRoleFactory,
    DelegationFactory,
    SpeakerFactory,
    UserFactory,
)

DESKTOP = {"width": 1366, "height": 768}


@pytest.fixture
def browser_context_args(browser_context_args):
    return {**browser_context_args, "viewport": DESKTOP}


@pytest.fixture
def two_conferences():
    old = ConferenceFactory(short_title="PKM Prep 2023")
    new = ConferenceFactory(
        short_title="PKM 2027",
        start_date=datetime.date(2027, 5, 12),
        end_date=datetime.date(2027, 5, 13),
    )
    DelegationFactory(conference=old, country="MA")
    DelegationFactory(conference=new, country="MA")
    DelegationFactory(conference=new, country="GH")
    return old, new


@pytest.fixture
def csp_violations(page):
    violations = []
    page.on(
        "console",
        lambda message: (
            violations.append(f"{page.url}: {message.text}")
            if "Content Security Policy" in message.text
            else None
        ),
    )
    yield violations
    assert violations == []


def log_in(page, live_server, user, language="en") -> None:
    page.goto(f"{live_server.url}/{language}/staff/login/?next=/{language}/admin/")
    page.locator("input[name=username]").fill(user.username)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("button[type=submit]").click()
    expect(page).to_have_url(f"{live_server.url}/{language}/admin/")


def switch_to(page, conference) -> None:
    page.get_by_label("Conference", exact=True).select_option(str(conference.pk))
    page.get_by_role("button", name="Work in it").click()


def test_an_organiser_works_in_one_conference_then_the_other(
    live_server, page, two_conferences, csp_violations
):
    old, new = two_conferences
    organiser = UserFactory(is_staff=True)
    ConferenceRoleFactory(user=organiser, conference=old, role=Role.ORGANISER)
    ConferenceRoleFactory(user=organiser, conference=new, role=Role.ORGANISER)
    SpeakerFactory(conference=old, given_name="Amina", family_name="Khan")
    SpeakerFactory(conference=new, given_name="Amina", family_name="Khan")
    log_in(page, live_server, organiser)

    switch_to(page, new)
    assert_accessible(page)
    page.locator("#content tr.model-delegation th a").click()
    expect(page.locator("#result_list tbody tr")).to_have_count(2)
    assert_accessible(page)

    # A session of 2027: its speaker picker offers the 2027 speaker, named with its conference.
    page.goto(f"{live_server.url}/en/admin/programme/session/add/")
    expect(page.locator(".field-conference select")).to_have_value(str(new.pk))
    page.locator("#id_roles-0-speaker + .select2 .select2-selection").click()
    page.locator(".select2-search__field").fill("Khan")
    expect(page.locator(".select2-results__option")).to_have_text(["Amina Khan (PKM 2027)"])
    page.keyboard.press("Escape")

    switch_to(page, old)
    page.goto(f"{live_server.url}/en/admin/delegations/delegation/")
    expect(page.locator("#result_list tbody tr")).to_have_count(1)


def test_a_viewer_reads_one_conference_and_organises_the_other(live_server, page, two_conferences):
    old, new = two_conferences
    user = UserFactory(is_staff=True)
    ConferenceRoleFactory(user=user, conference=old, role=Role.VIEWER)
    ConferenceRoleFactory(user=user, conference=new, role=Role.ORGANISER)
    log_in(page, live_server, user)

    switch_to(page, old)
    page.goto(f"{live_server.url}/en/admin/delegations/delegation/")
    expect(page.locator("#result_list tbody tr")).to_have_count(1)
    expect(page.get_by_role("link", name="Add delegation")).to_have_count(0)
    assert_accessible(page)
    page.locator("#result_list tbody th a").first.click()
    expect(page.get_by_role("button", name="Save", exact=True)).to_have_count(0)

    switch_to(page, new)
    page.goto(f"{live_server.url}/en/admin/delegations/delegation/")
    expect(page.get_by_role("link", name="Add delegation")).to_have_count(1)


def test_the_admin_in_arabic_reads_right_to_left_with_the_switcher(
    live_server, page, two_conferences, csp_violations
):
    _old, new = two_conferences
    user = UserFactory(is_staff=True)
    ConferenceRoleFactory(user=user, conference=new, role=Role.ORGANISER)
    log_in(page, live_server, user, language="ar")

    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator(".workspace-switcher select")).to_have_value(str(new.pk))
    assert_accessible(page)
    switcher = page.locator(".workspace-switcher").bounding_box()
    assert switcher["width"] <= DESKTOP["width"]
