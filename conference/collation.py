"""Sorting text as the readers of a language expect, with PostgreSQL's ICU collations."""

from django.db import connection
from django.utils import translation
from django_countries import countries


def language_collation(language_code: str) -> str:
    """The ICU collation of a Django language code: "fr-x-icu" for "fr", "zh-x-icu" (pinyin
    order) for "zh-hans". PostgreSQL built with ICU, as Debian's is, has one per language."""
    return f"{language_code.split('-')[0]}-x-icu"


def countries_in_order(language_code: str) -> list[tuple[str, str]]:
    """Every country as (code, name in `language_code`), in that language's alphabetical
    order; one query. django-countries sorts by the letters' ASCII forms, which leaves
    Chinese and Arabic names in no order at all."""
    with translation.override(language_code):
        codes, names = zip(*((code, str(name)) for code, name in countries), strict=True)
    collation = connection.ops.quote_name(language_collation(language_code))
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT code, name FROM unnest(%s::text[], %s::text[]) AS country(code, name) "
            f"ORDER BY name COLLATE {collation}, code",
            [list(codes), list(names)],
        )
        return cursor.fetchall()
