"""Rate limits for the storefront endpoints (django-ratelimit on Django's cache: Redis in production)."""

from __future__ import annotations

from django.http import HttpRequest
from django_ratelimit.core import is_ratelimited


def client_ip(request: HttpRequest) -> str:
    """The client address as the web server saw it (a proxy in front must set REMOTE_ADDR, e.g.
    gunicorn's --forwarded-allow-ips with a proxy-fix middleware)."""
    return str(request.META.get("REMOTE_ADDR") or "unknown")


def over_limit(request: HttpRequest, *, group: str, key: str, rate: str) -> bool:
    """Count this request against ``key`` in ``group``; True when over ``rate`` (e.g. "30/m")."""
    return bool(
        is_ratelimited(
            request, group=group, key=lambda _group, _request: key, rate=rate, increment=True
        )
    )
