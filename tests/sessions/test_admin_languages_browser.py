from django.urls import reverse
from playwright.sync_api import expect

from tests.browser import admin_log_in
from tests.factories import ConferenceFactory, SessionFactory


def test_admin_shows_a_title_beside_its_translations_and_keeps_them_on_an_error(live_server, page):
    session = SessionFactory(
        conference=ConferenceFactory(languages=["en", "fr", "ar"]),
        title="Medical capabilities of missions",
    )
    admin_log_in(page, live_server)
    page.set_viewport_size({"width": 1400, "height": 900})
    page.goto(live_server.url + reverse("admin:programme_session_change", args=[session.pk]))

    english = page.get_by_label("Title (English)")
    french = page.locator(".field-title_translations").get_by_label("French")
    arabic = page.locator(".field-title_translations").get_by_label("Arabic")
    boxes = [box.bounding_box() for box in (english, french, arabic)]
    # The main language's box first, then beside it the others, one under the other, each
    # drawn (the theme's look) and wide enough to type in.
    assert boxes[0]["x"] + boxes[0]["width"] < boxes[1]["x"] == boxes[2]["x"]
    assert boxes[1]["y"] < boxes[2]["y"] < boxes[0]["y"] + 3 * boxes[0]["height"]
    assert min(box["width"] for box in boxes[1:]) > 150
    expect(french).to_have_css("border-top-style", "solid")
    expect(arabic).to_have_attribute("lang", "ar")

    # The box stops at 300 characters; a browser that does not is answered by the server.
    french.evaluate("box => box.removeAttribute('maxlength')")
    french.fill("Capacités médicales des missions " + "x" * 300)
    arabic.fill("القدرات الطبية للبعثات")
    page.get_by_role("button", name="Save", exact=True).click()

    expect(page.locator(".field-title_translations .errorlist")).to_have_text(
        "At most 300 characters, in: French."
    )
    expect(arabic).to_have_value("القدرات الطبية للبعثات")
    session.refresh_from_db()
    assert session.title_translations == {}
