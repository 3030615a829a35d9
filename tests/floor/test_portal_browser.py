import pytest
from playwright.sync_api import expect

from floor.models import Inscription, SwapRequest, SwapStatus
from floor.speakers import inscription_add
from floor.swaps import swap_request
from tests.browser import assert_accessible
from tests.floor.helpers import invited, plenary

pytestmark = pytest.mark.django_db(transaction=True)


def test_focal_point_accepts_an_exchange_of_places_in_arabic_on_a_small_phone(live_server, page):
    session = plenary()
    ghana, ghana_head = invited(session.conference, country="GH", token="ghana")
    egypt, egypt_head = invited(session.conference, country="EG", token="egypt")
    mine = inscription_add(session=session, delegation=ghana, speaker=ghana_head, language="en")
    theirs = inscription_add(session=session, delegation=egypt, speaker=egypt_head, language="ar")
    swap_request(proposer=mine, partner=theirs, delegation=ghana, reason="Flight at 18:00")
    page.set_viewport_size({"width": 360, "height": 780})

    page.goto(f"{live_server.url}/ar/invitation/egypt/speakers/")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.get_by_text("Flight at 18:00")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert_accessible(page)
    page.get_by_role("button", name="قبول التبادل").click()

    expect(page.get_by_role("status").first).to_contain_text("لقد تبادلتم المكان")
    assert SwapRequest.objects.get().status == SwapStatus.ACCEPTED
    assert (
        Inscription.objects.get(pk=theirs.pk).position
        < Inscription.objects.get(pk=mine.pk).position
    )
