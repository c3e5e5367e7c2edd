"""Relay cursor connections over a queryset, paged by keyset ("seek"): a cursor holds the sort key
values of its row and the row's id, and the page after it is the rows that sort after those values.
Pages stay right while rows are added or removed (an offset would repeat or skip rows), and a deep
page costs what the first one does (an index range instead of counting past every earlier row).

The sort keys are read from the queryset's ``order_by``, which must end with ``id`` (so no two rows
tie) and name a NULLS FIRST/LAST for every nullable column. One query for the page (one extra row says
whether there is a next page); the total is counted only when asked for."""

from __future__ import annotations

import base64
import binascii
import datetime
import functools
import hashlib
import json
import operator
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import graphene
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db.models import F, Field, Model, OrderBy, Q, QuerySet

from .errors import ApiErrorCode, api_error

DEFAULT_PAGE_SIZE = 50
MAX_PAGE_SIZE = 100


class CountableConnection(graphene.relay.Connection):
    class Meta:
        abstract = True

    total_count = graphene.Int(required=True, description="All rows matching (one COUNT query).")

    @staticmethod
    def resolve_total_count(root: Any, info: graphene.ResolveInfo) -> int:
        return int(root.queryset.count())


@dataclass(frozen=True)
class SortKey:
    path: str  # a Django lookup path, e.g. "order__priority"
    descending: bool
    nulls_last: bool | None  # None: the column is never NULL
    field: Field[Any, Any]

    def value_of(self, row: Model) -> Any:
        value: Any = row
        for part in self.path.split("__"):
            value = getattr(value, part)
            if value is None:
                return None
        return value


def _field_at(model: type[Model], path: str) -> Field[Any, Any]:
    field: Any = None
    for part in path.split("__"):
        if field is not None:
            model = field.related_model
        field = model._meta.get_field(part)
    return field


def sort_keys(queryset: QuerySet[Any]) -> tuple[SortKey, ...]:
    """The keys of the queryset's ordering. Raises ValueError for an ordering that cannot page by
    keyset (a programming error, not a client's)."""
    keys: list[SortKey] = []
    for entry in queryset.query.order_by:
        if isinstance(entry, str):
            path, descending, nulls_last = entry.lstrip("-"), entry.startswith("-"), None
        elif isinstance(entry, OrderBy) and isinstance(entry.expression, F):
            path, descending = entry.expression.name, entry.descending  # type: ignore[attr-defined]
            nulls_last = True if entry.nulls_last else False if entry.nulls_first else None
        else:
            raise ValueError(f"Keyset pages need column orderings, got {entry!r}")
        path = "id" if path == "pk" else path
        try:
            field = _field_at(queryset.model, path)
        except (FieldDoesNotExist, AttributeError) as exc:
            raise ValueError(f"Cannot page by {path!r}: {exc}") from exc
        if field.null and nulls_last is None:
            raise ValueError(f"{path} may be NULL: order by it with nulls_first or nulls_last")
        keys.append(SortKey(path, descending, nulls_last if field.null else None, field))
    if not keys or keys[-1].path != "id":
        raise ValueError("Keyset pages need an ordering that ends with id")
    return tuple(keys)


@functools.lru_cache(maxsize=64)  # a handful of orderings; once per ordering, not per row
def _fingerprint(keys: tuple[SortKey, ...]) -> str:
    """Which ordering a cursor belongs to: a cursor of one sort is refused by another."""
    spec = ",".join(
        f"{'-' if k.descending else ''}{k.path}{'' if k.nulls_last is None else k.nulls_last}"
        for k in keys
    )
    return hashlib.blake2s(spec.encode(), digest_size=4).hexdigest()


def _json_value(value: Any) -> Any:
    if isinstance(value, datetime.date):  # datetimes too
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


_CURSOR_JSON = json.JSONEncoder(separators=(",", ":"))  # json.dumps would build one per call


def encode_cursors(keys: tuple[SortKey, ...], rows: list[Model]) -> list[str]:
    """The cursor of each row: the ordering's fingerprint and the row's sort key values."""
    fingerprint = _fingerprint(keys)
    readers = [
        operator.attrgetter(key.path) if "__" not in key.path else key.value_of for key in keys
    ]
    cursors = []
    for row in rows:
        text = _CURSOR_JSON.encode([fingerprint, *(_json_value(read(row)) for read in readers)])
        cursors.append(base64.urlsafe_b64encode(text.encode()).decode().rstrip("="))
    return cursors


class InvalidCursor(Exception):
    pass


def _python_value(key: SortKey, value: Any) -> Any:
    if value is None:
        if key.nulls_last is None:
            raise InvalidCursor
        return None
    if not isinstance(value, str | int):
        raise InvalidCursor
    try:
        converted = key.field.to_python(value)
    except (ValidationError, TypeError, ValueError):
        raise InvalidCursor from None
    if converted is None or (isinstance(converted, datetime.datetime) and converted.tzinfo is None):
        raise InvalidCursor
    return converted


def decode_cursor(keys: tuple[SortKey, ...], cursor: str) -> list[Any]:
    """The sort key values a cursor holds; InvalidCursor when it is not one of this ordering's."""
    try:
        text = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        payload = json.loads(text)
    except (binascii.Error, UnicodeDecodeError, ValueError):
        raise InvalidCursor from None
    if (
        not isinstance(payload, list)
        or len(payload) != len(keys) + 1
        or payload[0] != _fingerprint(keys)
    ):
        raise InvalidCursor
    return [_python_value(key, value) for key, value in zip(keys, payload[1:], strict=True)]


def _beyond(key: SortKey, value: Any) -> Q | None:
    """Rows whose value of this key sorts after ``value``; None: no row does."""
    if value is None:
        # NULLs tie with each other; with NULLS FIRST every value comes after them.
        return None if key.nulls_last else Q(**{f"{key.path}__isnull": False})
    beyond = Q(**{f"{key.path}__{'lt' if key.descending else 'gt'}": value})
    if key.nulls_last:
        beyond |= Q(**{f"{key.path}__isnull": True})
    return beyond


def _same(key: SortKey, value: Any) -> Q:
    return Q(**{f"{key.path}__isnull": True}) if value is None else Q(**{key.path: value})


def rows_after(keys: tuple[SortKey, ...], values: list[Any]) -> Q:
    """``(k1, k2, ..., id) > (v1, v2, ..., id)`` in the ordering's directions, spelled out as
    ``k1 beyond v1 OR (k1 = v1 AND k2 beyond v2) OR ...``, plus a plain range on the first key so
    that an index on the ordering starts at the cursor instead of filtering from the top."""
    alternatives: list[Q] = []
    equal = Q()
    for key, value in zip(keys, values, strict=True):
        beyond = _beyond(key, value)
        if beyond is not None:
            alternatives.append(equal & beyond)
        equal &= _same(key, value)
    condition = alternatives[0]
    for alternative in alternatives[1:]:
        condition |= alternative
    first, start = keys[0], values[0]
    if first.nulls_last is None:
        condition &= Q(**{f"{first.path}__{'lte' if first.descending else 'gte'}": start})
    return condition


def paginate(
    queryset: QuerySet[Any],
    connection_type: type[Any],
    *,
    first: int | None,
    after: str | None,
    on_page: Callable[[list[Any]], None] | None = None,
) -> Any:
    """``on_page``: called with the page's rows once fetched (to attach what is known of them)."""
    size = DEFAULT_PAGE_SIZE if first is None else first
    if size < 0 or size > MAX_PAGE_SIZE:
        raise api_error(
            ApiErrorCode.INVALID_ARGUMENT, f"first must be between 0 and {MAX_PAGE_SIZE}"
        )
    keys = sort_keys(queryset)
    page = queryset
    if after:
        try:
            values = decode_cursor(keys, after)
        except InvalidCursor:
            raise api_error(
                ApiErrorCode.INVALID_CURSOR,
                "Invalid cursor: use an endCursor of this list with the same sort.",
            ) from None
        page = queryset.filter(rows_after(keys, values))
    rows = list(page[: size + 1])
    has_next = len(rows) > size
    rows = rows[:size]
    if on_page is not None:
        on_page(rows)
    edges = [
        connection_type.Edge(node=row, cursor=cursor)
        for row, cursor in zip(rows, encode_cursors(keys, rows), strict=True)
    ]
    connection = connection_type(
        edges=edges,
        page_info=graphene.relay.PageInfo(
            start_cursor=edges[0].cursor if edges else None,
            end_cursor=edges[-1].cursor if edges else None,
            has_next_page=has_next,
            has_previous_page=bool(after),
        ),
    )
    connection.queryset = queryset
    return connection
