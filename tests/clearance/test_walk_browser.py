"""Security clearance and visa letters in the browser: the focal point gives a member's
passport data and asks for a visa letter from the portal, in Arabic on a 360 px phone; the
conference's security officer clears the member in the admin, and the badge is no longer
held."""

import pytest
from playwright.sync_api import expect

from clearance.models import ClearanceState, SecurityRecord
from conference.models import Role as StaffRole
from delegations.badge_checks import badge_holds
from delegations.models import State
from diplomacy.models import ProtocolSettings
from tests.browser import assert_accessible
from tests.clearance.conftest import PASSPORT, TOKEN
from tests.factories import PASSWORD, ConferenceRoleFactory

pytestmark = pytest.mark.django_db(transaction=True)


def phone_page_checked(page) -> None:
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert_accessible(page)


def test_focal_point_gives_the_data_in_arabic_and_security_clears_it(
    live_server, page, tmp_path, invitation, member
):
    conference = invitation.delegation.conference
    conference.languages = ["en", "ar"]
    conference.save(update_fields=["languages"])
    member.state = State.APPROVED
    member.save(update_fields=["state"])
    ProtocolSettings.objects.create(
        conference=conference,
        letterhead="Ministry of Foreign Affairs",
        sender="The Ministry of Foreign Affairs of Ghana",
        place="Accra",
        reference_prefix="GHMFA",
    )
    scan = tmp_path / "passport.pdf"
    scan.write_bytes(b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n")
    assert badge_holds([member])
    page.set_viewport_size({"width": 360, "height": 780})

    # The focal point: the security data page, then the member's form.
    page.goto(f"{live_server.url}/ar/invitation/{TOKEN}/security/")
    phone_page_checked(page)
    page.goto(f"{live_server.url}/ar/invitation/{TOKEN}/security/{member.pk}/")
    phone_page_checked(page)
    page.locator("[name=birth_date]").fill("1975-03-14")
    page.locator("[name=birth_place]").fill("Kumasi")
    page.locator("[name=nationality]").select_option("GH")
    page.locator("[name=document_number]").fill(PASSPORT)
    page.locator("[name=issuing_country]").select_option("GH")
    page.locator("[name=document_expiry]").fill("2031-06-30")
    page.locator("[name=data_page]").set_input_files(str(scan))
    page.locator("form [type=submit]").click()
    expect(page).to_have_url(f"{live_server.url}/ar/invitation/{TOKEN}/security/")
    assert SecurityRecord.objects.get(participant=member).state == ClearanceState.SUBMITTED

    # The visa letters' pages read on the same phone.
    page.goto(f"{live_server.url}/ar/invitation/{TOKEN}/visas/")
    phone_page_checked(page)
    page.goto(f"{live_server.url}/ar/invitation/{TOKEN}/visas/{member.pk}/")
    phone_page_checked(page)

    # The security officer clears the member in the admin.
    officer = ConferenceRoleFactory(conference=conference, role=StaffRole.SECURITY_OFFICER).user
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(f"{live_server.url}/en/admin/login/")
    page.get_by_label("Username").fill(officer.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.goto(f"{live_server.url}/en/admin/clearance/securityrecord/")
    page.get_by_role("checkbox", name="Select this object for an action").last.check()
    page.get_by_label("Select action to run").select_option(label="Clear the selected people")
    page.get_by_role("button", name="Run").click()

    expect(page.locator(".messagelist")).to_be_visible()
    assert SecurityRecord.objects.get(participant=member).state == ClearanceState.CLEARED
    assert not badge_holds([member])
