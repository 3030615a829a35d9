"""Sorting text as the readers of a language expect, with PostgreSQL's ICU collations."""


def language_collation(language_code: str) -> str:
    """The ICU collation of a Django language code: "fr-x-icu" for "fr", "zh-x-icu" (pinyin
    order) for "zh-hans". PostgreSQL built with ICU, as Debian's is, has one per language."""
    return f"{language_code.split('-')[0]}-x-icu"
