"""Queries that run on every request, compiled to SQL once per process.

Building and compiling a queryset costs the ORM more than the database spends answering a small
query: sign-in's join of the installation, the member and their roles takes about 1 ms of Python
for 0.3 ms of SQL. A ``CompiledQuery`` builds its ``values_list`` queryset once per database, with
a marker in place of each parameter, and keeps the SQL, which parameter goes where, and the
converters of its columns (JSON, dates on SQLite, ...); each call then only executes the SQL and
converts the rows, as the ORM's own iteration does.

Only parameters compared as they are (``field=value``) can be markers: a lookup that rewrites its
value (``icontains`` wraps it in ``%``) or a list (``__in``) is refused when the query is compiled.
A list is one parameter with ``AnyOf`` (``filter(AnyOf(F("order_id"), ids))``), whatever its length.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import Lookup, QuerySet
from django.db.models.sql.compiler import SQLCompiler

Converters = list[tuple[int, list[Callable[..., Any]], Any]]


class AnyOf(Lookup):
    """The left side is one of a list given as ONE parameter, so the SQL is the same for a list
    of any length: ``= ANY(%s)`` with an array on PostgreSQL, ``IN (SELECT value FROM
    json_each(%s))`` with JSON text on SQLite. The list's values are compared as they are."""

    lookup_name = "any_of"
    prepare_rhs = False

    def as_sql(self, compiler: SQLCompiler, connection: BaseDatabaseWrapper) -> tuple[str, Any]:
        lhs, lhs_params = self.process_lhs(compiler, connection)
        value = list_parameter(self.rhs, connection)
        if connection.vendor == "postgresql":
            return f"{lhs} = ANY(%s)", [*lhs_params, value]
        # lhs is the column Django compiled, never input
        return f"{lhs} IN (SELECT value FROM json_each(%s))", [*lhs_params, value]  # noqa: S608


def list_parameter(value: Any, connection: BaseDatabaseWrapper) -> Any:
    """A list as the database takes it in one parameter (a marker of a CompiledQuery as it is)."""
    if not isinstance(value, list | tuple):
        return value
    return list(value) if connection.vendor == "postgresql" else json.dumps(list(value))


@dataclass(frozen=True)
class _Compiled:
    sql: str
    parameters: tuple[str, ...]  # the name of each placeholder's parameter, in order
    converters: Converters  # (column, its converters, its expression) for columns that have any


class CompiledQuery:
    """``build(**markers)`` returns a ``values_list`` queryset using each named parameter as a
    compared value; ``rows(**values)`` runs it with the real values."""

    def __init__(self, build: Callable[..., QuerySet[Any, Any]], *parameters: str) -> None:
        self._build = build
        self._parameters = parameters
        self._compiled: dict[str, _Compiled] = {}
        self._lock = threading.Lock()

    def rows(self, *, using: str = DEFAULT_DB_ALIAS, **values: Any) -> list[tuple[Any, ...]]:
        compiled = self._compiled.get(using) or self._compile(using)
        connection = connections[using]
        with connection.cursor() as cursor:
            parameters = [list_parameter(values[name], connection) for name in compiled.parameters]
            cursor.execute(compiled.sql, parameters)
            rows = cursor.fetchall()
        if not compiled.converters:
            return [tuple(row) for row in rows]
        converted = []
        for row in rows:
            values_of_row = list(row)
            for column, converters, expression in compiled.converters:
                value = values_of_row[column]
                for converter in converters:
                    value = converter(value, expression, connection)
                values_of_row[column] = value
            converted.append(tuple(values_of_row))
        return converted

    def sql(self, *, using: str = DEFAULT_DB_ALIAS) -> str:
        """The compiled SQL, with a placeholder for each parameter."""
        return (self._compiled.get(using) or self._compile(using)).sql

    def _compile(self, using: str) -> _Compiled:
        markers = {name: f"\x00podops:{name}\x00" for name in self._parameters}
        queryset = self._build(**markers)
        if queryset._fields is None:  # type: ignore[attr-defined]
            raise TypeError("A CompiledQuery is a values_list() queryset")
        compiler = queryset.query.get_compiler(using=using)
        sql, params = compiler.as_sql()
        names = {marker: name for name, marker in markers.items()}
        order: list[str] = []
        for param in params:
            if not isinstance(param, str) or param not in names:
                raise ValueError(
                    f"Parameter {param!r} is not one of {sorted(markers)} used as it is: "
                    "only values compared as they are can be parameters of a CompiledQuery"
                )
            order.append(names[param])
        expressions = [selected[0] for selected in compiler.select[: compiler.col_count]]
        converters = [
            (column, list(found), expression)
            for column, (found, expression) in compiler.get_converters(expressions).items()
        ]
        compiled = _Compiled(sql, tuple(order), converters)
        with self._lock:
            self._compiled.setdefault(using, compiled)
        return compiled
