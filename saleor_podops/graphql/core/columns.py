"""The columns a list page reads, worked out from the fields its query selects, so that its rows are
built from those columns alone (``QuerySet.only``): an item row has 25 columns, several of them JSON
or dates that cost a conversion each, and a page shows a handful.

A DjangoObjectType declares ``column_needs`` for each field whose resolver reads something else than
the model column of the field's name: the columns it reads (none for a field loaded for the whole
page). A selected field that is neither a column nor declared loads the whole row: a field forgotten
here costs speed, never a query per row."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import FieldDoesNotExist
from graphene.utils.str_converters import to_snake_case

ColumnNeeds = Mapping[str, tuple[str, ...]]


def selected_fields(paths: set[str], prefix: str) -> set[str]:
    """The fields selected right under ``prefix`` (e.g. ``edges.node``), from requested_paths."""
    start = f"{prefix}."
    return {
        path[len(start) :]
        for path in paths
        if path.startswith(start) and "." not in path[len(start) :]
    }


def columns_for(object_type: Any, fields: Iterable[str]) -> tuple[str, ...] | None:
    """The model columns that the selected ``fields`` of ``object_type`` (a DjangoObjectType) read;
    None: every column."""
    model = object_type._meta.model
    needs: ColumnNeeds = getattr(object_type, "column_needs", {})
    columns: set[str] = set()
    for name in fields:
        if name in ("id", "__typename"):  # the primary key is always loaded
            continue
        if name in needs:
            columns.update(needs[name])
            continue
        try:
            field = model._meta.get_field(to_snake_case(name))
        except FieldDoesNotExist:
            return None
        if not field.concrete or field.is_relation:
            return None
        columns.add(field.name)
    return tuple(sorted(columns))
