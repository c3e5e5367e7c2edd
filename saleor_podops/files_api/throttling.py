"""Rate limits for the storefront endpoints (django-ratelimit on Django's cache: Redis in production)."""

from __future__ import annotations

from django.http import HttpRequest
from django_ratelimit.core import is_ratelimited

from saleor_podops.core.client_ip import client_ip

__all__ = ["client_ip", "over_limit"]


def over_limit(request: HttpRequest, *, group: str, key: str, rate: str) -> bool:
    """Count this request against ``key`` in ``group``; True when over ``rate`` (e.g. "30/m")."""
    return bool(
        is_ratelimited(
            request, group=group, key=lambda _group, _request: key, rate=rate, increment=True
        )
    )
