"""The one HTTP client factory for talking to Saleor: explicit timeouts, no redirects."""

from __future__ import annotations

import httpx
from django.conf import settings

USER_AGENT = "PodOps-for-Saleor"


def saleor_http_client(headers: dict[str, str] | None = None) -> httpx.Client:
    timeout = httpx.Timeout(settings.SALEOR_HTTP_TIMEOUT_SECONDS, connect=5.0)
    return httpx.Client(
        timeout=timeout,
        follow_redirects=False,
        headers={"User-Agent": USER_AGENT, **(headers or {})},
    )
