import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.files.base import ContentFile
from playwright.sync_api import expect

from accreditation.checkin import card_key
from accreditation.models import Entry
from accreditation.qr import badge_token_sign
from delegations.models import Category, Role
from tests.factories import DoorParticipantFactory, DoorSupervisorFactory, ZoneFactory
from tests.photos import jpeg

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def browser_context_args(browser_context_args):
    return {**browser_context_args, "viewport": PHONE, "is_mobile": True, "has_touch": True}


@pytest.fixture
def door_page(live_server, page):
    """A phone logged in by a door supervisor (every conference's door); fails the test on any
    CSP violation."""
    violations = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    user = DoorSupervisorFactory()
    page.goto(f"{live_server.url}/en/staff/login/")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill("correct horse battery staple")
    page.get_by_role("button", name="Log in").click()
    yield page
    assert violations == []


def door_url(live_server, zone, language="en", path="") -> str:
    return (
        f"{live_server.url}/{language}/staff/{zone.conference.slug}/check-in/{path}?zone={zone.pk}"
    )


def card_url(live_server, zone, participant, language="en") -> str:
    """The card's address as the door's scan and search links make it."""
    url = door_url(live_server, zone, language, path=f"{participant.pk}/")
    return f"{url}&card={card_key(participant_pk=participant.pk)}"


def test_check_in_by_badge_number_on_a_phone(live_server, door_page):
    participant = DoorParticipantFactory(
        given_name="Kwame", family_name="Mensah", delegation__country="GH"
    )
    zone = ZoneFactory(conference=participant.conference, name="Plenary hall")
    door_page.goto(door_url(live_server, zone))

    door_page.get_by_role("searchbox", name="Name or badge number").fill(
        f"{participant.pk:06d} Men"
    )
    door_page.get_by_role("button", name="Search").click()
    door_page.get_by_role("link", name="Kwame Mensah").click()
    door_page.get_by_role("button", name="Let in to Plenary hall").click()

    expect(door_page.get_by_role("status").first).to_contain_text(
        "Kwame Mensah entered Plenary hall at"
    )
    assert Entry.objects.filter(participant=participant, zone=zone).count() == 1


def test_check_in_pages_on_a_phone_have_no_accessibility_violations(live_server, door_page):
    participant = DoorParticipantFactory()
    zone = ZoneFactory(conference=participant.conference)
    ZoneFactory(conference=participant.conference)
    violations = {}
    for url in (
        f"{live_server.url}/en/staff/{participant.conference.slug}/check-in/",
        door_url(live_server, zone),
    ):
        door_page.goto(url)
        results = Axe().run(door_page)
        if results.violations_count:
            violations[url] = results.generate_report()

    assert violations == {}


def test_check_in_card_on_a_phone_shows_the_private_photo(live_server, door_page):
    participant = DoorParticipantFactory(given_name="Kwame", family_name="Mensah")
    participant.photo.save("kwame.jpg", ContentFile(jpeg()))
    zone = ZoneFactory(conference=participant.conference)

    door_page.goto(card_url(live_server, zone, participant))

    photo = door_page.get_by_role("img", name="Photo of Kwame Mensah")
    expect(photo).to_be_visible()
    assert photo.evaluate("image => image.decode().then(() => image.naturalWidth)") == 60


def test_check_in_pages_in_arabic_read_right_to_left_on_a_small_phone(live_server, door_page):
    participant = DoorParticipantFactory(given_name="Kwame", family_name="Mensah")
    zone = ZoneFactory(conference=participant.conference, name="Plenary hall")
    door_page.set_viewport_size({"width": 360, "height": 740})
    widths, violations = {}, {}
    for url in (
        door_url(live_server, zone, "ar") + "&q=Mensah",
        card_url(live_server, zone, participant, "ar"),
    ):
        door_page.goto(url)
        expect(door_page.locator("html")).to_have_attribute("dir", "rtl")
        widths[url] = door_page.evaluate("document.documentElement.scrollWidth")
        results = Axe().run(door_page)
        if results.violations_count:
            violations[url] = results.generate_report()

    assert violations == {}
    assert max(widths.values()) <= 360, widths
    # "Next badge" points back, which is to the right in Arabic.
    back = door_page.locator(".arrow-back")
    assert (
        back.evaluate("arrow => getComputedStyle(arrow).transform") == "matrix(-1, 0, 0, 1, 0, 0)"
    )
    expect(door_page.get_by_role("button", name="السماح بالدخول إلى Plenary hall")).to_be_visible()


def scan(page, participant) -> None:
    """What the camera does when it reads the participant's badge."""
    page.evaluate(
        "code => window.plenaryCheckInSend(code)", badge_token_sign(participant=participant)
    )


def test_door_refuses_a_zone_in_red_with_the_reason_and_keeps_scanning(live_server, door_page):
    conference = DoorParticipantFactory().conference
    journalist = DoorParticipantFactory(
        delegation__conference=conference,
        given_name="Ana",
        family_name="Lima",
        category=Category.MEDIA,
    )
    minister = DoorParticipantFactory(
        delegation__conference=conference, given_name="Kwame", family_name="Mensah", role=Role.HEAD
    )
    lounge = ZoneFactory(
        conference=conference,
        name="VIP lounge",
        categories=[Category.ORGANISER],
        roles=[Role.HEAD],
        confirm_each_entry=False,
    )
    door_page.goto(door_url(live_server, lounge))
    page_url = door_page.url

    scan(door_page, journalist)

    refusal = door_page.locator("#scan-result .door-refused")
    expect(refusal).to_contain_text("Refused: Media (Representative) may not enter VIP lounge.")
    expect(door_page.get_by_role("alert")).to_contain_text("Ana Lima")
    assert refusal.evaluate("box => getComputedStyle(box).backgroundColor") == "rgb(255, 235, 233)"

    scan(door_page, minister)

    expect(door_page.locator("#scan-result .door-entered")).to_contain_text(
        "Kwame Mensah entered VIP lounge at"
    )
    assert door_page.url == page_url
    assert list(Entry.objects.values_list("participant", flat=True)) == [minister.pk]


def test_door_asks_one_tap_where_the_zone_confirms_each_entry(live_server, door_page):
    minister = DoorParticipantFactory(given_name="Kwame", family_name="Mensah", role=Role.HEAD)
    lounge = ZoneFactory(
        conference=minister.conference,
        name="VIP lounge",
        categories=[Category.ORGANISER],
        roles=[Role.HEAD],
        confirm_each_entry=True,
    )
    door_page.goto(door_url(live_server, lounge))

    scan(door_page, minister)
    door_page.get_by_role("button", name="Let in to VIP lounge").click()

    expect(door_page.locator("#scan-result .door-entered")).to_contain_text(
        "Kwame Mensah entered VIP lounge at"
    )
    assert Entry.objects.filter(participant=minister, zone=lounge).count() == 1


def test_door_refusal_in_arabic_reads_right_to_left(live_server, door_page):
    journalist = DoorParticipantFactory(category=Category.MEDIA)
    lounge = ZoneFactory(
        conference=journalist.conference, categories=[Category.ORGANISER], roles=[Role.HEAD]
    )
    door_page.set_viewport_size({"width": 360, "height": 740})
    door_page.goto(door_url(live_server, lounge, "ar"))

    scan(door_page, journalist)

    refusal = door_page.locator("#scan-result .door-refused")
    expect(refusal).to_contain_text("رُفض")
    expect(door_page.locator("html")).to_have_attribute("dir", "rtl")
    assert door_page.evaluate("document.documentElement.scrollWidth") <= 360
    results = Axe().run(door_page)
    assert results.violations_count == 0, results.generate_report()
