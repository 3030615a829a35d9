"""The OpenAPI 3 description of the schedule API, served at /api/v1/openapi.json.

Written by hand next to sessions/api.py; tests/test_api_docs.py checks that every documented
field is what the API actually returns.
"""

from typing import Any

from delegations.names import NameOrder
from sessions.feed_forms import (
    DEFAULT_PAGE_SIZE,
    MAX_OFFSET,
    MAX_PAGE_SIZE,
    MAX_SESSION_PAGE_SIZE,
)
from sessions.models import SessionKind, SessionRoleKind

STRING = {"type": "string"}
NULLABLE_STRING = {"type": "string", "nullable": True}
INTEGER = {"type": "integer"}
URL = {"type": "string", "format": "uri"}
DATE = {"type": "string", "format": "date", "example": "2023-08-30"}
LANGUAGE = {
    "type": "string",
    "description": "A language code of settings.LANGUAGES: ar, zh-hans, en, fr, ru, es.",
    "example": "fr",
}
SESSION_KIND = {"type": "string", "enum": SessionKind.values}
DATETIME = {
    "type": "string",
    "format": "date-time",
    "description": "ISO 8601 with the conference's UTC offset.",
    "example": "2023-08-30T09:00:00+05:00",
}


def _object(properties: dict[str, Any], *, nullable: bool = False) -> dict[str, Any]:
    schema = {"type": "object", "required": list(properties), "properties": properties}
    if nullable:
        schema["nullable"] = True
    return schema


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def _list_of(name: str) -> dict[str, Any]:
    return _object({"count": INTEGER, "results": {"type": "array", "items": _ref(name)}})


def _page_of(name: str) -> dict[str, Any]:
    return _object(
        {
            "count": {**INTEGER, "description": "All matching items, on every page."},
            "limit": INTEGER,
            "offset": INTEGER,
            "next": {**URL, "nullable": True},
            "previous": {**URL, "nullable": True},
            "results": {"type": "array", "items": _ref(name)},
        }
    )


SCHEMAS: dict[str, Any] = {
    "Conference": _object(
        {
            "slug": STRING,
            "title": STRING,
            "short_title": STRING,
            "theme": STRING,
            "description": STRING,
            "languages": {
                "type": "array",
                "items": LANGUAGE,
                "description": (
                    "The conference's languages, the main one first: texts are given in "
                    "these, and fall back to the main one."
                ),
            },
            "time_zone": {**STRING, "description": "IANA zone name", "example": "Asia/Karachi"},
            "start_date": DATE,
            "end_date": DATE,
            "days": {"type": "array", "items": DATE},
            "venue": _object(
                {"name": STRING, "address": STRING, "city": STRING, "country": STRING},
                nullable=True,
            ),
            "hosts": {
                "type": "array",
                "items": _object({"name": STRING, "country": NULLABLE_STRING}),
            },
            "programme_changed_at": DATETIME,
            "links": _object(
                dict.fromkeys(
                    (
                        "self",
                        "html",
                        "sessions",
                        "speakers",
                        "rooms",
                        "tracks",
                        "calendar",
                        "frab_xml",
                        "frab_json",
                    ),
                    URL,
                )
            ),
        }
    ),
    "Session": _object(
        {
            "id": INTEGER,
            "title": STRING,
            "kind": SESSION_KIND,
            "kind_label": STRING,
            "description": STRING,
            "starts_at": DATETIME,
            "ends_at": DATETIME,
            "duration_minutes": INTEGER,
            "room": _object({"id": INTEGER, "name": STRING}, nullable=True),
            "track": {**_ref("Track"), "nullable": True},
            "language": {**LANGUAGE, "description": "The floor language, one of the conference's."},
            "interpretation": {
                "type": "array",
                "items": LANGUAGE,
                "description": "The conference's other languages the session is interpreted into.",
            },
            "closed": {
                "type": "boolean",
                "description": "A closed session, restricted to some participants: it lists "
                "no speakers.",
            },
            "closed_to": {
                "type": "string",
                "description": "Who may attend a closed session; empty for an open one.",
            },
            "speakers": {
                "type": "array",
                "items": _object(
                    {
                        "id": INTEGER,
                        "name": STRING,
                        "organisation": STRING,
                        "role": {"type": "string", "enum": SessionRoleKind.values},
                        "role_label": STRING,
                    }
                ),
            },
            "links": _object({"self": URL, "html": URL, "calendar": URL}),
        }
    ),
    "Speaker": _object(
        {
            "id": INTEGER,
            "name": STRING,
            "honorific": STRING,
            "given_name": STRING,
            "family_name": STRING,
            "name_order": {
                "type": "string",
                "enum": NameOrder.values,
                "description": "family_first: print the family name first, in capitals "
                "(“WANG Wei”), as `name` does.",
            },
            "own_script_name": {
                **STRING,
                "description": "The name as its owner writes it when that is not in Latin "
                "letters (“王伟”); empty otherwise.",
            },
            "title": STRING,
            "organisation": STRING,
            "bio": STRING,
            "photo": {**URL, "nullable": True},
            "sessions": {
                "type": "array",
                "items": _object(
                    {
                        "id": INTEGER,
                        "title": STRING,
                        "starts_at": DATETIME,
                        "role": STRING,
                        "role_label": STRING,
                    }
                ),
            },
            "links": _object({"html": URL}),
        }
    ),
    "Room": _object(
        {
            "id": INTEGER,
            "name": STRING,
            "capacity": {**INTEGER, "nullable": True},
            "venue": _object({"name": STRING, "city": STRING}),
        }
    ),
    "Track": _object(
        {
            "slug": STRING,
            "name": STRING,
            "description": STRING,
            "colour": {**STRING, "example": "#1f6feb"},
        }
    ),
    "ConferenceList": _list_of("Conference"),
    "SessionPage": _page_of("Session"),
    "SpeakerPage": _page_of("Speaker"),
    "RoomList": _list_of("Room"),
    "TrackList": _list_of("Track"),
    "Errors": _object(
        {
            "errors": {
                "type": "object",
                "description": "For each invalid query parameter, what is wrong with it.",
                "additionalProperties": {
                    "type": "array",
                    "items": _object({"message": STRING, "code": STRING}),
                },
            }
        }
    ),
    "NotFound": _object({"detail": STRING}),
}

SLUG = {
    "name": "conference",
    "in": "path",
    "required": True,
    "schema": STRING,
    "description": "The conference's slug.",
}
LIMIT = {
    "name": "limit",
    "in": "query",
    "schema": {
        "type": "integer",
        "minimum": 1,
        "maximum": MAX_PAGE_SIZE,
        "default": DEFAULT_PAGE_SIZE,
    },
}
# Sessions: a whole programme in one page.
SESSION_LIMIT = {
    **LIMIT,
    "schema": {**LIMIT["schema"], "maximum": MAX_SESSION_PAGE_SIZE},
    "description": "Up to 1,000 sessions a page: a whole programme in one request.",
}
OFFSET = {
    "name": "offset",
    "in": "query",
    "schema": {"type": "integer", "minimum": 0, "maximum": MAX_OFFSET, "default": 0},
}
LANG = {
    "name": "lang",
    "in": "query",
    "schema": LANGUAGE,
    "description": (
        "The language of the response's texts (titles, descriptions, names, labels); wins over "
        "Accept-Language. A text not given in it comes in the conference's main language."
    ),
}
ACCEPT_LANGUAGE = {
    "name": "Accept-Language",
    "in": "header",
    "schema": {**STRING, "example": "fr-CH, fr;q=0.9, en;q=0.8"},
    "description": "The languages the client prefers, when `lang` is not given.",
}
CONTENT_LANGUAGE = {
    "Content-Language": {
        "description": "The language of the response's texts.",
        "schema": LANGUAGE,
    },
    "Vary": {
        "description": "Accept-Language: without `lang`, the response depends on it.",
        "schema": STRING,
    },
}


def _get(summary: str, schema: str, *, parameters: list[dict] = ()) -> dict:
    responses: dict[str, Any] = {
        "200": {
            "description": "OK",
            "headers": CONTENT_LANGUAGE,
            "content": {"application/json": {"schema": _ref(schema)}},
        },
        "304": {"description": "Not modified since the ETag or date the client sent."},
        "400": {
            "description": "An invalid query parameter, e.g. an unknown `lang`.",
            "content": {"application/json": {"schema": _ref("Errors")}},
        },
        "404": {
            "description": "No such published conference or session.",
            "content": {"application/json": {"schema": _ref("NotFound")}},
        },
    }
    return {
        "get": {
            "summary": summary,
            "parameters": [*parameters, LANG, ACCEPT_LANGUAGE],
            "responses": responses,
        }
    }


def openapi_document(*, server_url: str) -> dict[str, Any]:
    return {
        "openapi": "3.0.3",
        "info": {
            "title": "Plenary schedule API",
            "version": "1",
            "description": (
                "Read-only programme of published conferences. Responses carry an ETag and "
                "Last-Modified; send If-None-Match to get a 304 when nothing changed. Texts "
                "come in the language asked for with `lang` or Accept-Language, each falling "
                "back to the conference's main language."
            ),
        },
        "servers": [{"url": server_url}],
        "paths": {
            "/conferences/": _get("Published conferences", "ConferenceList"),
            "/conferences/{conference}/": _get("One conference", "Conference", parameters=[SLUG]),
            "/conferences/{conference}/sessions/": _get(
                "Sessions in agenda order",
                "SessionPage",
                parameters=[
                    SLUG,
                    {
                        "name": "day",
                        "in": "query",
                        "schema": DATE,
                        "description": (
                            "Only sessions starting on this day (conference time); `all` for "
                            "every day."
                        ),
                    },
                    {
                        "name": "track",
                        "in": "query",
                        "schema": STRING,
                        "description": "A track's slug.",
                    },
                    {
                        "name": "kind",
                        "in": "query",
                        "schema": SESSION_KIND,
                        "description": "Only sessions of this kind.",
                    },
                    {
                        "name": "room",
                        "in": "query",
                        "schema": INTEGER,
                        "description": "A room's id.",
                    },
                    {
                        "name": "language",
                        "in": "query",
                        "schema": LANGUAGE,
                        "description": (
                            "Only sessions held in this language or interpreted into it; one "
                            "of the conference's `languages`."
                        ),
                    },
                    SESSION_LIMIT,
                    OFFSET,
                ],
            ),
            "/conferences/{conference}/sessions/{id}/": _get(
                "One session",
                "Session",
                parameters=[
                    SLUG,
                    {"name": "id", "in": "path", "required": True, "schema": INTEGER},
                ],
            ),
            "/conferences/{conference}/speakers/": _get(
                "Speakers of published sessions, by family name",
                "SpeakerPage",
                parameters=[SLUG, LIMIT, OFFSET],
            ),
            "/conferences/{conference}/rooms/": _get(
                "Rooms with published sessions", "RoomList", parameters=[SLUG]
            ),
            "/conferences/{conference}/tracks/": _get("Tracks", "TrackList", parameters=[SLUG]),
        },
        "components": {"schemas": SCHEMAS},
    }
