"""The dashboard on an organiser's phone."""

from playwright.sync_api import expect

from delegations.models import State
from tests.browser import assert_accessible
from tests.factories import PASSWORD, DelegationFactory, ParticipantFactory, StaffUserFactory

# How many lines a cell's text takes on the page.
LINES = """cell => {
    const range = document.createRange();
    range.selectNodeContents(cell);
    return new Set([...range.getClientRects()].map(rect => Math.round(rect.top))).size;
}"""


def test_dashboard_tables_keep_their_words_whole_on_a_phone(live_server, page):
    delegation = DelegationFactory(country="VE")
    ParticipantFactory(delegation=delegation, state=State.PENDING)
    organiser = StaffUserFactory()
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(f"{live_server.url}/en/staff/login/")
    page.get_by_label("Username").fill(organiser.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()

    page.goto(f"{live_server.url}/en/staff/{delegation.conference.slug}/dashboard/")

    # The table scrolls sideways rather than break "approved" into "appro-ved".
    headings = page.locator(".glance-table thead th")
    expect(headings).to_have_count(5)
    assert [headings.nth(i).evaluate(LINES) for i in range(5)] == [1] * 5
    assert_accessible(page)
