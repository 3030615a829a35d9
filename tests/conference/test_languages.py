"""Pages in six languages: the address names the language, the first visit follows
Accept-Language, a conference offers only its languages, and the switcher keeps the page."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from tests.factories import PublishedConferenceFactory, published_programme

pytestmark = pytest.mark.django_db

ALL_SIX = ["ar", "zh-hans", "en", "fr", "ru", "es"]


def agenda_path(conference, language: str) -> str:
    with translation.override(language):
        return reverse("programme:agenda", kwargs={"conference": conference.slug})


def switcher_links(content: str) -> dict[str, str]:
    """The language switcher's links: language code → address."""
    switcher = re.search(r'<nav class="language-switcher".*?</nav>', content, re.S).group(0)
    return {
        code: href.replace("&amp;", "&")
        for href, code in re.findall(r'<a href="([^"]+)" lang="([^"]+)"', switcher)
    }


def test_each_language_has_its_prefix_english_too():
    conference = PublishedConferenceFactory(languages=ALL_SIX)

    paths = {language: agenda_path(conference, language) for language in ALL_SIX}

    assert paths == {language: f"/{language}/{conference.slug}/agenda/" for language in ALL_SIX}


@pytest.mark.parametrize(
    ("accept_language", "prefix"),
    [("fr-CH, fr;q=0.9, en;q=0.8", "fr"), ("zh-CN,zh;q=0.9", "zh-hans"), ("ar", "ar"), ("", "en")],
)
def test_first_visit_without_prefix_goes_to_the_visitors_language(client, accept_language, prefix):
    conference = published_programme(sessions=1)
    conference.languages = ALL_SIX
    conference.save()

    response = client.get(
        f"/{conference.slug}/agenda/?day=all", headers={"Accept-Language": accept_language}
    )

    assert response.status_code == 302
    assert response["Location"] == f"/{prefix}/{conference.slug}/agenda/?day=all"
    assert "Accept-Language" in response["Vary"]
    assert not response.cookies


def test_page_under_a_prefix_ignores_accept_language_and_sets_no_cookie(client):
    conference = published_programme(sessions=1)
    conference.languages = ALL_SIX
    conference.save()

    response = client.get(agenda_path(conference, "fr"), headers={"Accept-Language": "ru"})

    assert response.status_code == 200
    assert '<html lang="fr" dir="ltr">' in response.content.decode()
    assert "Accept-Language" not in response.get("Vary", "")
    assert not response.cookies


def test_a_page_is_stored_once_per_language_with_its_own_etag(client):
    conference = published_programme(sessions=1)
    conference.languages = ["en", "fr"]
    conference.save()
    english, french = agenda_path(conference, "en"), agenda_path(conference, "fr")

    first_english, first_french = client.get(english), client.get(french)

    assert first_english["ETag"] != first_french["ETag"]
    assert client.get(french).content == first_french.content
    assert client.get(english).content == first_english.content
    assert "<h1>Agenda</h1>" in first_english.content.decode()
    assert "<h1>Programme</h1>" in first_french.content.decode()
    not_modified = client.get(french, headers={"If-None-Match": first_french["ETag"]})
    assert not_modified.status_code == 304
    changed = client.get(french, headers={"If-None-Match": first_english["ETag"]})
    assert changed.status_code == 200


def test_arabic_page_reads_right_to_left(client):
    conference = published_programme(sessions=1)
    conference.languages = ["ar", "en"]
    conference.save()

    content = client.get(agenda_path(conference, "ar")).content.decode()

    assert '<html lang="ar" dir="rtl">' in content


def test_a_language_the_conference_does_not_offer_redirects_to_one_it_does(client):
    conference = published_programme(sessions=1)
    conference.languages = ["fr", "es"]
    conference.save()

    response = client.get(
        agenda_path(conference, "ru") + "?day=all", headers={"Accept-Language": "es, ru"}
    )

    assert response.status_code == 302
    assert response["Location"] == f"/es/{conference.slug}/agenda/?day=all"
    assert "Accept-Language" in response["Vary"]


def test_a_language_not_offered_and_not_accepted_redirects_to_the_main_language(client):
    conference = published_programme(sessions=1)
    conference.languages = ["fr", "es"]
    conference.save()

    response = client.get(agenda_path(conference, "en"), headers={"Accept-Language": "de"})

    assert response["Location"] == f"/fr/{conference.slug}/agenda/"


def test_switcher_keeps_the_page_and_its_query_in_the_conferences_languages(client):
    conference = published_programme(sessions=1)
    conference.languages = ["fr", "ar", "en"]
    conference.save()
    query = "?day=2023-08-30&track=capacity-building"

    content = client.get(agenda_path(conference, "en") + query).content.decode()

    assert switcher_links(content) == {
        "fr": f"/fr/{conference.slug}/agenda/{query}",
        "ar": f"/ar/{conference.slug}/agenda/{query}",
    }
    assert '<span lang="en" aria-current="true">English</span>' in content


def test_switcher_names_each_language_in_itself(client):
    conference = published_programme(sessions=1)
    conference.languages = ALL_SIX
    conference.save()

    content = client.get(agenda_path(conference, "fr")).content.decode()

    names = re.findall(
        r'lang="[^"]+"(?: hreflang="[^"]+")?(?: aria-current="true")?>([^<]+)<', content
    )
    assert names[:6] == ["العربية", "中文", "English", "Français", "Русский", "Español"]


def test_pages_of_no_conference_offer_all_six_languages(client):
    with translation.override("ru"):
        url = reverse("programme:conference_list")

    content = client.get(url).content.decode()

    assert sorted(switcher_links(content)) == sorted(set(ALL_SIX) - {"ru"})


def test_a_conference_with_one_language_shows_no_switcher(client):
    conference = published_programme(sessions=1)

    content = client.get(agenda_path(conference, "en")).content.decode()

    assert "language-switcher" not in content


def test_machine_readable_addresses_keep_no_prefix(client):
    conference = published_programme(sessions=1)

    assert reverse("feeds:conference_ics", kwargs={"conference": conference.slug}) == (
        f"/{conference.slug}/calendar.ics"
    )
    assert client.get(f"/{conference.slug}/calendar.ics").status_code == 200
    assert client.get("/api/v1/conferences/").status_code == 200
