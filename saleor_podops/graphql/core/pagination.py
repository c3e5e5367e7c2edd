"""Relay cursor connections over a queryset: one query for the page (one extra row says whether
there is a next page); the total is counted only when asked for."""

from __future__ import annotations

from typing import Any

import graphene
from django.db.models import QuerySet
from graphql_relay import cursor_to_offset, offset_to_cursor

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


def paginate(
    queryset: QuerySet[Any], connection_type: type[Any], *, first: int | None, after: str | None
) -> Any:
    size = DEFAULT_PAGE_SIZE if first is None else first
    if size < 0 or size > MAX_PAGE_SIZE:
        raise api_error(
            ApiErrorCode.INVALID_ARGUMENT, f"first must be between 0 and {MAX_PAGE_SIZE}"
        )
    start = 0
    if after:
        offset = cursor_to_offset(after)
        if offset is None or offset < 0:
            raise api_error(ApiErrorCode.INVALID_ARGUMENT, "Invalid cursor")
        start = offset + 1
    rows = list(queryset[start : start + size + 1])
    has_next = len(rows) > size
    rows = rows[:size]
    edges = [
        connection_type.Edge(node=row, cursor=offset_to_cursor(start + index))
        for index, row in enumerate(rows)
    ]
    connection = connection_type(
        edges=edges,
        page_info=graphene.relay.PageInfo(
            start_cursor=edges[0].cursor if edges else None,
            end_cursor=edges[-1].cursor if edges else None,
            has_next_page=has_next,
            has_previous_page=start > 0,
        ),
    )
    connection.queryset = queryset
    return connection
