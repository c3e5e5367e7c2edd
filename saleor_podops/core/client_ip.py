"""The address of the client behind PodOps' reverse proxies, for rate limits and upload sessions.

With ``TRUSTED_PROXY_COUNT = 0`` (the default) only the socket's address (REMOTE_ADDR) counts and any
X-Forwarded-For a client sends is ignored. With N trusted proxies in front (each appending the address
it saw to X-Forwarded-For), the client is the N-th address from the right: entries further left were
written by the client itself and are never trusted.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest

UNKNOWN = "unknown"


def _valid(address: str) -> str | None:
    try:
        return str(ipaddress.ip_address(address.strip()))
    except ValueError:
        return None


def client_ip(request: HttpRequest) -> str:
    """The client's IP address, or ``"unknown"`` when none can be told."""
    trusted = settings.TRUSTED_PROXY_COUNT
    if trusted > 0:
        forwarded = [
            part for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()
        ]
        if len(forwarded) >= trusted:
            return _valid(forwarded[-trusted]) or UNKNOWN
    return _valid(str(request.META.get("REMOTE_ADDR") or "")) or UNKNOWN
