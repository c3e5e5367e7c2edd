"""Global ids (relay) of PodOps objects, always read inside the caller's installation."""

from __future__ import annotations

from graphql_relay import from_global_id


def pk_from_global_id(global_id: str, type_name: str) -> int | None:
    """The primary key, or None for a malformed id or one of another type."""
    try:
        kind, raw = from_global_id(global_id)
        pk = int(raw)
    except (ValueError, TypeError, UnicodeDecodeError):
        return None
    return pk if kind == type_name and pk > 0 else None
