"""Reads of one row by one value that whole kinds of requests start with, compiled once.

Django builds and compiles a queryset's SQL at every run; for a select_related read of one
row that costs several times what PostgreSQL takes to answer it (the conference of every
public page: 0.5 of the session page's 4 ms; the invitation behind every registration link,
three tables: 0.47 ms of CPU against 0.08 ms to run it). The SQL is the same for every
value, so it is compiled once per process, and the row made into instances as the ORM does.
"""

import functools
from collections.abc import Callable

from django.db import DEFAULT_DB_ALIAS, connection
from django.db.models import Model, QuerySet
from django.db.models.query import get_related_populators
from django.db.models.sql.compiler import SQLCompiler

# Stands for the value in the compiled query's parameters: no row has it.
_VALUE = "\x00"


class OneRowRead:
    """`read(value)`: the row of `queryset_for(value)` (a filter by one string value that
    matches at most one row, with its select_related instances), or None."""

    def __init__(self, queryset_for: Callable[[str], QuerySet]) -> None:
        self.queryset_for = queryset_for

    @functools.cached_property
    def _compiled(self) -> tuple[SQLCompiler, str, tuple, int]:
        compiler = self.queryset_for(_VALUE).query.get_compiler(DEFAULT_DB_ALIAS)
        sql, params = compiler.as_sql()
        assert params.count(_VALUE) == 1, params
        return compiler, sql, params, params.index(_VALUE)

    def __call__(self, value: str) -> Model | None:
        compiler, sql, params, value_at = self._compiled
        arguments = list(params)
        arguments[value_at] = value
        with connection.cursor() as cursor:
            cursor.execute(sql, arguments)
            rows = cursor.fetchall()
        if not rows:
            return None
        # Django's ModelIterable, for one row.
        [row] = compiler.results_iter([rows[:1]])
        select, klass_info = compiler.select, compiler.klass_info
        start, end = klass_info["select_fields"][0], klass_info["select_fields"][-1] + 1
        names = [column[0].target.attname for column in select[start:end]]
        instance = klass_info["model"].from_db(DEFAULT_DB_ALIAS, names, row[start:end])
        for populator in get_related_populators(klass_info, select, DEFAULT_DB_ALIAS):
            populator.populate(row, instance)
        return instance
