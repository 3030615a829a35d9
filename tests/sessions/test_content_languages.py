"""The programme in the language asked for, each text falling back to the conference's main
language: pages in their address's language (/fr/…); calendar feeds, frab and the API in
`?lang=`'s, else Accept-Language's."""

import json
import xml.etree.ElementTree as ET

import icalendar
import pytest
from django.urls import reverse
from django.utils import translation

from tests.factories import (
    PublishedConferenceFactory,
    PublishedSessionFactory,
    RoomFactory,
    SessionRoleFactory,
    TrackFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def programme():
    """A meeting in English, French and Arabic: one panel translated into French only, one
    keynote with an Arabic title."""
    conference = PublishedConferenceFactory(
        languages=["en", "fr", "ar"],
        title="Preparatory Meeting",
        title_translations={"fr": "Réunion préparatoire", "ar": "الاجتماع التحضيري"},
        theme="Safety of peacekeepers",
        theme_translations={"fr": "Sécurité des Casques bleus"},
    )
    room = RoomFactory(
        venue=conference.venue, name="Main Auditorium", name_translations={"fr": "Grand auditorium"}
    )
    track = TrackFactory(
        conference=conference,
        name="Medical capabilities",
        name_translations={"fr": "Capacités médicales"},
    )
    panel = PublishedSessionFactory(
        conference=conference,
        room=room,
        track=track,
        title="Medical capabilities of missions",
        title_translations={"fr": "Capacités médicales des missions"},
        description="Casualty evacuation.",
        description_translations={"fr": "Évacuation des blessés."},
        language="en",
        interpretation=["fr"],
    )
    keynote = PublishedSessionFactory(
        conference=conference,
        room=room,
        title="Keynote address by the Chief of Army Staff",
        title_translations={"ar": "الكلمة الرئيسية لرئيس أركان الجيش"},
        language="en",
        interpretation=["fr", "ar"],
    )
    SessionRoleFactory(session=panel)
    return conference, panel, keynote


def agenda_url(conference, language: str = "en") -> str:
    with translation.override(language):
        return reverse("programme:agenda", kwargs={"conference": conference.slug})


def session_url(session, language: str = "en") -> str:
    with translation.override(language):
        return reverse(
            "programme:session", kwargs={"conference": session.conference.slug, "pk": session.pk}
        )


# Pages: their language is their address's prefix


def test_french_agenda_shows_titles_track_and_room_in_french(client, programme):
    conference, _panel, _keynote = programme

    response = client.get(agenda_url(conference, "fr"))

    content = response.content.decode()
    assert "Capacités médicales des missions" in content
    assert "Grand auditorium" in content
    assert ">Capacités médicales</bdi>" in content
    # Not given in French: the main language's title.
    assert "Keynote address by the Chief of Army Staff" in content
    assert response["Content-Language"] == "fr"


def test_arabic_agenda_shows_arabic_titles_and_the_main_language_for_the_rest(client, programme):
    conference, _panel, _keynote = programme

    content = client.get(agenda_url(conference, "ar")).content.decode()

    assert "الكلمة الرئيسية لرئيس أركان الجيش" in content
    assert "Medical capabilities of missions" in content


def test_a_pages_prefix_wins_over_lang_and_accept_language(client, programme):
    _conference, panel, _keynote = programme

    response = client.get(
        session_url(panel, "fr"), {"lang": "ar"}, headers={"Accept-Language": "ar"}
    )

    content = response.content.decode()
    assert '<h1 dir="auto">Capacités médicales des missions</h1>' in content
    assert "Évacuation des blessés." in content
    assert response["Content-Language"] == "fr"


def test_conference_home_shows_title_and_theme_in_the_pages_language(client, programme):
    conference, _panel, _keynote = programme

    with translation.override("ar"):
        url = conference.get_absolute_url()
    content = client.get(url).content.decode()

    assert "الاجتماع التحضيري" in content
    # The theme was not given in Arabic.
    assert "Safety of peacekeepers" in content


def test_each_pages_language_is_cached_apart(client, programme):
    conference, _panel, _keynote = programme

    english = client.get(agenda_url(conference, "en"))
    french = client.get(agenda_url(conference, "fr"))

    assert "Capacités médicales des missions" in french.content.decode()
    assert "Capacités médicales des missions" not in english.content.decode()
    assert english["ETag"] != french["ETag"]


def test_a_french_etag_is_not_current_for_an_english_reader(client, programme):
    conference, _panel, _keynote = programme
    etag = client.get(agenda_url(conference, "fr"))["ETag"]

    response = client.get(agenda_url(conference, "en"), headers={"If-None-Match": etag})

    assert response.status_code == 200


def test_french_agenda_costs_the_same_queries_uncached_and_cached(
    client, django_assert_num_queries, programme
):
    conference, _panel, _keynote = programme

    # The conference, the sessions, their roles, the track and room choices.
    with django_assert_num_queries(5):
        client.get(agenda_url(conference, "fr"))
    # The conference (the agenda without a day moves with the clock); the page is stored.
    with django_assert_num_queries(1):
        client.get(agenda_url(conference, "fr"))


def test_pages_subscribe_to_the_calendar_in_their_language(client, programme):
    conference, panel, _keynote = programme

    content = client.get(session_url(panel, "fr")).content.decode()

    assert f"webcal://testserver/{conference.slug}/calendar.ics?lang=fr" in content
    assert f"/{conference.slug}/sessions/{panel.pk}/calendar.ics?lang=fr" in content


def test_agenda_links_the_track_feed_in_its_language(client, programme):
    conference, panel, _keynote = programme

    content = client.get(agenda_url(conference, "ar"), {"track": panel.track.slug}).content

    assert f"/{conference.slug}/tracks/{panel.track.slug}/calendar.ics?lang=ar" in content.decode()


def test_personal_agenda_subscribes_in_its_language(client, programme):
    conference, panel, _keynote = programme
    with translation.override("fr"):
        url = reverse("programme:personal_agenda", kwargs={"conference": conference.slug})

    response = client.get(url, {"session": panel.pk})

    assert response.context["calendar_url"].endswith(f"?session={panel.pk}&lang=fr")


# Interpretation


def test_agenda_cards_name_the_floor_language_and_interpretation(client, programme):
    conference, _panel, _keynote = programme

    english = client.get(agenda_url(conference, "en")).content.decode()
    french = client.get(agenda_url(conference, "fr")).content.decode()

    assert "English, interpreted into French, Arabic" in english
    assert "Anglais, interprétation vers\u00a0: Français, Arabe" in french
    # The two sessions' languages differ: each card names its own, the day names none.
    assert "<span>English, interpreted into French</span>" in english
    assert "<span>English, interpreted into French, Arabic</span>" in english
    assert "day-languages" not in english


def test_agenda_names_the_languages_once_a_day_when_every_session_shares_them(client):
    conference = PublishedConferenceFactory(languages=["en", "fr"])
    for _ in range(3):
        PublishedSessionFactory(conference=conference, language="en", interpretation=["fr"])

    content = client.get(agenda_url(conference)).content.decode()

    assert content.count("English, interpreted into French") == 1
    assert (
        '<p class="day-languages">Languages of every session this day: '
        "English, interpreted into French</p>"
    ) in content


def test_agenda_filters_the_sessions_one_can_follow_in_a_language(client, programme):
    conference, panel, keynote = programme

    arabic = client.get(agenda_url(conference), {"language": "ar"})
    french = client.get(agenda_url(conference), {"language": "fr"})

    def shown(response):
        days = response.context["agenda_days"]
        return [s.pk for day in days for t in day.slots for s in t.sessions]

    assert shown(arabic) == [keynote.pk]
    assert shown(french) == [panel.pk, keynote.pk]
    assert arabic.context["filtered"]


def test_agenda_language_filter_offers_the_conferences_languages_only(client, programme):
    conference, _panel, _keynote = programme

    form = client.get(agenda_url(conference)).context["form"]

    assert form.fields["language"].choices == [
        ("", "All languages"),
        ("en", "English"),
        ("fr", "French"),
        ("ar", "Arabic"),
    ]


def test_agenda_of_a_conference_in_one_language_has_no_language_filter(client):
    conference = PublishedConferenceFactory(languages=["en"])
    PublishedSessionFactory(conference=conference)

    response = client.get(agenda_url(conference))

    content = response.content.decode()
    assert 'name="language"' not in content
    assert "day-languages" not in content
    assert "English" not in content


def test_agenda_language_filter_with_an_unknown_language_is_reported(client, programme):
    conference, _panel, _keynote = programme

    response = client.get(agenda_url(conference), {"language": "ru"})

    assert response.status_code == 400
    assert "language" in response.context["form"].errors


# API


def api(client, path: str, **params):
    return client.get(f"/api/v1/conferences/{path}", params)


def test_api_gives_texts_in_the_language_asked_for(client, programme):
    conference, panel, _keynote = programme

    data = api(client, f"{conference.slug}/sessions/{panel.pk}/", lang="fr").json()

    assert data["title"] == "Capacités médicales des missions"
    assert data["description"] == "Évacuation des blessés."
    assert data["track"]["name"] == "Capacités médicales"
    assert data["room"]["name"] == "Grand auditorium"
    assert data["kind_label"] == "Réunion-débat"
    assert (data["language"], data["interpretation"]) == ("en", ["fr"])


def test_api_follows_accept_language_and_names_the_conferences_languages(client, programme):
    conference, _panel, _keynote = programme

    response = client.get(
        f"/api/v1/conferences/{conference.slug}/", headers={"Accept-Language": "ar"}
    )

    data = response.json()
    assert data["title"] == "الاجتماع التحضيري"
    assert data["theme"] == "Safety of peacekeepers"
    assert data["languages"] == ["en", "fr", "ar"]
    assert response["Content-Language"] == "ar"
    assert "Accept-Language" in response["Vary"]


def test_api_links_keep_the_lang_asked_for(client, programme):
    conference, _panel, _keynote = programme

    data = api(client, f"{conference.slug}/", lang="fr").json()

    assert data["links"]["sessions"].endswith(f"/{conference.slug}/sessions/?lang=fr")
    # A page names its language in its address.
    assert data["links"]["html"].endswith(f"/fr/{conference.slug}/")


def test_api_unknown_lang_is_a_field_error(client, programme):
    conference, _panel, _keynote = programme

    response = api(client, f"{conference.slug}/sessions/", lang="tlh")

    assert response.status_code == 400
    assert response.json() == {
        "errors": {
            "lang": [
                {
                    "message": "“tlh” is not a language offered here. Choose one of: ar, "
                    "zh-hans, en, fr, ru, es.",
                    "code": "invalid_choice",
                }
            ]
        }
    }


def test_api_sessions_filter_by_language_followed(client, programme):
    conference, _panel, keynote = programme

    data = api(client, f"{conference.slug}/sessions/", language="ar").json()

    assert [session["id"] for session in data["results"]] == [keynote.pk]


def test_api_sessions_language_filter_outside_the_conference_is_a_field_error(client, programme):
    conference, _panel, _keynote = programme

    response = api(client, f"{conference.slug}/sessions/", language="ru")

    assert response.status_code == 400
    assert response.json()["errors"]["language"][0]["code"] == "invalid_choice"


def test_api_checks_the_language_filter_of_a_conference_in_one_language_too(client):
    conference = PublishedConferenceFactory(languages=["en"])

    response = api(client, f"{conference.slug}/sessions/", language="fr")

    assert response.status_code == 400
    assert response.json()["errors"]["language"][0]["code"] == "invalid_choice"


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_api_session_list_in_a_language_costs_the_same_queries(
    client, django_assert_num_queries, programme, lang
):
    conference, _panel, _keynote = programme

    with django_assert_num_queries(3):
        api(client, f"{conference.slug}/sessions/", lang=lang)


# Calendar feeds and frab


def calendar(response) -> icalendar.Calendar:
    return icalendar.Calendar.from_ical(response.content)


def test_calendar_feed_per_language(client, programme):
    conference, _panel, _keynote = programme
    url = reverse("feeds:conference_ics", kwargs={"conference": conference.slug})

    french = calendar(client.get(url, {"lang": "fr"}))
    english = calendar(client.get(url, {"lang": "en"}))

    assert french["X-WR-CALNAME"] == "Réunion préparatoire"
    assert [str(event["SUMMARY"]) for event in french.walk("VEVENT")] == [
        "Capacités médicales des missions",
        "Keynote address by the Chief of Army Staff",
    ]
    assert str(french.walk("VEVENT")[0]["LOCATION"]).startswith("Grand auditorium")
    assert str(english.walk("VEVENT")[0]["SUMMARY"]) == "Medical capabilities of missions"


def test_an_unknown_lang_is_a_bad_request_naming_the_languages(client, programme):
    conference, _panel, _keynote = programme
    url = reverse("feeds:conference_ics", kwargs={"conference": conference.slug})

    response = client.get(url, {"lang": "xx"})

    assert response.status_code == 400
    assert response.content.decode() == (
        "“xx” is not a language offered here. Choose one of: ar, zh-hans, en, fr, ru, es."
    )


def test_a_regional_lang_reads_as_its_language(client, programme):
    conference, _panel, _keynote = programme
    url = reverse("feeds:frab_xml", kwargs={"conference": conference.slug})

    response = client.get(url, {"lang": "fr-CA"})

    assert response["Content-Language"] == "fr"
    assert "Capacités médicales des missions" in response.content.decode()


def test_a_feeds_lang_wins_over_accept_language(client, programme):
    conference, _panel, _keynote = programme
    url = reverse("feeds:conference_ics", kwargs={"conference": conference.slug})

    feed = calendar(client.get(url, {"lang": "fr"}, headers={"Accept-Language": "ar"}))

    assert feed["X-WR-CALNAME"] == "Réunion préparatoire"


def test_calendar_feed_follows_accept_language(client, programme):
    conference, _panel, keynote = programme
    url = reverse("feeds:session_ics", kwargs={"conference": conference.slug, "pk": keynote.pk})

    response = client.get(url, headers={"Accept-Language": "ar"})

    [event] = calendar(response).walk("VEVENT")
    assert str(event["SUMMARY"]) == "الكلمة الرئيسية لرئيس أركان الجيش"
    # Arabic names the languages, and separates them with its own comma.
    assert "الترجمة الشفوية إلى: الفرنسية، العربية." in str(event["DESCRIPTION"])
    assert response["Content-Language"] == "ar"


def test_track_calendar_feed_is_named_in_the_language_asked(client, programme):
    conference, panel, _keynote = programme
    url = reverse(
        "feeds:track_ics", kwargs={"conference": conference.slug, "track": panel.track.slug}
    )

    feed = calendar(client.get(url, {"lang": "fr"}))

    assert feed["X-WR-CALNAME"] == "Réunion préparatoire\u00a0: Capacités médicales"


def test_frab_xml_in_the_language_asked(client, programme):
    conference, _panel, _keynote = programme
    url = reverse("feeds:frab_xml", kwargs={"conference": conference.slug})

    root = ET.fromstring(client.get(url, {"lang": "fr"}).content)

    assert root.findtext("conference/title") == "Réunion préparatoire"
    assert [room.get("name") for room in root.iter("room")][:1] == ["Grand auditorium"]
    assert [event.findtext("title") for event in root.iter("event")] == [
        "Capacités médicales des missions",
        "Keynote address by the Chief of Army Staff",
    ]
    assert root.find("day/room/event/track").text == "Capacités médicales"


def test_frab_json_follows_accept_language_and_keeps_its_guids(client, programme):
    conference, _panel, _keynote = programme
    url = reverse("feeds:frab_json", kwargs={"conference": conference.slug})

    arabic = json.loads(client.get(url, headers={"Accept-Language": "ar"}).content)
    english = json.loads(client.get(url, headers={"Accept-Language": "en"}).content)

    day = arabic["schedule"]["conference"]["days"][0]
    titles = [event["title"] for events in day["rooms"].values() for event in events]
    assert titles[1] == "الكلمة الرئيسية لرئيس أركان الجيش"
    assert arabic["schedule"]["conference"]["rooms"] == english["schedule"]["conference"]["rooms"]


def test_feeds_are_cached_per_language(client, django_assert_num_queries, programme):
    conference, _panel, _keynote = programme
    url = reverse("feeds:conference_ics", kwargs={"conference": conference.slug})
    client.get(url, {"lang": "fr"})

    with django_assert_num_queries(0):
        cached = client.get(url, {"lang": "fr"})
    english = client.get(url, {"lang": "en"})

    assert b"Capacit" in cached.content
    assert cached["ETag"] != english["ETag"]
