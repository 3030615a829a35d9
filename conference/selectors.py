"""Reads of conferences that every public page shares."""

import functools

from django.db import DEFAULT_DB_ALIAS, connection
from django.db.models import QuerySet
from django.db.models.query import get_related_populators
from django.db.models.sql.compiler import SQLCompiler

from conference.models import Conference


def conferences_visible(*, preview: bool) -> QuerySet[Conference]:
    conferences = Conference.objects.select_related("venue")
    return conferences if preview else conferences.published()


def conference_get(*, slug: str, preview: bool) -> Conference:
    """The conference with its venue; raises Conference.DoesNotExist if not visible.

    Every public page that is not served stored starts here. Its SQL is the same for every
    slug: compiled by Django once per process (building and compiling the query took about
    three times as long as PostgreSQL took to run it, 0.5 of the session page's 4 ms), and
    its row made into a Conference and its Venue as the ORM does.
    """
    compiler, sql, params, slug_at = _conference_query(preview)
    arguments = list(params)
    arguments[slug_at] = slug
    with connection.cursor() as cursor:
        cursor.execute(sql, arguments)
        rows = cursor.fetchall()
    if not rows:
        raise Conference.DoesNotExist(f"No visible conference {slug!r}.")
    return _instance(compiler, rows[0])


# Stands for the slug in the compiled query's parameters: no conference has it.
_SLUG = "\x00"


@functools.cache
def _conference_query(preview: bool) -> tuple[SQLCompiler, str, tuple, int]:
    query = conferences_visible(preview=preview).filter(slug=_SLUG).query
    compiler = query.get_compiler(DEFAULT_DB_ALIAS)
    sql, params = compiler.as_sql()
    assert params.count(_SLUG) == 1, params
    return compiler, sql, params, params.index(_SLUG)


def _instance(compiler: SQLCompiler, row: tuple) -> Conference:
    """The row as a Conference with its venue: Django's ModelIterable, for one row."""
    [row] = compiler.results_iter([[row]])
    select, klass_info = compiler.select, compiler.klass_info
    start, end = klass_info["select_fields"][0], klass_info["select_fields"][-1] + 1
    names = [column[0].target.attname for column in select[start:end]]
    conference = Conference.from_db(DEFAULT_DB_ALIAS, names, row[start:end])
    for populator in get_related_populators(klass_info, select, DEFAULT_DB_ALIAS):
        populator.populate(row, conference)
    return conference
