"""Organisers give texts in each of the conference's languages, side by side in the admin, and
choose sessions' languages among the conference's; every mistake is a field error."""

import lxml.html
import pytest
from django.urls import reverse

from conference.models import Conference
from sessions.models import SearchSynonym, Session, Track
from tests.factories import (
    ConferenceFactory,
    RoomFactory,
    SessionFactory,
    TrackFactory,
    VenueFactory,
)
from tests.sessions.test_admin import session_data

pytestmark = pytest.mark.django_db

ADD = reverse("admin:programme_session_add")


def change_url(session: Session) -> str:
    return reverse("admin:programme_session_change", args=[session.pk])


def form_errors(response) -> dict:
    return response.context["adminform"].form.errors


def test_session_form_shows_a_box_per_language_of_the_conference_beside_the_main_one(
    admin_client,
):
    conference = ConferenceFactory(languages=["en", "fr", "ar"])

    response = admin_client.get(f"{ADD}?conference={conference.pk}")

    html = response.text
    assert 'for="id_title">Title (English)<' in html
    assert 'name="title_translations_fr" lang="fr" dir="auto"' in html
    assert 'name="title_translations_ar" lang="ar" dir="auto"' in html
    assert 'name="title_translations_ru"' not in html
    # On the title's line, beside it.
    translations = lxml.html.fromstring(html).find_class("field-title_translations")[0]
    assert translations.getparent().find_class("field-title")
    assert "css/admin-translations.css" in html


def test_session_translations_typed_in_the_admin_are_stored_by_language(admin_client):
    conference = ConferenceFactory(languages=["en", "fr", "ar"])

    response = admin_client.post(
        ADD,
        session_data(
            conference,
            title_translations_fr="Capacités médicales des missions",
            title_translations_ar="",
            description="Casualty evacuation.",
            description_translations_fr="Évacuation des blessés.",
        ),
    )

    assert response.status_code == 302
    session = Session.objects.get()
    assert session.title_translations == {"fr": "Capacités médicales des missions"}
    assert session.description_translations == {"fr": "Évacuation des blessés."}


def test_session_translation_too_long_is_a_field_error(admin_client):
    conference = ConferenceFactory(languages=["en", "fr"])

    response = admin_client.post(ADD, session_data(conference, title_translations_fr="x" * 301))

    assert response.status_code == 200
    assert "title_translations" in form_errors(response)
    assert not Session.objects.exists()


def test_session_text_in_a_language_the_conference_dropped_is_shown_and_refused(admin_client):
    session = SessionFactory(
        conference__languages=["en", "fr"], title_translations={"fr": "Séance", "ar": "جلسة"}
    )

    page = admin_client.get(change_url(session))
    response = admin_client.post(
        change_url(session),
        session_data(
            session.conference, title_translations_fr="Séance", title_translations_ar="جلسة"
        ),
    )

    assert 'name="title_translations_ar"' in page.text
    assert response.status_code == 200
    assert form_errors(response)["title_translations"] == [
        "Not a language of the conference: Arabic. Clear these texts, or add the language to "
        "the conference."
    ]
    session.refresh_from_db()
    assert session.title_translations == {"fr": "Séance", "ar": "جلسة"}


def test_session_text_cleared_in_a_dropped_language_saves(admin_client):
    session = SessionFactory(
        conference__languages=["en", "fr"], title_translations={"fr": "Séance", "ar": "جلسة"}
    )

    response = admin_client.post(
        change_url(session),
        session_data(session.conference, title_translations_fr="Séance", title_translations_ar=""),
    )

    assert response.status_code == 302
    session.refresh_from_db()
    assert session.title_translations == {"fr": "Séance"}


def test_session_languages_are_chosen_among_the_conferences(admin_client):
    conference = ConferenceFactory(languages=["fr", "en", "ar"])

    response = admin_client.get(f"{ADD}?conference={conference.pk}")

    language = response.context["adminform"].form.fields["language"]
    interpretation = response.context["adminform"].form.fields["interpretation"]
    assert language.choices == [("fr", "French"), ("en", "English"), ("ar", "Arabic")]
    assert language.initial == "fr"
    assert interpretation.choices == language.choices
    assert 'type="checkbox" name="interpretation" value="ar"' in response.text


def test_session_floor_language_outside_the_conference_is_a_field_error(admin_client):
    conference = ConferenceFactory(languages=["en", "fr"])

    response = admin_client.post(ADD, session_data(conference, language="ru"))

    assert response.status_code == 200
    assert "language" in form_errors(response)
    assert not Session.objects.exists()


def test_session_interpretation_outside_the_conference_is_a_field_error(admin_client):
    conference = ConferenceFactory(languages=["en", "fr"])
    session = SessionFactory(conference=conference)
    other = ConferenceFactory(languages=["en", "ar"])

    # The form offers the languages of the conference first shown; the organiser then moves
    # the session to another conference that lacks one of those ticked.
    response = admin_client.post(
        change_url(session), session_data(other, language="en", interpretation=["fr"])
    )

    assert response.status_code == 200
    assert form_errors(response)["interpretation"] == [
        "Select a valid choice. fr is not one of the available choices."
    ]


def test_session_interpretation_into_the_floor_language_is_a_field_error(admin_client):
    conference = ConferenceFactory(languages=["en", "fr"])

    response = admin_client.post(
        ADD, session_data(conference, language="en", interpretation=["en", "fr"])
    )

    assert response.status_code == 200
    assert form_errors(response)["interpretation"] == [
        "English is the floor language: interpretation is into the others."
    ]


def test_session_languages_chosen_in_the_admin_are_stored(admin_client):
    conference = ConferenceFactory(languages=["en", "fr", "ar"])

    response = admin_client.post(
        ADD, session_data(conference, language="fr", interpretation=["en", "ar"])
    )

    assert response.status_code == 302
    session = Session.objects.get()
    assert (session.language, session.interpretation) == ("fr", ["en", "ar"])


def test_track_form_puts_name_and_description_beside_their_translations(admin_client):
    track = TrackFactory(conference__languages=["en", "fr"], name="Medical capabilities")

    response = admin_client.post(
        reverse("admin:programme_track_change", args=[track.pk]),
        {
            "conference": track.conference.pk,
            "name": "Medical capabilities",
            "name_translations_fr": "Capacités médicales",
            "slug": track.slug,
            "description": "",
            "description_translations_fr": "",
            "colour": "#067647",
            "order": 0,
        },
    )

    assert response.status_code == 302
    track.refresh_from_db()
    assert track.name_translations == {"fr": "Capacités médicales"}
    assert Track.objects.count() == 1


def conference_data(conference: Conference, **overrides) -> dict:
    return {
        "slug": conference.slug,
        "title": conference.title,
        "venue": conference.venue_id,
        "start_date": "2023-08-30",
        "end_date": "2023-08-31",
        "time_zone": "Asia/Karachi",
        "main_language": conference.main_language,
        "languages": conference.languages[1:],
        "retention_days": 180,
        "hosts-TOTAL_FORMS": 0,
        "hosts-INITIAL_FORMS": 0,
        "category_colours-TOTAL_FORMS": 0,
        "category_colours-INITIAL_FORMS": 0,
        "pre_registration_days-TOTAL_FORMS": 0,
        "pre_registration_days-INITIAL_FORMS": 0,
        "search_synonyms-TOTAL_FORMS": 0,
        "search_synonyms-INITIAL_FORMS": 0,
        "category_allowances-TOTAL_FORMS": 0,
        "category_allowances-INITIAL_FORMS": 0,
        "protocol_settings-TOTAL_FORMS": 0,
        "protocol_settings-INITIAL_FORMS": 0,
        "clearance_policy-TOTAL_FORMS": 0,
        "clearance_policy-INITIAL_FORMS": 0,
        **overrides,
    }


def test_conference_form_gives_its_texts_in_its_languages(admin_client):
    conference = ConferenceFactory(languages=["en", "fr", "ar"])
    url = reverse("admin:conference_conference_change", args=[conference.pk])

    response = admin_client.post(
        url,
        conference_data(
            conference,
            title_translations_fr="Réunion préparatoire",
            title_translations_ar="الاجتماع التحضيري",
            theme="Safety and security",
            theme_translations_fr="Sûreté et sécurité",
        ),
    )

    assert response.status_code == 302
    conference.refresh_from_db()
    assert conference.title_translations == {
        "fr": "Réunion préparatoire",
        "ar": "الاجتماع التحضيري",
    }
    assert conference.theme_translations == {"fr": "Sûreté et sécurité"}


def test_conference_form_with_a_new_main_language_asks_to_move_its_text(admin_client):
    conference = ConferenceFactory(
        languages=["en", "fr"], title_translations={"fr": "Réunion préparatoire"}
    )
    url = reverse("admin:conference_conference_change", args=[conference.pk])

    response = admin_client.post(
        url,
        conference_data(
            conference,
            main_language="fr",
            languages=["en"],
            title_translations_fr="Réunion préparatoire",
        ),
    )

    assert response.status_code == 200
    assert form_errors(response)["title_translations"] == [
        "French is the main language: its text goes in the main box, beside this one."
    ]
    conference.refresh_from_db()
    assert conference.languages == ["en", "fr"]


def test_room_names_get_a_box_per_language_of_the_venues_conferences(admin_client):
    venue = VenueFactory()
    ConferenceFactory(venue=venue, languages=["en", "fr"])
    room = RoomFactory(venue=venue, name="Main Auditorium")

    page = admin_client.get(reverse("admin:conference_venue_change", args=[venue.pk]))
    response = admin_client.post(
        reverse("admin:conference_room_change", args=[room.pk]),
        {
            "venue": venue.pk,
            "name": "Main Auditorium",
            "name_translations_fr": "Grand auditorium",
            "capacity": 450,
            "order": 0,
        },
    )

    assert 'name="rooms-0-name_translations_fr"' in page.text
    assert 'name="rooms-0-name_translations_ar"' not in page.text
    assert response.status_code == 302
    room.refresh_from_db()
    assert room.name_translations == {"fr": "Grand auditorium"}


def test_search_synonyms_are_kept_with_the_conference(admin_client):
    conference = ConferenceFactory()
    url = reverse("admin:conference_conference_change", args=[conference.pk])

    response = admin_client.post(
        url,
        conference_data(
            conference,
            **{
                "search_synonyms-TOTAL_FORMS": 1,
                "search_synonyms-0-terms": "IED, improvised explosive device, EEI",
            },
        ),
    )

    assert response.status_code == 302
    assert SearchSynonym.objects.get(conference=conference).terms == [
        "IED",
        "improvised explosive device",
        "EEI",
    ]


def test_search_synonym_naming_a_term_twice_is_a_field_error(admin_client):
    conference = ConferenceFactory()

    response = admin_client.post(
        reverse("admin:programme_searchsynonym_add"),
        {"conference": conference.pk, "terms": "IED, ied"},
    )

    assert response.status_code == 200
    assert form_errors(response)["terms"] == [
        "Name each word or phrase once (case and accents do not count)."
    ]


def test_search_synonym_needs_two_terms(admin_client):
    conference = ConferenceFactory()

    response = admin_client.post(
        reverse("admin:programme_searchsynonym_add"), {"conference": conference.pk, "terms": "IED"}
    )

    assert response.status_code == 200
    assert "Give at least two words or phrases." in str(form_errors(response))
    assert not SearchSynonym.objects.exists()


def test_session_changelist_finds_a_session_by_a_translated_title(admin_client):
    SessionFactory(
        conference__languages=["en", "fr"],
        title="Medical capabilities",
        title_translations={"fr": "Capacités médicales"},
    )
    SessionFactory(title="Pledging briefing")

    response = admin_client.get(reverse("admin:programme_session_changelist"), {"q": "médicales"})

    assert [session.title for session in response.context["cl"].result_list] == [
        "Medical capabilities"
    ]
