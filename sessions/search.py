"""Search of the programme across its languages, accents, acronyms and synonyms.

PostgreSQL does the matching and ranking, on the conference's own rows:
- Each text is read with its language's text search configuration (migration 0006): the plain
  columns with the conference's main language's, each translation with its own. Those
  configurations unaccent before stemming, so "médical", "medical" and "médicales" meet.
- The words typed are read in each of the conference's languages, and the readings OR'd: the
  visitor need not say which language they type in.
- The organisers' synonyms and acronyms (SearchSynonym) add readings: a query naming one term
  is read again with each other term in its place ("IED threat" → "improvised explosive device
  threat"), and the other way round.
- pg_trgm's strict word similarity on the titles forgives a typo ("peacekeper"); a substring
  match serves Chinese and Japanese, written without spaces, which PostgreSQL's parser would
  take whole phrases of as single words.
No stored index: a conference has at most some hundreds of sessions, reached through the
(conference, starts_at) index, and the conference's languages decide how each text is read.
"""

import functools
import operator
import re
from collections.abc import Iterable

from django.contrib.postgres.lookups import Unaccent
from django.contrib.postgres.search import (
    SearchQuery,
    SearchRank,
    SearchVector,
    TrigramStrictWordSimilarity,
)
from django.db.models import F, Q, TextField, Value
from django.db.models.fields.json import KeyTextTransform
from django.db.models.functions import Coalesce, Concat

from conference.models import Conference
from conference.translations import fold
from sessions.models import SearchSynonym, Session, Speaker
from sessions.selectors import session_cards, sessions_visible, speakers_visible

SEARCH_RESULTS_LIMIT = 50
# The configuration for each language with a stemmer; the others (Chinese) get the simple one.
SEARCH_CONFIGURATIONS = {
    "ar": "plenary_arabic",
    "en": "plenary_english",
    "es": "plenary_spanish",
    "fr": "plenary_french",
    "ru": "plenary_russian",
}
SIMPLE_CONFIGURATION = "plenary_simple"
# A title word at least this similar to the query (pg_trgm's strict_word_similarity, 0 to 1)
# counts as the query misspelt: "peacekeper" and "peacekeepers" score 0.6, "IED" and "field" 0.
TYPO_SIMILARITY = 0.5
# What makes a query more than plain words, in websearch_to_tsquery's syntax.
WEB_SEARCH_OPERATORS = re.compile(r'"|(?:^|\s)-\w|\bor\b', re.IGNORECASE)
# Scripts written without spaces between words: Chinese, Japanese kana, Korean syllables.
UNSPACED_SCRIPT = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")
# Words of a query checked for typos, at most.
MAX_TYPO_WORDS = 5
# Readings of one query at most, synonyms included: each is searched in every language.
MAX_READINGS = 8


def search_configuration(language: str) -> str:
    return SEARCH_CONFIGURATIONS.get(language, SIMPLE_CONFIGURATION)


def synonym_readings(query: str, synonyms: Iterable[list[str]]) -> list[str]:
    """The query, then the query with each synonym's term replaced by each of its others."""
    folded = fold(query)
    readings = [query]
    for terms in synonyms:
        folded_terms = [fold(term) for term in terms]
        for term in folded_terms:
            pattern = re.compile(rf"(?<!\w){re.escape(term)}(?!\w)")
            if not pattern.search(folded):
                continue
            for other in folded_terms:
                if other != term:
                    readings.append(pattern.sub(lambda _match, other=other: other, folded))
    return list(dict.fromkeys(readings))[:MAX_READINGS]


def _texts(conference: Conference, field: str) -> list[tuple[object, str]]:
    """The field in each of the conference's languages, each with its configuration."""
    main, *others = conference.languages
    return [(F(field), search_configuration(main))] + [
        (KeyTextTransform(code, f"{field}_translations"), search_configuration(code))
        for code in others
    ]


def _vector(conference: Conference, field: str, weight: str) -> SearchVector:
    return functools.reduce(
        operator.add,
        (
            SearchVector(text, config=config, weight=weight)
            for text, config in _texts(conference, field)
        ),
    )


def _all_languages(conference: Conference, *fields: str) -> Unaccent:
    """The fields in every language, as one unaccented text."""
    parts = []
    for field in fields:
        for text, _config in _texts(conference, field):
            parts += [Coalesce(text, Value(""), output_field=TextField()), Value(" ")]
    return Unaccent(Concat(*parts, output_field=TextField()))


def _search_query(*, readings: list[str], configurations: Iterable[str]) -> SearchQuery:
    return functools.reduce(
        operator.or_,
        (
            SearchQuery(reading, search_type="websearch", config=config)
            for reading in readings
            for config in configurations
        ),
    )


def programme_search(
    *, conference: Conference, query: str, preview: bool
) -> tuple[list[Session], list[Speaker]]:
    """Visible sessions and speakers matching `query` (web-search syntax) in any of the
    conference's languages, best match first."""
    synonyms = SearchSynonym.objects.filter(conference=conference).values_list("terms", flat=True)
    readings = synonym_readings(query, synonyms)
    configurations = dict.fromkeys(
        [*(search_configuration(code) for code in conference.languages), SIMPLE_CONFIGURATION]
    )
    search_query = _search_query(readings=readings, configurations=configurations)

    session_vector = _vector(conference, "title", "A") + _vector(conference, "description", "B")
    annotations = {"document": session_vector, "rank": SearchRank(session_vector, search_query)}
    matches = Q(document=search_query)
    # A typo is forgiven when each word typed (of three letters or more) is close to a word of
    # a title; in plain words only, as similarity knows no "-word", "or" or quotes.
    words = list(dict.fromkeys(word for word in re.findall(r"\w+", fold(query)) if len(word) > 2))
    if words and not WEB_SEARCH_OPERATORS.search(query):
        titles = _all_languages(conference, "title")
        similar = {
            f"similarity_{index}": TrigramStrictWordSimilarity(word, titles)
            for index, word in enumerate(words[:MAX_TYPO_WORDS])
        }
        annotations |= similar
        matches |= Q(*(Q(**{f"{name}__gte": TYPO_SIMILARITY}) for name in similar))
    unspaced = [chunk for chunk in query.split() if UNSPACED_SCRIPT.search(chunk)]
    if unspaced:
        annotations["all_texts"] = _all_languages(conference, "title", "description")
        matches |= Q(*(Q(all_texts__icontains=fold(chunk)) for chunk in unspaced))
    sessions = (
        sessions_visible(conference=conference, preview=preview)
        .annotate(**annotations)
        .filter(matches)
        .order_by("-rank", "starts_at")[:SEARCH_RESULTS_LIMIT]
    )

    # Names as written (unaccented, not stemmed); the rest in the main language.
    main = search_configuration(conference.main_language)
    speaker_vector = (
        SearchVector("given_name", "family_name", weight="A", config=SIMPLE_CONFIGURATION)
        + SearchVector("title", "organisation", weight="B", config=main)
        + SearchVector("bio", weight="C", config=main)
    )
    speakers = (
        speakers_visible(conference=conference, preview=preview)
        .annotate(document=speaker_vector, rank=SearchRank(speaker_vector, search_query))
        .filter(document=search_query)
        .order_by("-rank", "family_name", "given_name")[:SEARCH_RESULTS_LIMIT]
    )
    return session_cards(sessions), list(speakers)
