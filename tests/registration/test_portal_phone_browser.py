"""The portal on a delegate's phone: members as cards that read at 360 px, in Arabic too."""

import pytest
from django.urls import reverse
from django.utils import translation
from playwright.sync_api import expect

from delegations.models import Role
from tests.factories import InvitationFactory, OpenConferenceFactory, ParticipantFactory

TOKEN = "phone-portal-token"


@pytest.mark.parametrize("language", ["en", "ar"])
def test_a_full_delegations_members_read_as_cards_on_a_phone(live_server, page, language):
    conference = OpenConferenceFactory(languages=["en", "ar"])
    invitation = InvitationFactory(
        token=TOKEN, delegation__conference=conference, delegation__quota=2
    )
    ParticipantFactory(
        delegation=invitation.delegation,
        role=Role.HEAD,
        given_name="Abdulrahman",
        family_name="Al-Mahmoud",
        functional_title="Permanent Representative to the United Nations",
        email="abdulrahman.al-mahmoud@mission-of-qatar.example.org",
    )
    ParticipantFactory(delegation=invitation.delegation)
    page.set_viewport_size({"width": 360, "height": 740})
    with translation.override(language):
        url = reverse("registration:portal", kwargs={"token": TOKEN})

    page.goto(live_server.url + url)

    cards = page.locator(".member-card")
    expect(cards).to_have_count(2)
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    name = cards.first.locator("h3")
    line_height = name.evaluate("element => parseFloat(getComputedStyle(element).lineHeight)")
    assert name.bounding_box()["height"] < 3 * line_height  # not wrapped letter by letter
    expect(page.locator("#quota-full")).to_be_visible()
    page.screenshot(path=f"test-results/portal-phone-{language}.png", full_page=True)
