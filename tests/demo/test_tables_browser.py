"""The demo's tables on a phone: words stay whole, and a table wider than the screen scrolls
sideways by itself instead of squeezing its columns or widening the page."""

import io

from django.core.management import call_command

from demo.reference_meeting import SLUG
from tests.browser import assert_accessible
from tests.factories import PASSWORD, StaffUserFactory

# The words of the page's table headings that a line break cuts in two (a line may end at a
# space, a hyphen as in "Guinea-Bissau" or an en dash as in "09:00–09:30", never inside a
# word): a word on one line has one box on the page, a word cut in two has two.
BROKEN_WORDS = """() => {
    const broken = [];
    for (const cell of document.querySelectorAll("table th")) {
        const texts = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
        for (let node = texts.nextNode(); node; node = texts.nextNode()) {
            for (const word of node.data.matchAll(/[^\\s\u2013-]+/g)) {
                const range = document.createRange();
                range.setStart(node, word.index);
                range.setEnd(node, word.index + word[0].length);
                if (range.getClientRects().length > 1) broken.push(word[0]);
            }
        }
    }
    return broken;
}"""
# Whether every table caption lies within the screen, however wide its table.
CAPTIONS_ON_SCREEN = """() => [...document.querySelectorAll("caption")].every(caption => {
    const box = caption.getBoundingClientRect();
    return box.left >= 0 && box.right <= innerWidth;
})"""
STAFF_PAGES = ["dashboard", "attendance", "pledges", "clearance", "bilaterals"]


def test_tables_keep_their_words_whole_on_a_phone(live_server, page):
    call_command("load_demo", stdout=io.StringIO())
    organiser = StaffUserFactory()
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(f"{live_server.url}/en/staff/login/")
    page.get_by_label("Username").fill(organiser.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()

    pages = [*(f"en/staff/{SLUG}/{name}/" for name in STAFF_PAGES), f"en/{SLUG}/pledges/"]
    # Right to left, a table too wide for the screen overflows on the left.
    for path in [*pages, f"ar/staff/{SLUG}/pledges/"]:
        page.goto(f"{live_server.url}/{path}")
        assert page.locator("table th").count(), path
        assert page.evaluate(BROKEN_WORDS) == [], path
        assert page.evaluate(CAPTIONS_ON_SCREEN), path
        assert page.evaluate("document.documentElement.scrollWidth <= innerWidth"), path
    assert_accessible(page)
