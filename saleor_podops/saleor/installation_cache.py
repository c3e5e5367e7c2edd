"""A per-process cache of active installations by Saleor API URL, for the webhook intake.

Every delivery names its Saleor instance; reading the installation row for each one costs a query
and a model instance. Entries live ``TTL_SECONDS``. The process that changes an installation
(install or reinstall, APP_DELETED, a key refetch) drops its entry at once; other processes see the
change when the entry expires. A cached entry may only help to accept a delivery: before refusing
one, the caller reads the row again (``is_unchanged`` says whether that changes anything), so a
stale entry never makes PodOps answer 4xx to a delivery Saleor would not send again.
"""

from __future__ import annotations

import threading
import time
from typing import Any

from .models import Installation

TTL_SECONDS = 5.0

_lock = threading.Lock()
_entries: dict[str, tuple[float, Installation]] = {}


def get(api_url: str) -> Installation | None:
    """The cached active installation of ``api_url`` (a normalized URL), when fresh enough."""
    entry = _entries.get(api_url)
    if entry is None:
        return None
    cached_at, installation = entry
    if time.monotonic() - cached_at > TTL_SECONDS:
        with _lock:
            if _entries.get(api_url) is entry:
                del _entries[api_url]
        return None
    return installation


def put(api_url: str, installation: Installation | None) -> None:
    """Remember ``installation`` when it is active; forget the URL otherwise."""
    with _lock:
        if installation is not None and installation.is_active:
            _entries[api_url] = (time.monotonic(), installation)
        else:
            _entries.pop(api_url, None)


def invalidate(api_url: str | None = None) -> None:
    """Forget one URL's entry, or every entry."""
    with _lock:
        if api_url is None:
            _entries.clear()
        else:
            _entries.pop(api_url, None)


def verification_state(installation: Installation | None) -> tuple[Any, ...] | None:
    """What deciding on a webhook depends on: which row, whether it is active, its app and keys."""
    if installation is None:
        return None
    return (
        installation.pk,
        installation.is_active,
        installation.app_id,
        installation.jwks_fetched_at,
        installation.jwks,
    )


def is_unchanged(cached: Installation | None, fresh: Installation | None) -> bool:
    return verification_state(cached) == verification_state(fresh)
