"""The demo meeting is published in English and French, with Arabic titles for the keynotes,
and its search knows the meeting's acronyms."""

import pytest
from django.urls import reverse
from django.utils import translation

from demo import programme
from sessions.models import SessionKind

pytestmark = pytest.mark.django_db


def test_demo_is_offered_in_the_six_languages_with_english_its_main_one(demo):
    assert demo.languages == ["en", "ar", "zh-hans", "fr", "ru", "es"]
    assert demo.title_translations["fr"] == (
        "Réunion ministérielle préparatoire sur le maintien de la paix des Nations Unies"
    )
    assert demo.theme_translations["ar"]
    assert demo.description_translations["fr"].startswith("Le CIPS-NUST a accueilli")


def test_demo_programme_has_every_title_in_french(demo):
    sessions = demo.sessions.all()

    assert all(session.title_translations.get("fr") for session in sessions)
    assert all(track.name_translations.get("fr") for track in demo.tracks.all())
    assert {room.name_translations["fr"] for room in demo.venue.rooms.all()} >= {"Grand auditorium"}


def test_demo_keynotes_have_arabic_titles(demo):
    keynotes = demo.sessions.filter(kind=SessionKind.KEYNOTE)

    assert keynotes.count() == 3
    assert all(keynote.title_translations.get("ar") for keynote in keynotes)


def test_demo_sessions_name_their_floor_language_and_interpretation(demo):
    panel = demo.sessions.get(title__startswith="Panel discussion II:")
    keynote = demo.sessions.filter(kind=SessionKind.KEYNOTE).first()
    breaks = demo.sessions.filter(kind=SessionKind.BREAK)

    assert (panel.language, panel.interpretation) == ("fr", ["en", "ar"])
    assert (keynote.language, keynote.interpretation) == ("en", ["fr", "ar"])
    assert all(session.interpretation == [] for session in breaks)


def agenda(client, demo, language: str) -> str:
    with translation.override(language):
        url = reverse("programme:agenda", kwargs={"conference": demo.slug})
    return client.get(url, {"day": "all"}).content.decode()


def test_demo_agenda_in_french_and_arabic(client, demo):
    french = agenda(client, demo, "fr")
    arabic = agenda(client, demo, "ar")

    assert "Table ronde III : Renforcer les capacités médicales" in french
    assert "Grand auditorium" in french
    assert "الكلمة الرئيسية لوزير دفاع باكستان" in arabic
    # Not given in Arabic: the English title.
    assert "Panel discussion III: Enhancing the medical capabilities" in arabic


def search(client, demo, query: str) -> list[str]:
    response = client.get(
        reverse("programme:search", kwargs={"conference": demo.slug}), {"q": query}
    )
    return [session.title for session in response.context["sessions"]]


@pytest.mark.parametrize("query", ["medical", "médical"])
def test_demo_search_finds_the_medical_panel(client, demo, query):
    assert search(client, demo, query)[0] == (
        "Panel discussion III: Enhancing the medical capabilities of UN peacekeeping missions"
    )


@pytest.mark.parametrize("query", ["IED", "EEI", "engins explosifs"])
def test_demo_search_finds_the_ied_presentation(client, demo, query):
    assert search(client, demo, query) == [
        "Expert presentation: The threat of Improvised Explosive Devices"
    ]


def test_demo_search_finds_a_keynote_by_its_arabic_title(client, demo):
    assert search(client, demo, "الدفاع باكستان") == [
        "Keynote address by the Minister of Defence of Pakistan"
    ]


def test_demo_declares_its_acronyms(demo):
    assert sorted(synonym.terms[0] for synonym in demo.search_synonyms.all()) == sorted(
        terms[0] for terms in programme.SEARCH_SYNONYMS
    )
