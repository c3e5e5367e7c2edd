"""Which fields a query asks for, so lists prefetch only what will be read."""

from __future__ import annotations

from graphene import ResolveInfo
from graphql import FieldNode, FragmentSpreadNode, InlineFragmentNode, SelectionSetNode


def _walk(
    info: ResolveInfo, selection_set: SelectionSetNode | None, prefix: str, out: set[str]
) -> None:
    if selection_set is None:
        return
    for selection in selection_set.selections:
        if isinstance(selection, FieldNode):
            path = f"{prefix}{selection.name.value}"
            out.add(path)
            _walk(info, selection.selection_set, f"{path}.", out)
        elif isinstance(selection, InlineFragmentNode):
            _walk(info, selection.selection_set, prefix, out)
        elif isinstance(selection, FragmentSpreadNode):
            fragment = info.fragments.get(selection.name.value)
            if fragment is not None:
                _walk(info, fragment.selection_set, prefix, out)


def requested_paths(info: ResolveInfo) -> set[str]:
    """Dotted paths of every field selected under the current field, e.g. ``edges.node.items``."""
    out: set[str] = set()
    for node in info.field_nodes:
        _walk(info, node.selection_set, "", out)
    return out
