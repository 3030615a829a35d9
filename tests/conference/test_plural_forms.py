"""Counted phrases take each language's own plural forms: six in Arabic, three in Russian."""

import pytest
from django.utils import translation
from django.utils.translation import ngettext


def sending(count: int, language: str) -> str:
    with translation.override(language):
        return ngettext(
            "Sending %(count)d invitation.", "Sending %(count)d invitations.", count
        ) % {"count": count}


@pytest.mark.parametrize(
    ("count", "expected"),
    [
        (0, "لا دعوات قيد الإرسال."),
        (1, "جارٍ إرسال دعوة واحدة."),
        (2, "جارٍ إرسال دعوتين."),
        (3, "جارٍ إرسال 3 دعوات."),
        (11, "جارٍ إرسال 11 دعوة."),
        (100, "جارٍ إرسال 100 دعوة."),
    ],
)
def test_arabic_has_six_plural_forms(count, expected):
    assert sending(count, "ar") == expected


@pytest.mark.parametrize(
    ("count", "expected"),
    [
        (1, "Отправляется 1 приглашение."),
        (2, "Отправляются 2 приглашения."),
        (5, "Отправляется 5 приглашений."),
        (21, "Отправляется 21 приглашение."),
    ],
)
def test_russian_has_three_plural_forms(count, expected):
    assert sending(count, "ru") == expected


def test_chinese_has_one_form_and_french_counts_zero_as_singular():
    assert sending(3, "zh-hans").replace("3", "1") == sending(1, "zh-hans")
    assert sending(0, "fr") == sending(1, "fr").replace("1", "0")
    assert sending(2, "fr") != sending(1, "fr").replace("1", "2")
