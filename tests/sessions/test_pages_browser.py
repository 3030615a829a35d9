import datetime
import re
from pathlib import Path

from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from playwright.sync_api import expect

from delegations.models import DelegationStatus, Role, State
from sessions.models import SessionKind, SessionRoleKind
from tests.factories import (
    KARACHI,
    ApplicationFactory,
    DelegationFactory,
    HostFactory,
    InvitationFactory,
    OpenConferenceFactory,
    ParticipantFactory,
    PublishedConferenceFactory,
    PublishedSessionFactory,
    RoomFactory,
    SessionRoleFactory,
    TrackFactory,
)

LANGUAGES = [code for code, _name in settings.LANGUAGES]
# Where a test leaves what a person should look at (git-ignored).
ARTIFACTS = Path(settings.BASE_DIR) / "test-results"
PORTAL_TOKEN = "browser-portal-token"


def at(hour, day=30):
    return datetime.datetime(2023, 8, day, hour, 0, tzinfo=KARACHI)


def publish_programme():
    """A small published meeting: two tracks, parallel panels, speakers and a delegation."""
    conference = PublishedConferenceFactory(
        slug="pkmpm",
        title="UN Peacekeeping Ministerial Preparatory Meeting",
        theme="Ensuring the Safety and Security of UN Peacekeepers",
        languages=LANGUAGES,
    )
    HostFactory(conference=conference, name="Pakistan")
    hall = RoomFactory(venue=conference.venue, name="Main Hall")
    annex = RoomFactory(venue=conference.venue, name="Annex")
    medical = TrackFactory(
        conference=conference, slug="medical", name="Medical capabilities", colour="#b42318"
    )
    technology = TrackFactory(conference=conference, slug="technology", name="Technology")
    PublishedSessionFactory(
        conference=conference,
        kind=SessionKind.OPENING,
        title="Opening ceremony",
        room=hall,
        starts_at=at(9),
        ends_at=at(10),
    )
    evacuation = PublishedSessionFactory(
        conference=conference,
        title="Casualty evacuation in the golden hour",
        description="Medical evacuation from remote team sites.",
        room=hall,
        track=medical,
        starts_at=at(10),
        ends_at=at(11),
    )
    PublishedSessionFactory(
        conference=conference,
        title="Drones and situational awareness",
        room=annex,
        track=technology,
        starts_at=at(10),
        ends_at=at(11),
    )
    SessionRoleFactory(
        session=evacuation,
        role=SessionRoleKind.MODERATOR,
        speaker__honorific="Dr.",
        speaker__given_name="Aisha",
        speaker__family_name="Rahman",
        speaker__title="Medical Director",
    )
    SessionRoleFactory(session=evacuation, speaker__family_name="Sato")
    ParticipantFactory(
        delegation=DelegationFactory(
            conference=conference, status=DelegationStatus.ACCREDITED, country="GH"
        ),
        role=Role.HEAD,
        state=State.APPROVED,
        consents_to_public_listing=True,
    )
    return conference, evacuation


def test_agenda_filter_search_star_and_download_my_agenda(live_server, page):
    conference, evacuation = publish_programme()
    # The Content-Security-Policy reports anything inline as a console error.
    errors = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.goto(live_server.url + reverse("programme:agenda", kwargs={"conference": "pkmpm"}))

    page.get_by_label("Track").select_option(label="Medical capabilities")
    page.get_by_role("button", name="Filter").click()
    expect(page).to_have_url(re.compile(r"track=medical"))
    expect(
        page.get_by_role("heading", name="Casualty evacuation in the golden hour")
    ).to_be_visible()
    expect(page.get_by_text("Drones and situational awareness")).to_have_count(0)

    page.get_by_label("Search the programme").fill("remote evacuation")
    page.get_by_role("button", name="Search", exact=True).click()
    page.get_by_role("link", name="Casualty evacuation in the golden hour").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Casualty evacuation in the golden hour"
    )

    star = page.get_by_role(
        "button", name="Add “Casualty evacuation in the golden hour” to my agenda"
    )
    star.click()
    expect(star).to_have_attribute("aria-pressed", "true")
    page.get_by_role("link", name="My agenda").click()
    expect(
        page.get_by_role("heading", name="Casualty evacuation in the golden hour")
    ).to_be_visible()
    download = page.get_by_role("link", name="Download my agenda (.ics)")
    expect(download).to_have_attribute(
        "href", f"/{conference.slug}/calendar.ics?session={evacuation.pk}&lang=en"
    )
    assert errors == []


def public_page_urls(conference, session) -> list[str]:
    """Every public page and the portal's, in the active language."""
    speaker = session.roles.first().speaker
    slug = {"conference": conference.slug}
    invitation = InvitationFactory(
        token=PORTAL_TOKEN,
        delegation__conference=OpenConferenceFactory(slug="open", languages=LANGUAGES),
    )
    member = ParticipantFactory(delegation=invitation.delegation, functional_title="Minister")
    application = ApplicationFactory(conference=invitation.delegation.conference)
    portal = {"token": PORTAL_TOKEN}
    open_conference = {"conference": "open"}
    return [
        reverse("programme:conference_list"),
        reverse("programme:conference", kwargs=slug),
        reverse("programme:agenda", kwargs=slug),
        reverse("programme:agenda", kwargs=slug) + "?track=nope",
        reverse("programme:search", kwargs=slug) + "?q=evacuation",
        reverse("programme:session", kwargs={**slug, "pk": session.pk}),
        reverse("programme:speakers", kwargs=slug),
        reverse("programme:speaker", kwargs={**slug, "pk": speaker.pk}),
        reverse("accreditation:delegations", kwargs=slug),
        reverse("programme:personal_agenda", kwargs=slug) + f"?session={session.pk}",
        reverse("programme:api_docs"),
        reverse("registration:portal", kwargs=portal),
        reverse("registration:member_add", kwargs=portal),
        reverse("registration:member_edit", kwargs={**portal, "pk": member.pk}),
        reverse("registration:member_withdraw", kwargs={**portal, "pk": member.pk}),
        reverse("registration:apply", kwargs=open_conference),
        reverse("registration:apply_sent", kwargs=open_conference),
        reverse(
            "registration:apply_status",
            kwargs={**open_conference, "token": application.status_token()},
        ),
    ]


def every_language_page_urls(conference, session) -> list[str]:
    """The public pages and the portal's in all six languages, one language after the other."""
    with translation.override("en"):
        english = public_page_urls(conference, session)
    return [f"/{language}{url.removeprefix('/en')}" for language in LANGUAGES for url in english]


def test_public_pages_in_every_language_pass_axe_without_violations(live_server, page):
    conference, session = publish_programme()
    violations = {}
    for url in every_language_page_urls(conference, session):
        page.goto(live_server.url + url)
        results = Axe().run(page)
        if results.violations_count:
            violations[url] = results.generate_report()

    assert violations == {}


def test_public_pages_in_every_language_fit_a_360_pixel_screen(live_server, page):
    conference, session = publish_programme()
    page.set_viewport_size({"width": 360, "height": 740})
    widths = {}
    for url in every_language_page_urls(conference, session):
        page.goto(live_server.url + url)
        widths[url] = page.evaluate("document.documentElement.scrollWidth")

    assert {url: width for url, width in widths.items() if width > 360} == {}


def test_arabic_agenda_is_laid_out_right_to_left(live_server, page):
    conference, _session = publish_programme()
    page.set_viewport_size({"width": 1024, "height": 900})
    with translation.override("ar"):
        agenda = reverse("programme:agenda", kwargs={"conference": conference.slug})

    page.goto(f"{live_server.url}{agenda}?day=2023-08-30")

    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    main = page.locator("main").bounding_box()
    slot = page.locator(".slot").first
    time, card = slot.locator(".slot-time").bounding_box(), slot.locator("li").first
    card_box = card.bounding_box()
    # The time column is at the right edge and the session to its left; the heading and the
    # star follow: the title at the card's right, the star at its left.
    assert abs((time["x"] + time["width"]) - (main["x"] + main["width"] - 16)) < 2
    assert card_box["x"] + card_box["width"] <= time["x"]
    title = card.locator("h4").bounding_box()
    star = card.locator(".star")
    assert title["x"] + title["width"] > card_box["x"] + card_box["width"] / 2
    if star.is_visible():
        assert star.bounding_box()["x"] < title["x"]
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / "agenda-ar.png", full_page=True)
