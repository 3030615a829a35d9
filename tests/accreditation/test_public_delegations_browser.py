"""The delegations page of a large conference, in Arabic: right to left, a page per
delegation, accessible, and fitting a phone."""

from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from playwright.sync_api import expect

from delegations.models import DelegationStatus, State
from tests.factories import DelegationFactory, ParticipantFactory, PublishedConferenceFactory

LANGUAGES = [code for code, _name in settings.LANGUAGES]


def test_large_conference_delegations_in_arabic_link_a_page_per_delegation(
    live_server, page, monkeypatch
):
    monkeypatch.setattr("accreditation.selectors.NAMES_ON_THE_PAGE_MAX", 1)
    conference = PublishedConferenceFactory(slug="cop", languages=LANGUAGES)
    ghana = DelegationFactory(
        conference=conference, country="GH", status=DelegationStatus.ACCREDITED
    )
    for family_name in ("Mensah", "Owusu"):
        ParticipantFactory(
            delegation=ghana,
            family_name=family_name,
            state=State.APPROVED,
            consents_to_public_listing=True,
        )
    page.set_viewport_size({"width": 360, "height": 740})

    page.goto(f"{live_server.url}/ar/cop/delegations/")

    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.get_by_text("Mensah")).to_have_count(0)
    assert Axe().run(page).violations_count == 0
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.get_by_role("link", name="غانا").click()

    expect(page).to_have_url(f"{live_server.url}/ar/cop/delegations/{ghana.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("غانا")
    expect(page.get_by_text("Mensah", exact=False)).to_be_visible()
    expect(page.get_by_text("Owusu", exact=False)).to_be_visible()
    assert Axe().run(page).violations_count == 0
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
