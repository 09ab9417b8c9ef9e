"""Querysets turned into SQL once per process, then run again with a new parameter.

Django compiles a queryset to SQL every time it is evaluated. For the exercise page's dozen
small queries, compiling costs about six times more than running them (about 0.6 ms against
0.1 ms each on our servers; see docs/performance.md), although their SQL never changes,
only the exercise they are asked about. `CompiledQuery` keeps the SQL, the column converters
and the recipe for building model instances per database, the way SQLAlchemy caches compiled
statements, and swaps in the one parameter on each run.

The SQL is kept with named parameters (`%(p0)s` and a dict) instead of Django's `%s` and a
list: for `%s`, Django's SQLite backend rewrites every statement with a regular expression on
each run, about a third of a millisecond for the page's twelve queries; named parameters
are a plain string format. PostgreSQL takes either style.

Only plain model querysets are accepted: filters, ordering, `only()` and one level of
`select_related()`. Anything else (annotations, `values()`, prefetching) is refused when
the query is first compiled, so a query can't silently lose part of what it asks for.
"""

import itertools
import re
from collections.abc import Callable
from contextlib import nullcontext
from dataclasses import dataclass
from threading import Lock

from django.db import connections
from django.db.backends.utils import CursorWrapper
from django.db.models import Model, QuerySet
from django.db.models.base import ModelState
from django.db.models.fields.related_descriptors import ForeignKeyDeferredAttribute
from django.db.models.query import ModelIterable
from django.db.models.signals import post_init, pre_init

# Stand-ins passed to the queryset builder to find where the real value goes in the SQL
# parameters. Chosen so that no real primary key or slug can be equal to them.
PLACEHOLDERS = {int: -7_351_931_157_209_418, str: "\u2063compiled-query-placeholder\u2063"}
# A "%s" parameter marker in Django's SQL ("%%s" is a literal "%s"), as Django's SQLite backend
# finds them.
POSITIONAL_MARKER = re.compile(r"(?<!%)%s")


@dataclass(frozen=True)
class ModelColumns:
    """Where one model's fields sit in a result row."""

    model: type[Model]
    start: int
    attnames: tuple[str, ...]
    pk_position: int  # in the row
    field: object = None  # the foreign key that holds it, for a select_related model
    plain: bool = False  # see fill_in_directly

    def build(self, alias: str, row: list, directly: bool) -> Model | None:
        if self.field is not None and row[self.pk_position] is None:
            return None  # an empty nullable foreign key (LEFT OUTER JOIN)
        values = row[self.start : self.start + len(self.attnames)]
        if directly:
            return self.fill_in_directly(alias, values)
        return self.model.from_db(alias, self.attnames, values)

    def may_fill_in_directly(self) -> bool:
        # Receivers can be connected at any time, so this is asked on every run.
        return self.plain and not (
            pre_init.has_listeners(self.model) or post_init.has_listeners(self.model)
        )

    def fill_in_directly(self, alias: str, values) -> Model:
        """What `from_db` ends with, without `Model.__init__`'s per-field setattr (a sixth
        of the cost of reading the page). Only for `plain` models: no __init__ or from_db of
        their own, no init signals, and nothing but plain values stored under the columns'
        names, so the instance is the same as Django's, deferred fields included."""
        instance = self.model.__new__(self.model)
        instance.__dict__.update(zip(self.attnames, values, strict=True))
        state = instance._state = ModelState()
        state.adding = False
        state.db = alias
        return instance

    @staticmethod
    def is_plain(model: type[Model], attnames: tuple[str, ...]) -> bool:
        def stores_plain_value(attname: str) -> bool:
            descriptor = getattr(model, attname, None)
            # A foreign key's id descriptor only clears a cached object on a fresh instance.
            return isinstance(descriptor, ForeignKeyDeferredAttribute) or not hasattr(
                descriptor, "__set__"
            )

        return (
            model.__init__ is Model.__init__
            and model.from_db.__func__ is Model.from_db.__func__
            and all(stores_plain_value(attname) for attname in attnames)
        )


@dataclass(frozen=True)
class Compiled:
    sql: str  # with named parameters, %(p0)s, %(p1)s...
    params: tuple[tuple[str, object], ...]  # (name, value) in the order of the SQL
    slots: tuple[str, ...]  # the names of the parameters that take the caller's value
    converters: tuple  # (position, converter functions, expression), as Django applies them
    main: ModelColumns
    related: tuple[ModelColumns, ...]


class CompiledQuery:
    """`CompiledQuery(lambda pk: Step.objects.filter(exercise_id=pk))(7)` runs the same
    query as `list(Step.objects.filter(exercise_id=7))`, compiling it only the first time."""

    def __init__(self, build: Callable[[int | str], QuerySet], using: str = "default"):
        self.build = build
        self.using = using
        self._compiled: dict[tuple[str, type], Compiled] = {}
        self._lock = Lock()

    def __call__(self, value: int | str) -> list[Model]:
        return run_together({None: self}, value)[None]

    def compiled_for(self, connection, value: int | str) -> Compiled:
        kind = type(value)
        if kind not in PLACEHOLDERS:
            raise TypeError(f"CompiledQuery takes an int or a str, not {kind.__name__}.")
        key = (connection.vendor, kind)
        compiled = self._compiled.get(key)
        if compiled is None:
            with self._lock:
                compiled = self._compiled.get(key) or self._compile(kind)
                self._compiled[key] = compiled
        return compiled

    @staticmethod
    def run(compiled: Compiled, value: int | str, cursor, connection) -> list[Model]:
        params = dict(compiled.params)
        for slot in compiled.slots:
            params[slot] = value
        cursor.execute(compiled.sql, params)
        rows = cursor.fetchall()
        alias = connection.alias
        directly = [columns.may_fill_in_directly() for columns in compiled.related]
        main_directly = compiled.main.may_fill_in_directly()
        instances = []
        for row in rows:
            row = list(row)
            for position, functions, expression in compiled.converters:
                converted = row[position]
                for convert in functions:
                    converted = convert(converted, expression, connection)
                row[position] = converted
            instance = compiled.main.build(alias, row, main_directly)
            for columns, related_directly in zip(compiled.related, directly, strict=True):
                columns.field.set_cached_value(
                    instance, columns.build(alias, row, related_directly)
                )
            instances.append(instance)
        return instances

    def _compile(self, kind: type) -> Compiled:
        placeholder = PLACEHOLDERS[kind]
        queryset = self.build(placeholder)
        if queryset._prefetch_related_lookups or queryset._iterable_class is not ModelIterable:
            raise ValueError("CompiledQuery runs plain model querysets, without prefetching.")
        compiler = queryset.query.get_compiler(using=self.using)
        sql, params = compiler.as_sql()
        info = compiler.klass_info
        related_infos = info.get("related_klass_infos", [])
        if compiler.annotation_col_map or any(
            related.get("related_klass_infos") for related in related_infos
        ):
            raise ValueError("CompiledQuery supports one level of select_related, no annotations.")
        slots = tuple(
            i for i, param in enumerate(params) if param in (placeholder, str(placeholder))
        )
        if not slots or str(placeholder) in sql:
            raise ValueError("The parameter is not passed to the database unchanged.")
        sql, names = self._named_parameters(sql, len(params))
        select = compiler.select
        expressions = [column for column, _sql, _alias in select[: compiler.col_count]]
        converters = tuple(
            (position, tuple(functions), expression)
            for position, (functions, expression) in compiler.get_converters(expressions).items()
        )
        return Compiled(
            sql=sql,
            params=tuple(zip(names, params, strict=True)),
            slots=tuple(names[i] for i in slots),
            converters=converters,
            main=self._columns(info, select),
            related=tuple(
                self._columns(related, select, related["field"]) for related in related_infos
            ),
        )

    @staticmethod
    def _named_parameters(sql: str, count: int) -> tuple[str, list[str]]:
        names = []
        numbers = itertools.count()

        def name(_match) -> str:
            names.append(f"p{next(numbers)}")
            return f"%({names[-1]})s"

        named = POSITIONAL_MARKER.sub(name, sql)
        if len(names) != count:
            raise ValueError("The SQL's parameter markers do not match its parameters.")
        return named, names

    @staticmethod
    def _columns(info: dict, select: list, field=None) -> ModelColumns:
        fields = info["select_fields"]
        attnames = tuple(select[i][0].target.attname for i in fields)
        return ModelColumns(
            model=info["model"],
            start=fields[0],
            attnames=attnames,
            pk_position=fields[0] + attnames.index(info["model"]._meta.pk.attname),
            field=field,
            plain=ModelColumns.is_plain(info["model"], attnames),
        )


def run_together(queries: dict, value: int | str) -> dict:
    """{name: query(value)} for several CompiledQuery of one database, on one cursor."""
    if not queries:
        return {}
    using = {query.using for query in queries.values()}
    if len(using) != 1:
        raise ValueError("Queries run together must use the same database.")
    connection = connections[using.pop()]
    compiled = {name: query.compiled_for(connection, value) for name, query in queries.items()}
    with connection.cursor() as cursor:
        runner, errors = cursor, nullcontext()
        if type(cursor) is CursorWrapper and not connection.execute_wrappers:
            # Django's cursor wrapper would make these two checks around every query. Its
            # debug subclass (which logs and counts queries, as DEBUG and tests ask) and
            # any execute wrapper still see each query.
            connection.validate_no_broken_transaction()
            runner, errors = cursor.cursor, connection.wrap_database_errors
        with errors:
            return {
                name: CompiledQuery.run(query, value, runner, connection)
                for name, query in compiled.items()
            }
