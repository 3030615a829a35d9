from playwright.sync_api import expect

from tests.browser import admin_log_in, assert_accessible
from tests.factories import ParticipantFactory
from tests.tasks import tasks_run


def test_participants_exported_in_french_from_the_admin_are_offered_once_made(live_server, page):
    participant = ParticipantFactory(
        given_name="Kwame", family_name="Mensah", delegation__country="DE"
    )
    ParticipantFactory(delegation__conference=participant.conference, family_name="Unselected")
    admin_log_in(page, live_server, is_superuser=True)

    page.goto(f"{live_server.url}/fr/admin/delegations/participant/")
    page.get_by_role("checkbox", name="Kwame Mensah").check()
    page.locator('select[name="action"]').select_option(label="Exporter la sélection au format CSV")
    page.get_by_role("button", name="Exécuter").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Participants (CSV)")
    expect(page.get_by_role("status")).to_have_text("En attente de son tour… Lignes : 0 sur 1.")
    assert_accessible(page)

    # The page polls by itself: once the worker has made the file, it offers it.
    tasks_run()
    download_link = page.get_by_role("link", name="Télécharger")
    expect(download_link).to_be_visible()
    assert_accessible(page)
    with page.expect_download() as download:
        download_link.click()
    content = download.value.path().read_text(encoding="utf-8-sig")
    assert "Mensah" in content
    assert "Allemagne" in content
    assert "Unselected" not in content
