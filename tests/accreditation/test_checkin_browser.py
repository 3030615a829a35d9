import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.files.base import ContentFile
from playwright.sync_api import expect

from accreditation.models import CheckIn
from tests.factories import ApprovedParticipantFactory, CheckInStaffFactory
from tests.photos import jpeg

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def browser_context_args(browser_context_args):
    return {**browser_context_args, "viewport": PHONE, "is_mobile": True, "has_touch": True}


@pytest.fixture
def door_page(live_server, page):
    """A phone logged in as check-in staff; fails the test on any CSP violation."""
    violations = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    user = CheckInStaffFactory()
    page.goto(f"{live_server.url}/en/staff/login/")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill("correct horse battery staple")
    page.get_by_role("button", name="Log in").click()
    yield page
    assert violations == []


def test_check_in_by_badge_number_on_a_phone(live_server, door_page):
    participant = ApprovedParticipantFactory(
        given_name="Kwame", family_name="Mensah", delegation__country="GH"
    )
    door_page.goto(f"{live_server.url}/en/staff/{participant.conference.slug}/check-in/")

    door_page.get_by_role("searchbox", name="Name or badge number").fill(f"{participant.pk:06d}")
    door_page.get_by_role("button", name="Search").click()
    door_page.get_by_role("link", name="Kwame Mensah").click()
    door_page.get_by_role("button", name="Check in").click()

    expect(door_page.get_by_role("status").first).to_contain_text("Kwame Mensah checked in at")
    assert CheckIn.objects.filter(participant=participant).count() == 1


def test_check_in_page_on_a_phone_has_no_accessibility_violations(live_server, door_page):
    participant = ApprovedParticipantFactory()
    door_page.goto(f"{live_server.url}/en/staff/{participant.conference.slug}/check-in/")

    results = Axe().run(door_page)

    assert results.violations_count == 0, results.generate_report()


def test_check_in_card_on_a_phone_shows_the_private_photo(live_server, door_page):
    participant = ApprovedParticipantFactory(given_name="Kwame", family_name="Mensah")
    participant.photo.save("kwame.jpg", ContentFile(jpeg()))

    door_page.goto(
        f"{live_server.url}/en/staff/{participant.conference.slug}/check-in/{participant.pk}/"
    )

    photo = door_page.get_by_role("img", name="Photo of Kwame Mensah")
    expect(photo).to_be_visible()
    assert photo.evaluate("image => image.decode().then(() => image.naturalWidth)") == 60


def test_check_in_pages_in_arabic_read_right_to_left_on_a_small_phone(live_server, door_page):
    participant = ApprovedParticipantFactory(given_name="Kwame", family_name="Mensah")
    door_page.set_viewport_size({"width": 360, "height": 740})
    check_in = f"{live_server.url}/ar/staff/{participant.conference.slug}/check-in/"
    widths, violations = {}, {}
    for url in (check_in + "?q=Mensah", f"{check_in}{participant.pk}/"):
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
    expect(door_page.get_by_role("button", name="سجِّل الحضور")).to_be_visible()
