"""Counted phrases take each language's own plural forms: six in Arabic, three in Russian."""

import pytest
from django.utils import translation
from django.utils.translation import ngettext


def sent(count: int, language: str) -> str:
    with translation.override(language):
        return ngettext("Sent %(count)d invitation.", "Sent %(count)d invitations.", count) % {
            "count": count
        }


@pytest.mark.parametrize(
    ("count", "expected"),
    [
        (0, "لم تُرسَل أي دعوة."),
        (1, "أُرسلت دعوة واحدة."),
        (2, "أُرسلت دعوتان."),
        (3, "أُرسلت 3 دعوات."),
        (11, "أُرسلت 11 دعوة."),
        (100, "أُرسلت 100 دعوة."),
    ],
)
def test_arabic_has_six_plural_forms(count, expected):
    assert sent(count, "ar") == expected


@pytest.mark.parametrize(
    ("count", "expected"),
    [
        (1, "Отправлено 1 приглашение."),
        (2, "Отправлено 2 приглашения."),
        (5, "Отправлено 5 приглашений."),
        (21, "Отправлено 21 приглашение."),
    ],
)
def test_russian_has_three_plural_forms(count, expected):
    assert sent(count, "ru") == expected


def test_chinese_has_one_form_and_french_counts_zero_as_singular():
    assert sent(3, "zh-hans").replace("3", "1") == sent(1, "zh-hans")
    assert sent(0, "fr") == sent(1, "fr").replace("1", "0")
    assert sent(2, "fr") != sent(1, "fr").replace("1", "2")
