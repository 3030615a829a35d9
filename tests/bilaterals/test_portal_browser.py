import datetime
import re

from django.utils import timezone
from playwright.sync_api import expect

from bilaterals.models import Bilateral, BilateralState
from tests.browser import assert_accessible
from tests.factories import (
    BilateralSlotFactory,
    DelegationFactory,
    InvitationFactory,
    OpenConferenceFactory,
    ParticipantFactory,
    RoomFactory,
)


def bilateral_conference():
    first = timezone.localdate() + datetime.timedelta(days=10)
    conference = OpenConferenceFactory(
        start_date=first,
        end_date=first + datetime.timedelta(days=1),
        languages=["en", "ar"],
    )
    BilateralSlotFactory(
        conference=conference, room=RoomFactory(venue=conference.venue, name="Bilateral Room A")
    )
    return conference


def test_focal_points_request_and_accept_a_bilateral(live_server, page):
    conference = bilateral_conference()
    ghana = DelegationFactory(conference=conference, country="GH")
    japan = DelegationFactory(conference=conference, country="JP")
    ParticipantFactory(delegation=ghana, given_name="Kwame", family_name="Mensah")
    InvitationFactory(delegation=ghana, token="ghana-browser")
    InvitationFactory(delegation=japan, token="japan-browser")

    page.goto(f"{live_server.url}/en/invitation/ghana-browser/")
    page.get_by_role("link", name="Bilateral meetings").click()
    page.get_by_role("link", name="Request a bilateral meeting").click()
    assert_accessible(page)
    page.get_by_label("Delegation to meet").select_option(label="Japan")
    page.locator("input[name=times]").first.check()
    page.get_by_label(re.compile("Kwame")).check()
    page.get_by_label("Topic").fill("Formed police units")
    page.get_by_role("button", name="Send the request").click()
    expect(page.get_by_role("status").first).to_contain_text("Your request has been sent.")

    page.goto(f"{live_server.url}/en/invitation/japan-browser/bilaterals/")
    page.get_by_role("link", name="Ghana").click()
    expect(page.get_by_text("Formed police units")).to_be_visible()
    page.locator("input[name=accept-time]").first.check()
    page.get_by_role("button", name="Accept", exact=True).click()
    expect(page.get_by_role("cell", name="Bilateral Room A", exact=False)).to_be_visible()
    assert Bilateral.objects.get().state == BilateralState.ACCEPTED


def test_bilateral_pages_read_right_to_left_in_arabic(live_server, page):
    conference = bilateral_conference()
    ghana = DelegationFactory(conference=conference, country="GH")
    DelegationFactory(conference=conference, country="JP")
    InvitationFactory(delegation=ghana, token="ghana-arabic")

    page.goto(f"{live_server.url}/ar/invitation/ghana-arabic/bilaterals/request/")

    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.get_by_role("heading", level=1)).to_have_text("طلب اجتماع ثنائي")
    assert_accessible(page)
