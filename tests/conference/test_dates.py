import datetime

import pytest
from django.urls import reverse
from django.utils import translation

from accreditation.badges import participant_badge_pdf
from accreditation.participant_list import participant_list_pdf
from conference.templatetags.conference_dates import date_range
from tests.factories import (
    ApprovedParticipantFactory,
    ConferenceFactory,
    PublishedConferenceFactory,
)
from tests.pdf import pdf_text


def conference_from(first: tuple[int, int, int], last: tuple[int, int, int]):
    return ConferenceFactory.build(start_date=datetime.date(*first), end_date=datetime.date(*last))


@pytest.mark.parametrize(
    ("first", "last", "expected"),
    [
        ((2023, 8, 30), (2023, 8, 30), "30 August 2023"),
        ((2023, 8, 30), (2023, 8, 31), "30–31 August 2023"),
        ((2023, 8, 30), (2023, 9, 2), "30 August – 2 September 2023"),
        ((2023, 12, 30), (2024, 1, 2), "30 December 2023 – 2 January 2024"),
    ],
)
def test_date_range_names_a_shared_month_or_year_once(first, last, expected):
    assert date_range(conference_from(first, last)) == expected


def test_date_range_follows_the_translated_formats(french):
    french({"%(first)s – %(last)s": "du %(first)s au %(last)s"})

    with translation.override("fr"):
        dates = date_range(conference_from((2023, 8, 30), (2023, 9, 2)))

    assert dates == "du 30 août au 2 septembre 2023"


@pytest.mark.django_db
def test_badge_pdf_dates_across_two_months_name_both():
    participant = ApprovedParticipantFactory(
        delegation__conference__start_date=datetime.date(2023, 8, 30),
        delegation__conference__end_date=datetime.date(2023, 9, 2),
    )

    text = pdf_text(participant_badge_pdf(participant=participant))

    assert "30 August – 2 September 2023" in text


@pytest.mark.django_db
def test_participant_list_pdf_dates_name_a_shared_month_once():
    conference = ConferenceFactory(
        start_date=datetime.date(2023, 8, 30), end_date=datetime.date(2023, 8, 31)
    )

    text = pdf_text(participant_list_pdf(conference=conference))

    assert "30–31 August 2023" in text


@pytest.mark.django_db
@pytest.mark.parametrize("url_name", ["programme:conference_list", "programme:conference"])
def test_public_page_dates_name_a_shared_month_once(client, url_name):
    conference = PublishedConferenceFactory(
        start_date=datetime.date(2023, 8, 30), end_date=datetime.date(2023, 8, 31)
    )
    kwargs = {"conference": conference.slug} if url_name == "programme:conference" else {}

    content = client.get(reverse(url_name, kwargs=kwargs)).content.decode()

    assert "30–31 August 2023" in content
