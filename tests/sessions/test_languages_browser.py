import re

from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse
from django.utils import translation
from playwright.sync_api import expect

from tests.factories import PublishedConferenceFactory, PublishedSessionFactory, RoomFactory


def test_agenda_in_french_filtered_to_sessions_one_can_follow_in_arabic(live_server, page):
    conference = PublishedConferenceFactory(
        languages=["en", "fr", "ar"], title_translations={"fr": "Réunion préparatoire"}
    )
    room = RoomFactory(venue=conference.venue, name_translations={"fr": "Grand auditorium"})
    PublishedSessionFactory(
        conference=conference,
        room=room,
        title="Keynote address by the Chief of Army Staff",
        title_translations={
            "fr": "Discours liminaire du chef d'état-major",
            "ar": "الكلمة الرئيسية لرئيس أركان الجيش",
        },
        interpretation=["fr", "ar"],
    )
    PublishedSessionFactory(
        conference=conference,
        room=room,
        title="Panel on capacity-building",
        title_translations={"fr": "Table ronde sur le renforcement des capacités"},
        interpretation=["fr"],
    )
    page.set_viewport_size({"width": 360, "height": 740})
    with translation.override("fr"):
        agenda = reverse("programme:agenda", kwargs={"conference": conference.slug})
    page.goto(live_server.url + agenda)
    expect(page.locator("[data-stars] h4")).to_have_text(
        [
            "Discours liminaire du chef d'état-major",
            "Table ronde sur le renforcement des capacités",
        ]
    )

    page.get_by_label("Disponible en").select_option("ar")
    page.locator(".filter-actions button").click()

    expect(page).to_have_url(re.compile(rf"^{live_server.url}/fr/.*language=ar"))
    expect(page.locator("[data-stars] h4")).to_have_text(
        ["Discours liminaire du chef d'état-major"]
    )
    # The only session of the day: its languages are named under the day's heading.
    expect(page.locator(".day-languages")).to_contain_text(
        "Anglais, interprétation vers\u00a0: Français, Arabe"
    )
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()
