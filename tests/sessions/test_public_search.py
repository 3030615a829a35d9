import pytest
from django.urls import reverse

from sessions.models import SpeakerSearch
from sessions.search import synonym_readings
from tests.factories import (
    ConferenceFactory,
    PublishedConferenceFactory,
    PublishedSessionFactory,
    SearchSynonymFactory,
    SessionFactory,
    SessionRoleFactory,
    StaffUserFactory,
)

pytestmark = pytest.mark.django_db


def search(client, conference, query):
    return client.get(
        reverse("programme:search", kwargs={"conference": conference.slug}), {"q": query}
    )


def test_search_finds_sessions_by_title_and_description_stemmed(client):
    conference = PublishedConferenceFactory()
    PublishedSessionFactory(conference=conference, title="Medical capabilities of missions")
    PublishedSessionFactory(
        conference=conference, title="Panel two", description="Improving medical evacuation."
    )
    PublishedSessionFactory(conference=conference, title="Pledging system")

    response = search(client, conference, "medical capability")

    titles = [session.title for session in response.context["sessions"]]
    assert titles == ["Medical capabilities of missions"]


def test_search_ranks_title_matches_above_description_matches(client):
    conference = PublishedConferenceFactory()
    PublishedSessionFactory(
        conference=conference, title="Panel two", description="Technology in the field."
    )
    PublishedSessionFactory(conference=conference, title="Technology and strategic communication")

    response = search(client, conference, "technology")

    titles = [session.title for session in response.context["sessions"]]
    assert titles == ["Technology and strategic communication", "Panel two"]


def test_search_understands_web_search_syntax(client):
    conference = PublishedConferenceFactory()
    PublishedSessionFactory(conference=conference, title="Threat of improvised explosive devices")
    PublishedSessionFactory(conference=conference, title="Explosive growth of pledges")

    response = search(client, conference, "explosive -pledges")

    titles = [session.title for session in response.context["sessions"]]
    assert titles == ["Threat of improvised explosive devices"]


def test_search_finds_speakers_by_name_title_organisation_and_bio_separately(client):
    conference = PublishedConferenceFactory()
    session = PublishedSessionFactory(conference=conference, title="Briefing")
    by_org = SessionRoleFactory(
        session=session, speaker__organisation="Department of Peace Operations"
    )
    by_bio = SessionRoleFactory(
        session=session, speaker__bio="Served with peace operations in Mali."
    )
    SessionRoleFactory(session=session, speaker__organisation="Ministry of Defence")

    response = search(client, conference, "peace operations")

    assert response.context["sessions"] == []
    assert response.context["speakers"] == [by_org.speaker, by_bio.speaker]


def test_search_leaves_out_unpublished_sessions_and_their_speakers(client):
    conference = PublishedConferenceFactory()
    draft = SessionFactory(conference=conference, title="Secret pledging talks")
    SessionRoleFactory(session=draft, speaker__family_name="Pledger")

    response = search(client, conference, "pledging pledger")

    assert response.context["result_count"] == 0


def test_search_shows_unpublished_sessions_to_staff(client):
    conference = ConferenceFactory()
    SessionFactory(conference=conference, title="Secret pledging talks")
    client.force_login(StaffUserFactory())

    response = search(client, conference, "pledging")

    assert len(response.context["sessions"]) == 1


def test_search_stays_within_the_conference(client):
    conference = PublishedConferenceFactory()
    PublishedSessionFactory(title="Pledging system")

    response = search(client, conference, "pledging")

    assert response.context["sessions"] == []


def test_search_of_unpublished_conference_is_not_found(client):
    conference = ConferenceFactory()

    response = search(client, conference, "anything")

    assert response.status_code == 404


def test_search_without_a_query_shows_a_hint(client):
    conference = PublishedConferenceFactory()

    response = search(client, conference, "  ")

    assert response.status_code == 200
    assert "Type words from" in response.content.decode()


def test_search_with_only_punctuation_finds_nothing_without_error(client):
    conference = PublishedConferenceFactory()
    PublishedSessionFactory(conference=conference)

    response = search(client, conference, '"-!&|(')

    assert response.status_code == 200
    assert response.context["result_count"] == 0


def test_search_with_an_overlong_query_is_refused_with_a_message(client):
    conference = PublishedConferenceFactory()

    response = search(client, conference, "peace " * 50)

    assert response.status_code == 400
    assert "at most 200 characters" in response.content.decode()


@pytest.mark.parametrize("count", [1, 3, 30])
def test_search_query_count_does_not_grow(client, django_assert_num_queries, count):
    conference = PublishedConferenceFactory()
    for _ in range(count):
        session = PublishedSessionFactory(conference=conference, title="Peacekeeping panel")
        SessionRoleFactory(session=session, speaker__organisation="Peacekeeping Academy")

    # The conference, its search synonyms, the sessions, their speakers (for the cards) and
    # the speakers found.
    with django_assert_num_queries(5):
        response = search(client, conference, "peacekeeping")

    assert response.context["result_count"] == 2 * count


def test_search_session_results_show_their_speakers(client):
    conference = PublishedConferenceFactory()
    session = PublishedSessionFactory(conference=conference, title="Medical capabilities")
    SessionRoleFactory(session=session, speaker__family_name="Rahman")

    content = search(client, conference, "medical").content.decode()

    assert "Panellist" in content
    assert "Rahman" in content


# Across languages, accents, acronyms and synonyms


def titles_found(client, conference, query) -> list[str]:
    return [session.title for session in search(client, conference, query).context["sessions"]]


@pytest.fixture
def bilingual_programme():
    """A meeting in English and French, with the reference meeting's medical panel."""
    conference = PublishedConferenceFactory(languages=["en", "fr"])
    PublishedSessionFactory(
        conference=conference,
        title="Panel discussion III: Enhancing the medical capabilities of UN peacekeeping "
        "missions",
        title_translations={
            "fr": "Table ronde III : Renforcer les capacités médicales des missions de maintien "
            "de la paix"
        },
    )
    PublishedSessionFactory(
        conference=conference,
        title="Expert presentation: The threat of Improvised Explosive Devices",
        description="How they endanger peacekeepers.",
        title_translations={"fr": "Exposé d'expert : La menace des engins explosifs improvisés"},
    )
    PublishedSessionFactory(conference=conference, title="Briefing on the system of pledging")
    return conference


MEDICAL_PANEL = (
    "Panel discussion III: Enhancing the medical capabilities of UN peacekeeping missions"
)
IED_PRESENTATION = "Expert presentation: The threat of Improvised Explosive Devices"


@pytest.mark.parametrize("query", ["medical", "médical", "MÉDICALES", "medicale"])
def test_search_finds_the_medical_panel_with_or_without_accents(client, bilingual_programme, query):
    assert titles_found(client, bilingual_programme, query) == [MEDICAL_PANEL]


def test_search_ignores_accents_in_a_conference_in_one_language(client):
    conference = PublishedConferenceFactory(languages=["en"])
    PublishedSessionFactory(conference=conference, title="Médecins Sans Frontières briefing")

    assert titles_found(client, conference, "medecins sans frontieres") == [
        "Médecins Sans Frontières briefing"
    ]


def test_search_finds_an_acronym_the_organiser_declared(client, bilingual_programme):
    SearchSynonymFactory(
        conference=bilingual_programme, terms=["IED", "improvised explosive device"]
    )

    assert titles_found(client, bilingual_programme, "IED") == [IED_PRESENTATION]
    assert titles_found(client, bilingual_programme, "IED threat") == [IED_PRESENTATION]


def test_search_finds_what_an_acronym_stands_for_and_the_other_way_round(client):
    conference = PublishedConferenceFactory()
    PublishedSessionFactory(conference=conference, title="Countering the IED threat")
    SearchSynonymFactory(conference=conference, terms=["IED", "improvised explosive device"])

    assert titles_found(client, conference, "improvised explosive device") == [
        "Countering the IED threat"
    ]


def test_search_knows_no_acronym_the_organiser_did_not_declare(client, bilingual_programme):
    assert titles_found(client, bilingual_programme, "IED") == []


def test_search_synonyms_in_another_language(client, bilingual_programme):
    SearchSynonymFactory(
        conference=bilingual_programme,
        terms=["EEI", "engin explosif improvisé", "improvised explosive device"],
    )

    assert titles_found(client, bilingual_programme, "EEI") == [IED_PRESENTATION]


def test_search_synonyms_of_another_conference_do_not_apply(client, bilingual_programme):
    SearchSynonymFactory(terms=["EEI", "engin explosif improvisé"])

    assert titles_found(client, bilingual_programme, "EEI") == []


def test_search_finds_arabic_titles_with_arabic_queries(client):
    conference = PublishedConferenceFactory(languages=["en", "ar"])
    PublishedSessionFactory(
        conference=conference,
        title="Keynote address by the Chief of Army Staff",
        title_translations={"ar": "الكلمة الرئيسية لرئيس أركان الجيش"},
    )
    PublishedSessionFactory(conference=conference, title="Coffee break")

    # The definite article and the vowel marks differ from the title's.
    assert titles_found(client, conference, "كلمة") == [
        "Keynote address by the Chief of Army Staff"
    ]
    assert titles_found(client, conference, "الجَيش") == [
        "Keynote address by the Chief of Army Staff"
    ]


def test_search_finds_russian_titles_with_inflected_russian_queries(client):
    conference = PublishedConferenceFactory(languages=["ru", "en"])
    PublishedSessionFactory(
        conference=conference,
        title="Безопасность миротворцев",
        title_translations={"en": "Safety of UN peacekeepers"},
    )
    PublishedSessionFactory(conference=conference, title="Перерыв на кофе")

    assert titles_found(client, conference, "безопасности миротворцы") == [
        "Безопасность миротворцев"
    ]
    assert titles_found(client, conference, "peacekeeper safety") == ["Безопасность миротворцев"]


def test_search_finds_chinese_words_inside_a_chinese_title(client):
    conference = PublishedConferenceFactory(languages=["en", "zh-hans"])
    PublishedSessionFactory(
        conference=conference,
        title="Safety of peacekeepers",
        title_translations={"zh-hans": "维和人员的安全保障"},
    )

    assert titles_found(client, conference, "安全") == ["Safety of peacekeepers"]


def test_search_forgives_a_typo(client, bilingual_programme):
    assert titles_found(client, bilingual_programme, "peacekeping") == [MEDICAL_PANEL]


def test_search_query_count_stays_with_synonyms_and_languages(
    client, django_assert_num_queries, bilingual_programme
):
    SearchSynonymFactory.create_batch(3, conference=bilingual_programme)

    with django_assert_num_queries(5):
        response = search(client, bilingual_programme, "medical")

    assert len(response.context["sessions"]) == 1


def test_synonym_readings_replace_a_whole_term_by_each_other():
    synonyms = [["IED", "improvised explosive device", "EEI"], ["UN", "United Nations"]]

    assert synonym_readings("Threat of IEDs and IED", synonyms) == [
        "Threat of IEDs and IED",
        "threat of ieds and improvised explosive device",
        "threat of ieds and eei",
    ]
    assert synonym_readings("Unity", synonyms) == ["Unity"]


def test_search_reads_texts_again_when_the_conference_changes_its_languages(client):
    conference = PublishedConferenceFactory(languages=["en", "fr"])
    PublishedSessionFactory(
        conference=conference,
        title="Medical capabilities",
        title_translations={"fr": "Capacités médicales", "ar": "القدرات الطبية"},
    )
    assert titles_found(client, conference, "الطبية") == []

    conference.languages = ["en", "fr", "ar"]
    conference.save()

    assert titles_found(client, conference, "الطبية") == ["Medical capabilities"]


def test_search_finds_a_speaker_whatever_the_accents_of_the_name(client):
    conference = PublishedConferenceFactory(languages=["en", "fr"])
    session = PublishedSessionFactory(conference=conference)
    role = SessionRoleFactory(
        session=session, speaker__given_name="Élodie", speaker__family_name="Marchand"
    )

    response = search(client, conference, "Elodie")

    assert response.context["speakers"] == [role.speaker]


def speakers_found(client, conference, query):
    return [str(speaker) for speaker in search(client, conference, query).context["speakers"]]


def test_search_reads_a_speaker_again_when_it_changes(client):
    conference = PublishedConferenceFactory()
    role = SessionRoleFactory(
        session=PublishedSessionFactory(conference=conference),
        speaker__family_name="Okafor",
        speaker__bio="Led the mine action service.",
    )
    speaker = role.speaker
    speaker.bio = "Commanded a formed police unit."
    speaker.save()

    assert speakers_found(client, conference, "mine action") == []
    assert speakers_found(client, conference, "police unit") == [str(speaker)]


def test_search_reads_speakers_again_when_the_conference_changes_its_main_language(client):
    # Chinese has no stemmer: under it the biography is read word for word.
    conference = PublishedConferenceFactory(languages=["zh-hans", "en"])
    role = SessionRoleFactory(
        session=PublishedSessionFactory(conference=conference),
        speaker__bio="Oversaw peacekeeping operations.",
    )
    assert speakers_found(client, conference, "operation") == []

    conference.languages = ["en", "zh-hans"]
    conference.save()

    assert speakers_found(client, conference, "operation") == [str(role.speaker)]


def test_a_deleted_speaker_takes_its_search_document_along():
    role = SessionRoleFactory(speaker__bio="Served in Mali.")
    speaker_id = role.speaker.pk

    role.speaker.delete()

    assert not SpeakerSearch.objects.filter(speaker_id=speaker_id).exists()
