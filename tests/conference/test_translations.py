"""Texts in several languages: which one a reader gets, and what may be stored."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection
from django.utils import translation

from conference.admin_translations import translation_columns
from conference.translations import TranslationsFormField, fold
from tests.factories import ConferenceFactory, RoomFactory, SessionFactory, TrackFactory

pytestmark = pytest.mark.django_db


def test_a_text_comes_in_the_active_language_when_given_in_it():
    conference = ConferenceFactory(
        languages=["en", "fr"],
        title="Preparatory Meeting",
        title_translations={"fr": "Réunion préparatoire"},
    )

    with translation.override("fr"):
        assert conference.translated_title == "Réunion préparatoire"
    with translation.override("en"):
        assert conference.translated_title == "Preparatory Meeting"


def test_a_text_not_given_in_the_active_language_falls_back_to_the_main_one():
    session = SessionFactory(
        conference__languages=["fr", "en", "ar"],
        title="Séance d'ouverture",
        title_translations={"en": "Opening session"},
        description="Allocutions de bienvenue.",
    )

    with translation.override("ar"):
        assert session.translated_title == "Séance d'ouverture"
        assert session.translated_description == "Allocutions de bienvenue."
    with translation.override("en"):
        assert session.translated_title == "Opening session"
        assert session.translated_description == "Allocutions de bienvenue."


def test_a_language_the_conference_lacks_reads_the_main_language():
    track = TrackFactory(conference__languages=["en", "fr"], name="Medical capabilities")

    with translation.override("ru"):
        assert track.translated_name == "Medical capabilities"


def test_the_conference_name_prefers_the_readers_language_to_the_short_title():
    conference = ConferenceFactory(
        languages=["en", "fr"],
        title="UN Peacekeeping Ministerial Preparatory Meeting",
        short_title="Peacekeeping Preparatory Meeting",
        title_translations={"fr": "Réunion ministérielle préparatoire"},
    )

    with translation.override("fr"):
        assert conference.translated_name == "Réunion ministérielle préparatoire"
    with translation.override("en"):
        assert conference.translated_name == "Peacekeeping Preparatory Meeting"


def test_a_rooms_name_is_translated_beside_the_sites_default_language():
    room = RoomFactory(name="Main Auditorium", name_translations={"fr": "Grand auditorium"})

    with translation.override("fr"):
        assert room.translated_name == "Grand auditorium"
    with translation.override("ar"):
        assert room.translated_name == "Main Auditorium"


def test_a_translation_into_a_language_the_conference_lacks_is_a_field_error():
    conference = ConferenceFactory.build(languages=["en", "fr"], title_translations={"ar": "…"})

    with pytest.raises(ValidationError) as error:
        conference.full_clean()

    assert error.value.message_dict["title_translations"] == [
        "Not a language of the conference: Arabic. Clear these texts, or add the language to "
        "the conference."
    ]


def test_a_translation_into_the_main_language_is_a_field_error():
    track = TrackFactory.build(
        conference=ConferenceFactory(languages=["fr", "en"]),
        name_translations={"fr": "Capacités médicales"},
    )

    with pytest.raises(ValidationError) as error:
        track.full_clean()

    assert error.value.message_dict["name_translations"] == [
        "French is the main language: its text goes in the main box, beside this one."
    ]


def test_a_translation_longer_than_its_field_allows_is_a_field_error():
    session = SessionFactory.build(
        conference=ConferenceFactory(languages=["en", "fr"]),
        title_translations={"fr": "x" * 301},
    )

    with pytest.raises(ValidationError) as error:
        session.full_clean()

    assert error.value.message_dict["title_translations"] == ["At most 300 characters, in: French."]


def test_the_database_refuses_a_translation_that_is_not_a_text():
    conference = ConferenceFactory(languages=["en", "fr"])

    with (
        pytest.raises(IntegrityError, match="conference_title_translations_are_texts"),
        connection.cursor() as cursor,
    ):
        cursor.execute(
            "UPDATE conference_conference SET title_translations = %s WHERE id = %s",
            ['{"fr": 3}', conference.pk],
        )


def test_the_database_refuses_an_empty_translation():
    track = TrackFactory(conference__languages=["en", "fr"])
    track.name_translations = {"fr": ""}

    with pytest.raises(IntegrityError, match="track_name_translations_are_texts"):
        track.save()


def test_the_form_field_keeps_only_the_languages_typed_in():
    field = TranslationsFormField(languages=["fr", "ar"], max_length=10)

    assert field.clean(["  Réunion ", ""]) == {"fr": "Réunion"}
    assert field.clean(["", ""]) == {}


def test_the_form_field_reports_a_translation_too_long():
    field = TranslationsFormField(languages=["fr"], max_length=5)

    with pytest.raises(ValidationError) as error:
        field.clean(["Réunion"])

    assert error.value.messages == ["At most 5 characters, in: French."]


def test_boxes_are_the_other_languages_and_any_stored_one_the_conference_dropped():
    assert translation_columns(languages=["en", "fr", "ar"]) == ["fr", "ar"]
    assert translation_columns(languages=["en", "fr"], stored={"ru": "Совещание"}) == ["fr", "ru"]


def test_search_folds_case_accents_and_arabic_vowel_marks():
    assert fold("Médicales") == "medicales"
    assert fold("كَلِمَة") == "كلمة"
