"""The client address behind trusted proxies: never taken from what the client itself wrote."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import RequestFactory

from saleor_podops.core.client_ip import client_ip

REMOTE = "10.0.0.2"


@pytest.mark.parametrize(
    ("trusted", "forwarded", "expected"),
    [
        (0, "", REMOTE),
        (0, "203.0.113.9", REMOTE),  # no proxy trusted: a forged header is ignored
        (1, "203.0.113.9", "203.0.113.9"),
        (1, "6.6.6.6, 203.0.113.9", "203.0.113.9"),  # the client's own entry is left of ours
        (2, "6.6.6.6, 203.0.113.9, 10.0.0.5", "203.0.113.9"),
        (2, "203.0.113.9", REMOTE),  # fewer entries than proxies: the socket's address
        (1, "", REMOTE),
        (1, "not-an-address", "unknown"),
        (1, "2001:db8::1", "2001:db8::1"),
    ],
)
def test_client_ip(settings: Any, trusted: int, forwarded: str, expected: str) -> None:
    settings.TRUSTED_PROXY_COUNT = trusted
    headers = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded else {}
    request = RequestFactory().get("/", REMOTE_ADDR=REMOTE, **headers)

    assert client_ip(request) == expected
