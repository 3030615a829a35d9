"""Search of the programme across its languages, accents, acronyms and synonyms.

PostgreSQL does the matching and ranking (migration 0007):
- Each session has a SessionSearch row, written by triggers: its titles and descriptions in
  every language of its conference, each read with its language's text search configuration,
  which unaccents before stemming, so "médical", "medical" and "médicales" meet.
- The words typed are read in each of the conference's languages, and the readings OR'd: the
  visitor need not say which language they type in.
- The organisers' synonyms and acronyms (SearchSynonym) add readings: a query naming one term
  is read again with each other term in its place ("IED threat" → "improvised explosive device
  threat"), and the other way round.
- pg_trgm forgives a typo ("peacekeper") in the row's `text` (the same texts, lower-case and
  unaccented); a substring match there serves Chinese and Japanese, written
  without spaces, which PostgreSQL's parser would take whole phrases of as single words.
Both columns have GIN indexes. Speakers have a stored document too (SpeakerSearch, migration
0009): their names as written, their titles, organisations and biographies in the conference's
main language.
"""

import functools
import operator
import re
from collections.abc import Iterable

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db.models import F, Func, Q, TextField, Value

from conference.models import Conference
from conference.translations import fold
from sessions.models import SearchSynonym, Session, Speaker
from sessions.selectors import session_cards, sessions_visible, speakers_visible

SEARCH_RESULTS_LIMIT = 50
# What makes a query more than plain words, in websearch_to_tsquery's syntax.
WEB_SEARCH_OPERATORS = re.compile(r'"|(?:^|\s)-\w|\bor\b', re.IGNORECASE)
# Scripts written without spaces between words: Chinese, Japanese kana, Korean syllables.
UNSPACED_SCRIPT = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")
# Words of a query checked for typos, at most; shorter words are too short for trigrams.
MAX_TYPO_WORDS = 5
MIN_TYPO_WORD = 3
# Readings of one query at most, synonyms included: each is searched in every language.
MAX_READINGS = 8


def search_configuration(language: str) -> Func:
    """The text search configuration for a language code, as the trigger chooses it."""
    return Func(Value(language), function="plenary_search_configuration", output_field=TextField())


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


def _search_query(*, readings: list[str], languages: Iterable[str]) -> SearchQuery:
    return functools.reduce(
        operator.or_,
        (
            SearchQuery(reading, search_type="websearch", config=search_configuration(code))
            for reading in readings
            for code in languages
        ),
    )


def _session_matches(query: str, search_query: SearchQuery) -> Q:
    matches = Q(search__document=search_query)
    # A typo is forgiven when each word typed is close to a word of the session's texts; in
    # plain words only, as similarity knows no "-word", "or" or quotes.
    words = list(dict.fromkeys(re.findall(r"\w+", fold(query))))
    long_words = [word for word in words if len(word) >= MIN_TYPO_WORD][:MAX_TYPO_WORDS]
    if long_words and not WEB_SEARCH_OPERATORS.search(query):
        matches |= Q(*(Q(search__text__trigram_strict_word_similar=word) for word in long_words))
    unspaced = [chunk for chunk in query.split() if UNSPACED_SCRIPT.search(chunk)]
    if unspaced:
        matches |= Q(*(Q(search__text__contains=fold(chunk)) for chunk in unspaced))
    return matches


def programme_search(
    *, conference: Conference, query: str, preview: bool
) -> tuple[list[Session], list[Speaker]]:
    """Visible sessions and speakers matching `query` (web-search syntax) in any of the
    conference's languages, best match first."""
    synonyms = SearchSynonym.objects.filter(conference=conference).values_list("terms", flat=True)
    readings = synonym_readings(query, synonyms)
    # The simple configuration too: speakers' names are read with it.
    search_query = _search_query(
        readings=readings, languages=dict.fromkeys([*conference.languages, "simple"])
    )

    sessions = (
        sessions_visible(conference=conference, preview=preview)
        .filter(_session_matches(query, search_query))
        .annotate(rank=SearchRank(F("search__document"), search_query))
        .order_by("-rank", "starts_at")[:SEARCH_RESULTS_LIMIT]
    )

    speakers = (
        speakers_visible(conference=conference, preview=preview)
        .filter(search__document=search_query)
        .annotate(rank=SearchRank(F("search__document"), search_query))
        .order_by("-rank", "family_name", "given_name")[:SEARCH_RESULTS_LIMIT]
    )
    return session_cards(sessions), list(speakers)
