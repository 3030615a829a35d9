"""The demo's printed portal link, in the browser: readable after registration closed."""

import io
import re

from django.core.management import call_command
from playwright.sync_api import expect

from tests.browser.helpers import assert_accessible


def test_demo_portal_link_shows_the_delegation_read_only_once_registration_closed(
    live_server, page
):
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    path = re.search(r"Focal point portal for Ghana: http://\S+?(/invitation/\S+/)", out.getvalue())

    page.goto(live_server.url + path.group(1))

    expect(page.get_by_role("heading", level=1)).to_have_text("Ghana")
    expect(page.get_by_role("status")).to_have_text(
        "Registration closed on 25 August 2023, 17:00 (Asia/Karachi)."
    )
    expect(page.get_by_role("link", name="Add a member")).to_have_count(0)
    expect(page.get_by_role("button")).to_have_count(0)
    expect(page.get_by_role("columnheader", name="Actions")).to_have_count(0)
    assert_accessible(page)
