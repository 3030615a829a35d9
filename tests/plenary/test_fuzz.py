"""Fuzzing: every URL the site serves, with random and hostile path and query values, answers
anything but a server error, for a visitor and for a superuser; so does the schedule API for
every request its OpenAPI document allows (schemathesis). Pages under a language prefix are
requested in languages drawn from the six.

Seeded and bounded (derandomize, max_examples) so that CI runs the same cases in under a
minute; a failure prints the example that broke, to turn into a test of its own.
"""

from urllib.parse import quote

import pytest
import schemathesis
from django.conf import settings as django_settings
from django.contrib import admin
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.urls import LocalePrefixPattern, URLPattern, URLResolver, get_resolver
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from delegations.models import Participant
from sessions.models import Session, Speaker, Track
from tests.factories import (
    ApplicationFactory,
    InvitationFactory,
    ParticipantFactory,
    StaffUserFactory,
)

TOKEN = "fuzz-invitation-token"
# Stands for the language prefix in a route's text: i18n_patterns' prefix is the active
# language's, and each request picks one of the six.
LANGUAGE = "<language>"
LANGUAGES = [code for code, _name in django_settings.LANGUAGES]
# Values that broke, or could break, a parser, a database query or a template.
HOSTILE = [
    "",
    "\x00",
    "\x1b[2J",
    "0",
    "-1",
    "99999999999999999999",
    "9" * 5000,
    "1e309",
    "NaN",
    "2023-08-30",
    "0000-00-00",
    "9999-12-31",
    "../../etc/passwd",
    "%",
    "%00",
    "'",
    '"',
    "<script>alert(1)</script>",
    "\u202e",
    "😀",
    "٣",
    "²",
    " ",
    "true",
    "[]",
    "a" * 300,
]
# Set at once on every parameter of every route's real page: each has broken a page here.
BROADCAST = ["", "\x00", "\x1b[2J", "99999999999999999999", "9" * 5000]
# NUL is refused before any view, the admin's included: the visitors' routes prove it.
ADMIN_BROADCAST = BROADCAST[:1] + BROADCAST[2:]
# Query parameters our pages and the admin read; the admin's filters are added per model.
PARAMETERS = [
    "q",
    "conference",
    "delegation",
    "day",
    "track",
    "kind",
    "room",
    "session",
    "limit",
    "offset",
    "code",
    "term",
    "app_label",
    "model_name",
    "field_name",
    "page",
    "next",
    "o",
    "p",
    "e",
    "all",
    "_popup",
    "_to_field",
    "_changelist_filters",
    "language",
    "lang",
    "username",
    "password",
    "payload",
]
FUZZ = settings(
    max_examples=5,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
ADMIN_FUZZ = settings(FUZZ, max_examples=1)


def url_patterns(patterns=None, prefix: str = "") -> list[tuple[str, URLPattern]]:
    """Every URL pattern of the URLconf, with the route text leading to it."""
    found = []
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern.pattern, LocalePrefixPattern):
            route = f"{prefix}{LANGUAGE}/"
        else:
            route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            found += url_patterns(pattern.url_patterns, route)
        else:
            found.append((route, pattern))
    return found


def page(route: str) -> str:
    """The route without its language prefix: "admin/…" for the admin's."""
    return route.removeprefix(f"{LANGUAGE}/")


def admin_parameters(route: str) -> list[str]:
    """The query parameters the changelist of `route`'s model reads for its filters."""
    for model, model_admin in admin.site._registry.items():
        opts = model._meta
        if page(route).startswith(f"admin/{opts.app_label}/{opts.model_name}/"):
            names = []
            for item in model_admin.list_filter:
                path = item[0] if isinstance(item, tuple) else item
                if isinstance(path, str):
                    names += [f"{path}__exact", f"{path}__id__exact", f"{path}__isnull"]
                else:
                    names.append(path.parameter_name)
            if model_admin.date_hierarchy:
                names += [f"{model_admin.date_hierarchy}__{part}" for part in ("year", "month")]
            return names
    return []


@pytest.fixture(scope="module")
def world(demo, django_db_blocker):
    """The reference meeting, plus an open conference's portal, application and photos."""
    with django_db_blocker.unblock():
        invitation = InvitationFactory(token=TOKEN)
        member = ParticipantFactory(delegation=invitation.delegation)
        application = ApplicationFactory(conference=invitation.delegation.conference)
        return {
            "slug": [demo.slug, invitation.delegation.conference.slug],
            "conference": [demo.slug, invitation.delegation.conference.slug],
            "token": [TOKEN],
            "pk": [
                member.pk,
                application.pk,
                *Participant.objects.filter(conference=demo).values_list("pk", flat=True)[:3],
                *Session.objects.filter(conference=demo).values_list("pk", flat=True)[:3],
                *Speaker.objects.filter(conference=demo).values_list("pk", flat=True)[:2],
            ],
            "track": list(Track.objects.filter(conference=demo).values_list("slug", flat=True)),
            "superuser": StaffUserFactory(),
        }


def known_values(name: str, converter: str, world: dict) -> list[str]:
    return [str(value) for value in world.get(name, world["pk"] if converter == "int" else [])]


def path_value(name: str, converter: str, world: dict) -> st.SearchStrategy[str]:
    known = known_values(name, converter, world)
    random = st.integers(min_value=0, max_value=2**70).map(str) if converter == "int" else st.text()
    return st.sampled_from(known) | random if known else random


def converters_of(pattern: URLPattern) -> dict[str, str]:
    """The route's converters by name: "int", "slug", "str", "path"."""
    return {
        name: type(converter).__name__.removesuffix("Converter").lower()
        for name, converter in pattern.pattern.converters.items()
    }


def filled(route: str, pattern: URLPattern, values: dict[str, str], language: str) -> str:
    """The path `route` names in `language`, its converters replaced by `values`."""
    text = route.replace(LANGUAGE, language)
    if not pattern.pattern.converters:
        # A plain route, or the one regular expression (the staff List of Participants).
        return "/" + text.replace("^", "").rstrip("$").replace("\\", "")
    for name, kind in converters_of(pattern).items():
        value = quote(values[name], safe="")
        text = text.replace(f"<{kind}:{name}>", value).replace(f"<{name}>", value)
    return "/" + text


def urls(route: str, pattern: URLPattern, world: dict) -> st.SearchStrategy[str]:
    """Paths that `pattern` may serve: its converters filled with known and random values."""
    values = st.fixed_dictionaries(
        {name: path_value(name, kind, world) for name, kind in converters_of(pattern).items()}
    )
    return st.builds(
        lambda chosen, language: filled(route, pattern, chosen, language),
        values,
        st.sampled_from(LANGUAGES),
    )


def known_url(route: str, pattern: URLPattern, world: dict) -> str:
    """The path `pattern` serves for the first known value of each converter (a real page),
    in the default language."""
    values = {
        name: (known_values(name, kind, world) or ["x"])[0]
        for name, kind in converters_of(pattern).items()
    }
    return filled(route, pattern, values, django_settings.LANGUAGE_CODE)


def queries(names: list[str]) -> st.SearchStrategy[dict[str, list[str]]]:
    values = st.lists(st.sampled_from(HOSTILE) | st.text(max_size=30), min_size=1, max_size=2)
    return st.dictionaries(st.sampled_from(names), values, max_size=4)


ROUTES = [
    pytest.param(route, pattern, id=route.replace(LANGUAGE, "lang") or "/")
    for route, pattern in url_patterns()
    # Re-rendering a regular-expression route is not worth it for one pattern.
    if not str(pattern.pattern).startswith("^") or not pattern.pattern.converters
]


def test_the_routes_include_the_language_prefixed_pages_and_the_staff_log_in():
    routes = {param.values[0] for param in ROUTES}

    assert {f"{LANGUAGE}/staff/login/", f"{LANGUAGE}/admin/", "api/v1/conferences/"} <= routes
    assert f"{LANGUAGE}/staff/webauthn/authentication/begin/" in routes


def fuzz(client, world, route: str, pattern: URLPattern, *, as_superuser: bool) -> None:
    """Request the route's real page with every parameter set to each BROADCAST value (GET
    and, outside the admin, POST), then random paths and queries. Rendering PDFs is slow:
    those routes get two random requests only."""
    if as_superuser:
        client.force_login(world["superuser"])
    is_admin = page(route).startswith("admin/")
    names = PARAMETERS + admin_parameters(route)
    methods = ["get"] if is_admin else ["get", "post"]

    @(ADMIN_FUZZ if is_admin or route.endswith(".pdf") else FUZZ)
    @given(path=urls(route, pattern, world), query=queries(names), method=st.sampled_from(methods))
    def request(path: str, query: dict, method: str) -> None:
        response = getattr(client, method)(path, query)
        assert response.status_code < 500, (method, path, query)

    real_page = known_url(route, pattern, world)
    for value in [] if route.endswith(".pdf") else ADMIN_BROADCAST if is_admin else BROADCAST:
        for method in methods:
            request = example(
                path=real_page, query={name: [value] for name in names}, method=method
            )(request)
    request()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("route", "pattern"),
    # Every admin URL but its login page sends a visitor there, whatever the query.
    [
        param
        for param in ROUTES
        if not page(param.values[0]).startswith("admin/") or page(param.values[0]) == "admin/login/"
    ],
)
def test_no_url_answers_a_visitor_with_a_server_error(client, world, route, pattern):
    fuzz(client, world, route, pattern, as_superuser=False)


@pytest.mark.django_db
@pytest.mark.parametrize(("route", "pattern"), ROUTES)
def test_no_url_answers_a_superuser_with_a_server_error(client, world, route, pattern):
    fuzz(client, world, route, pattern, as_superuser=True)


API = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", WSGIHandler())


@pytest.fixture
def _requests_in_the_test_transaction():
    """Requests through the WSGI handler keep the test's connection (and its transaction)
    open, as Django's test client does."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.mark.django_db
@pytest.mark.usefixtures("_requests_in_the_test_transaction")
@API.parametrize()
@settings(FUZZ, max_examples=25)
def test_the_api_answers_every_request_its_schema_allows_without_a_server_error(case, world):
    # Random slugs only reach "not found": the conference must exist for the query string
    # to be read at all.
    if "conference" in (case.path_parameters or {}):
        case.path_parameters["conference"] = world["slug"][0]
    case.call_and_validate(checks=[schemathesis.checks.not_a_server_error])
