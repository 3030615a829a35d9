"""The pledge pages in a browser: a focal point pledges in the portal; the public page shows the
announced totals, readable without JavaScript and accessible, in English and in Arabic."""

import datetime

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from delegations.models import DelegationStatus
from pledges.models import Pledge, PledgeState, Unit
from tests.browser import assert_accessible
from tests.factories import DelegationFactory, PublishedConferenceFactory
from tests.pledges.factories import (
    PledgeFactory,
    PledgeRegisterFactory,
    capability,
    portal_delegation,
)

TOKEN = "browser-pledges-token"
LANGUAGES = [code for code, _name in settings.LANGUAGES]


def announced_pledges():
    conference = PublishedConferenceFactory(slug="ministerial", languages=LANGUAGES)
    PledgeRegisterFactory(conference=conference)
    for country, code, quantity, unit in [
        ("GH", "infantry-battalion", 750, Unit.PERSONNEL),
        ("PK", "infantry-battalion", 850, Unit.PERSONNEL),
        ("JP", "funding", 5_000_000, Unit.USD),
    ]:
        PledgeFactory(
            delegation=DelegationFactory(
                conference=conference, country=country, status=DelegationStatus.ACCREDITED
            ),
            capability=capability(code),
            quantity=quantity,
            unit=unit,
            state=PledgeState.ANNOUNCED,
        )
    return conference


def test_public_pledges_page_charts_and_filters_without_javascript(live_server, browser):
    conference = announced_pledges()
    # Axe needs JavaScript: the accessibility checks are in the tests below.
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()

    page.goto(live_server.url + reverse("pledges:public", kwargs={"conference": conference.slug}))

    expect(page.get_by_role("heading", level=1)).to_have_text("Announced pledges")
    expect(page.get_by_role("img", name="Pledged capabilities, in personnel")).to_be_visible()
    expect(page.get_by_role("row", name="Infantry battalion 1,600 personnel 2")).to_be_visible()

    page.get_by_label("Regional group").select_option(label="African States")
    page.get_by_role("button", name="Show").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Announced pledges: African States")
    expect(page.get_by_role("row", name="Infantry battalion 750 personnel 1")).to_be_visible()
    expect(page.get_by_text("US dollars")).to_have_count(0)
    context.close()


def test_public_pledges_page_is_accessible(live_server, page):
    conference = announced_pledges()

    page.goto(live_server.url + reverse("pledges:public", kwargs={"conference": conference.slug}))

    expect(page.get_by_role("img", name="Pledged capabilities, in US dollars")).to_be_visible()
    assert_accessible(page)


def test_public_pledges_page_in_arabic_is_right_to_left_and_accessible(live_server, page):
    conference = announced_pledges()

    page.goto(live_server.url + f"/ar/{conference.slug}/pledges/")

    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.get_by_role("rowheader", name="كتيبة مشاة")).to_be_visible()
    assert_accessible(page)


def test_focal_point_saves_a_draft_then_submits_it(live_server, page):
    delegation = portal_delegation(TOKEN)
    deployable = timezone.localdate() + datetime.timedelta(days=45)

    page.goto(live_server.url + reverse("registration:portal", kwargs={"token": TOKEN}))
    page.get_by_role("link", name="Pledges").click()
    page.get_by_role("link", name="Make a pledge").click()
    page.get_by_label("Capability").select_option(label="Level II hospital")
    page.get_by_label("Quantity").fill("1")
    page.get_by_label("Unit").select_option(label="units")
    page.get_by_label("Deployable from").fill(deployable.isoformat())
    page.get_by_label("Contact name").fill("Col. Ama Mensah")
    page.get_by_label("Contact e-mail").fill("ama.mensah@mission.example.org")
    page.get_by_label("May be announced publicly").check()
    assert_accessible(page)
    page.get_by_role("button", name="Save the draft").click()

    expect(page.get_by_text("The draft has been saved.")).to_be_visible()
    page.get_by_role("link", name="Level II hospital").click()
    page.get_by_label("Quantity").fill("0")
    page.get_by_role("button", name="Submit to the organisers").click()
    expect(page.get_by_text("Ensure this value is greater than or equal to 1.")).to_be_visible()
    page.get_by_label("Quantity").fill("2")
    page.get_by_role("button", name="Submit to the organisers").click()

    expect(page.get_by_text("The pledge has been submitted to the organisers.")).to_be_visible()
    pledge = Pledge.objects.get(delegation=delegation)
    assert (pledge.state, pledge.quantity) == (PledgeState.SUBMITTED, 2)
    assert_accessible(page)
