from playwright.sync_api import expect

from tests.browser import assert_accessible
from tests.factories import PASSWORD, ApprovedParticipantFactory, StaffUserFactory
from tests.tasks import tasks_run


def test_list_of_participants_asked_for_in_french_on_the_dashboard_is_offered_once_made(
    live_server, page
):
    violations = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    participant = ApprovedParticipantFactory(
        given_name="Kwame",
        family_name="Mensah",
        delegation__country="DE",
        delegation__conference__languages=["en", "fr"],
    )
    conference = participant.conference
    organiser = StaffUserFactory()
    page.goto(f"{live_server.url}/en/staff/login/")
    page.get_by_label("Username").fill(organiser.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()

    page.goto(f"{live_server.url}/en/staff/{conference.slug}/dashboard/")
    page.get_by_label("Language of the list").select_option("fr")
    page.get_by_role("button", name="CSV").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("List of Participants (CSV)")
    expect(page.get_by_role("status")).to_have_text("Waiting for its turn…")
    assert_accessible(page)

    # The page polls by itself: once the worker has made the file, it offers it.
    tasks_run()
    download_link = page.get_by_role(
        "link", name=f"Download list-of-participants-{conference.slug}-fr.csv"
    )
    expect(download_link).to_be_visible()
    assert_accessible(page)
    with page.expect_download() as download:
        download_link.click()
    content = download.value.path().read_text(encoding="utf-8-sig")
    assert "Mensah" in content
    assert "Allemagne" in content
    assert violations == []
