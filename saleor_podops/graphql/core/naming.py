from __future__ import annotations


def to_camel(name: str) -> str:
    """``reason_code`` -> ``reasonCode`` (GraphQL field names in error rows)."""
    head, *rest = name.split("_")
    return head + "".join(part.title() for part in rest)
