"""A conference's slug is the first segment of its pages' URLs: it must not take one that the
site's own pages use, or those pages would hide the conference's (or the other way round)."""

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import LocalePrefixPattern, URLResolver, get_resolver

from tests.factories import ConferenceFactory

pytestmark = pytest.mark.django_db


def first_segments(patterns=None) -> set[str]:
    """The literal first path segments of every URL the URLconf serves, with a language prefix
    (the prefixes themselves, and what follows them) or without one."""
    segments = set()
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern.pattern, LocalePrefixPattern):
            segments |= {code for code, _name in settings.LANGUAGES}
            segments |= first_segments(pattern.url_patterns)
            continue
        text = str(pattern.pattern).lstrip("^")
        if not text and isinstance(pattern, URLResolver):
            segments |= first_segments(pattern.url_patterns)
            continue
        head = text.split("/")[0]
        if head and not any(mark in head for mark in "<(["):
            segments.add(head.removesuffix("$"))
    return segments


def slug_errors(slug: str) -> list[str]:
    conference = ConferenceFactory.build(slug=slug)
    try:
        conference.full_clean(exclude=["venue"])
    except ValidationError as error:
        return error.message_dict.get("slug", [])
    return []


def test_every_first_segment_the_site_uses_is_found():
    assert {"admin", "api", "invitation", "staff", "en", "zh-hans"} <= first_segments()


@pytest.mark.parametrize("segment", sorted(first_segments()))
def test_a_conference_slug_cannot_take_a_segment_the_site_uses(segment):
    assert slug_errors(segment)


@pytest.mark.parametrize(
    "slug",
    [
        settings.STATIC_URL.strip("/"),
        settings.MEDIA_URL.strip("/"),
        "i18n",
        "en",
        "fr",
        "ar",
        "zh-hans",
        "zh-hant",
        "de",
        "ADMIN",
    ],
)
def test_a_conference_slug_cannot_take_a_file_prefix_a_language_code_or_i18n(slug):
    assert slug_errors(slug)


def test_an_ordinary_slug_is_accepted():
    assert slug_errors("peacekeeping-prep-2023") == []
