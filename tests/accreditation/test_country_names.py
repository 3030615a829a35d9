"""Country names in each language (django-countries' CLDR names), ordered in that language's
collation: on the public delegations page, and in the List of Participants when an organiser
asks for it in another language (English protocol order otherwise)."""

import csv
import io

import pytest
from django.urls import reverse
from django.utils import translation

from accreditation.models import Document
from accreditation.participant_list import participant_list_csv, participant_list_pdf
from accreditation.selectors import delegations_public
from delegations.models import Delegation, DelegationKind, DelegationStatus
from tests.factories import (
    ApprovedParticipantFactory,
    ConferenceFactory,
    DelegationFactory,
    OrganisationDelegationFactory,
    PublishedConferenceFactory,
)
from tests.pdf import pdf_text
from tests.tasks import tasks_run

pytestmark = pytest.mark.django_db

UN_LANGUAGES = [
    ("ar", "Arabic"),
    ("zh-hans", "Chinese"),
    ("en", "English"),
    ("fr", "French"),
    ("ru", "Russian"),
    ("es", "Spanish"),
]


@pytest.fixture(autouse=True)
def _un_languages(settings):
    settings.LANGUAGES = UN_LANGUAGES


def member_states(conference, *codes, status=DelegationStatus.ACCREDITED):
    """Member States created in the order given, with their English sort keys filled in."""
    delegations = []
    for code in codes:
        delegation = DelegationFactory.build(conference=conference, country=code, status=status)
        delegation.protocol_sort_key = delegation.default_protocol_sort_key()
        delegation.save()
        delegations.append(delegation)
    return delegations


def names_in(language, delegations):
    with translation.override(language):
        return [delegation.name for delegation in delegations]


# Each is listed in reverse of every order tested, so that creation order proves nothing.
FRENCH_CASE = ["US", "ET", "ES", "EG", "DE", "ZA"]


def test_delegations_in_french_order_sort_accents_as_french_readers_expect():
    conference = ConferenceFactory()
    member_states(conference, *FRENCH_CASE)

    ordered = Delegation.objects.in_protocol_order(language="fr")

    # Code points would put Égypte, États-Unis and Éthiopie after Espagne.
    assert names_in("fr", ordered) == [
        "Afrique du Sud",
        "Allemagne",
        "Égypte",
        "Espagne",
        "États-Unis d'Amérique",
        "Éthiopie",
    ]


def test_delegations_in_chinese_order_follow_pinyin():
    conference = ConferenceFactory()
    member_states(conference, "CN", "JP", "GH", "DE", "PK", "AF")

    ordered = Delegation.objects.in_protocol_order(language="zh-hans")

    # A-fu-han, Ba-ji-si-tan, De-guo, Jia-na, Ri-ben, Zhong-guo; code points give 中 first.
    assert names_in("zh-hans", ordered) == ["阿富汗", "巴基斯坦", "德国", "加纳", "日本", "中国"]


def test_delegations_in_arabic_order_follow_the_arabic_alphabet():
    conference = ConferenceFactory()
    member_states(conference, "EG", "GH", "PK", "DE", "CN")

    ordered = names_in("ar", Delegation.objects.in_protocol_order(language="ar"))

    # The hamza of ألمانيا does not count first: الصين (sad) comes before it (mim), as غانا
    # (ghain) comes before مصر (mim) and after باكستان (ba).
    assert ordered.index("الصين") < ordered.index("ألمانيا")
    assert ordered.index("باكستان") < ordered.index("غانا") < ordered.index("مصر")


def test_delegations_in_english_keep_the_organisers_protocol_sort_key():
    conference = ConferenceFactory()
    DelegationFactory(conference=conference, country="US", protocol_sort_key="America")
    DelegationFactory(conference=conference, country="BO", protocol_sort_key="Bolivia")

    ordered = Delegation.objects.in_protocol_order()

    assert [delegation.country.code for delegation in ordered] == ["US", "BO"]


def test_delegations_in_another_language_keep_the_kinds_in_protocol_order():
    conference = ConferenceFactory()
    OrganisationDelegationFactory(
        conference=conference, kind=DelegationKind.IGO, organisation_name="African Union"
    )
    member_states(conference, "ZA")

    ordered = Delegation.objects.in_protocol_order(language="fr")

    assert [delegation.kind for delegation in ordered] == [
        DelegationKind.MEMBER_STATE,
        DelegationKind.IGO,
    ]


def test_public_delegations_page_names_and_orders_countries_in_the_visitors_language(client):
    conference = PublishedConferenceFactory(languages=["en", "fr"])
    member_states(conference, *FRENCH_CASE)

    with translation.override("fr"):
        url = reverse("accreditation:delegations", kwargs={"conference": conference.slug})
    response = client.get(url)

    [group] = response.context["groups"]
    with translation.override("fr"):
        names = [delegation.name for delegation in group.delegations]
    assert names[:3] == ["Afrique du Sud", "Allemagne", "Égypte"]
    page = response.content.decode()
    assert page.index("Afrique du Sud") < page.index("Égypte") < page.index("Éthiopie")


def test_public_delegations_in_chinese_are_in_pinyin_order():
    conference = PublishedConferenceFactory()
    member_states(conference, "CN", "JP", "AF")

    with translation.override("zh-hans"):
        [group] = delegations_public(conference=conference)
        names = [delegation.name for delegation in group.delegations]

    assert names == ["阿富汗", "日本", "中国"]


@pytest.fixture
def list_conference():
    conference = ConferenceFactory(languages=["en", "fr", "zh-hans"])
    for delegation in member_states(conference, *FRENCH_CASE):
        ApprovedParticipantFactory(delegation=delegation)
    return conference


def test_participant_list_is_in_english_protocol_order_by_default(list_conference):
    text = pdf_text(participant_list_pdf(conference=list_conference))

    english = ["Egypt", "Ethiopia", "Germany", "South Africa", "Spain", "United States"]
    assert [text.index(name) for name in english] == sorted(text.index(name) for name in english)
    assert "Allemagne" not in text


def test_participant_list_pdf_in_french_uses_french_names_and_order(list_conference):
    text = pdf_text(participant_list_pdf(conference=list_conference, language="fr"))

    french = ["Afrique du Sud", "Allemagne", "Égypte", "Espagne", "États-Unis", "Éthiopie"]
    assert [text.index(name) for name in french] == sorted(text.index(name) for name in french)
    assert "Germany" not in text


def test_participant_list_csv_in_chinese_lists_countries_in_pinyin_order(list_conference):
    content = participant_list_csv(conference=list_conference, language="zh-hans")

    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    # Ai-ji, Ai-sai-e-bi-ya, De-guo, Mei-guo, Nan-fei, Xi-ban-ya; code points put 南非 first.
    assert [row[0] for row in rows[1:]] == ["埃及", "埃塞俄比亚", "德国", "美国", "南非", "西班牙"]


@pytest.mark.django_db(transaction=True)
def test_participant_list_asked_for_in_a_language_of_the_conference_is_made_in_it(
    admin_client, list_conference
):
    admin_client.post(
        reverse("accreditation:participant_list", args=[list_conference.slug]),
        {"format": "csv", "language": "fr"},
    )
    tasks_run()
    document = Document.objects.get()
    response = admin_client.get(reverse("accreditation:document_file", args=[document.pk]))

    assert document.language == "fr"
    assert "Allemagne" in b"".join(response.streaming_content).decode("utf-8-sig")
    assert (
        f'filename="list-of-participants-{list_conference.slug}-fr.csv"'
        in (response["Content-Disposition"])
    )


def test_participant_list_asked_for_in_a_language_the_conference_lacks_is_a_bad_request(
    admin_client, list_conference
):
    response = admin_client.post(
        reverse("accreditation:participant_list", args=[list_conference.slug]),
        {"format": "pdf", "language": "ru"},
    )

    assert response.status_code == 400
    assert not Document.objects.exists()


def test_staff_home_offers_the_list_in_each_language_of_the_conference(
    admin_client, list_conference
):
    ConferenceFactory(title="English only")

    response = admin_client.get(reverse("accreditation:home"))

    page = response.content.decode()
    assert page.count('name="language"') == 1
    for code, name in [("en", "English"), ("fr", "français"), ("zh-hans", "简体中文")]:
        assert f'<option value="{code}" lang="{code}">{name}</option>' in page
