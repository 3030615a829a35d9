from playwright.sync_api import expect

from floor.speakers import inscription_add, speaker_call_next
from tests.browser import assert_accessible
from tests.factories import PASSWORD, StaffUserFactory
from tests.floor.helpers import delegation_with_head, plenary


def log_in(page, live_server):
    organiser = StaffUserFactory()
    page.goto(f"{live_server.url}/en/staff/login/")
    page.get_by_label("Username").fill(organiser.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()


def test_screen_in_the_room_follows_the_chair_within_two_seconds(live_server, page):
    violations = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    session = plenary()
    heads = {}
    for country in ["GH", "JP"]:
        delegation, heads[country] = delegation_with_head(session.conference, country=country)
        inscription_add(
            session=session, delegation=delegation, speaker=heads[country], language="en"
        )
    log_in(page, live_server)
    path = f"/staff/{session.conference.slug}/floor/speakers/{session.pk}/screen/"

    page.goto(f"{live_server.url}/en{path}")
    expect(page.locator("#live-delegation")).to_have_text("Nobody has the floor.")
    expect(page.locator("#live-waiting li")).to_have_count(2)
    assert_accessible(page)

    # The chair gives the floor elsewhere; the screen shows it without being reloaded.
    speaker_call_next(speakers_list=session.speakers_list)
    expect(page.locator("#live-delegation")).to_have_text("Ghana", timeout=2000)
    expect(page.locator("#live-waiting li")).to_have_count(1, timeout=2000)
    expect(page.locator("#live-timer")).not_to_have_text("0:00", timeout=2500)

    speaker_call_next(speakers_list=session.speakers_list)
    expect(page.locator("#live-delegation")).to_have_text("Japan", timeout=2000)
    expect(page.locator("#live-delivered li")).to_have_text(
        [f"Ghana · {heads['GH'].display_name}"], timeout=2000
    )
    assert violations == []


def test_chair_page_in_arabic_runs_right_to_left_on_a_phone(live_server, page):
    session = plenary()
    delegation, head = delegation_with_head(session.conference, country="EG")
    inscription_add(session=session, delegation=delegation, speaker=head, language="ar")
    page.set_viewport_size({"width": 390, "height": 844})
    log_in(page, live_server)

    page.goto(
        f"{live_server.url}/ar/staff/{session.conference.slug}/floor/speakers/{session.pk}/chair/"
    )
    page.locator("button[value=next]").click()

    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator("#live-delegation")).to_have_text("مصر", timeout=2000)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390
    assert_accessible(page)
