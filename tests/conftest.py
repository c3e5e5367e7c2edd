from __future__ import annotations

import socket
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
import respx
from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from saleor_podops.celery import app as celery_app
from saleor_podops.saleor import installation_cache, installations
from saleor_podops.saleor.models import Installation
from saleor_podops.saleor.tokens import verified_dashboard_tokens
from saleor_podops.saleor.webhook_events import SaleorEvent

from .payloads import webhook_body
from .saleor_stub import SaleorStub, SigningKey, new_rsa_key

SALEOR_API_URL = "https://shop.example.com/graphql/"
OTHER_SALEOR_API_URL = "https://other-shop.example.com/graphql/"

if TYPE_CHECKING:
    from .customer_api import CustomerApi, SaleorCustomers

_KEYS: dict[str, SigningKey] = {}


def signing_key(kid: str) -> SigningKey:
    """RSA keys are slow to make: one per kid per test session."""
    if kid not in _KEYS:
        _KEYS[kid] = SigningKey(new_rsa_key(), kid)
    return _KEYS[kid]


@pytest.fixture(autouse=True)
def media_root(settings: Any, tmp_path: Path) -> Path:
    """Every test stores files in a folder of its own, never in ./var/media."""
    root = tmp_path / "media"
    root.mkdir()
    settings.MEDIA_ROOT = str(root)
    return root


@pytest.fixture(autouse=True)
def _fresh_cache() -> Iterator[None]:
    """Rate limits and other cached counters start at zero in every test, and no installation
    cached by an earlier test is seen."""
    cache.clear()
    installation_cache.invalidate()
    verified_dashboard_tokens.clear()
    yield
    cache.clear()
    installation_cache.invalidate()
    verified_dashboard_tokens.clear()


@pytest.fixture(autouse=True)
def _partners_at_public_addresses_only(settings: Any) -> None:
    """Tests call print partners as production does (only at public addresses) unless they ask
    for ``local_partners``."""
    settings.PARTNER_ALLOW_PRIVATE_URLS = False


@pytest.fixture
def local_partners(settings: Any) -> None:
    """Print partners the test runs on 127.0.0.1 may be called (production calls only public
    addresses; the embedded default allows these)."""
    settings.PARTNER_ALLOW_PRIVATE_URLS = True


@pytest.fixture
def dns(monkeypatch: pytest.MonkeyPatch) -> dict[str, list[str]]:
    """Host names resolve to the addresses the test gives them (``dns["printer.example"] =
    ["10.0.0.5"]``); other names as the system resolves them."""
    names: dict[str, list[str]] = {}
    system = socket.getaddrinfo

    def getaddrinfo(host: Any, port: Any, *args: Any, **kwargs: Any) -> Any:
        if host not in names:
            return system(host, port, *args, **kwargs)
        return [
            (socket.AF_INET6, socket.SOCK_STREAM, 6, "", (address, port, 0, 0))
            if ":" in address
            else (socket.AF_INET, socket.SOCK_STREAM, 6, "", (address, port))
            for address in names[host]
        ]

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    return names


@dataclass
class SlowDns:
    """Names whose lookups hang (a resolver that does not answer) until the test ends."""

    names: set[str] = field(default_factory=set)
    started: list[str] = field(default_factory=list)
    release: threading.Event = field(default_factory=threading.Event)


SLOW_DNS_TIMEOUT = 0.05


@pytest.fixture
def slow_dns(monkeypatch: pytest.MonkeyPatch, settings: Any) -> Iterator[SlowDns]:
    """Lookups of the names in ``slow_dns.names`` hang until the test ends, then fail; other
    names as the system resolves them. Partner lookups are bounded to ``SLOW_DNS_TIMEOUT``."""
    settings.PARTNER_DNS_TIMEOUT_SECONDS = SLOW_DNS_TIMEOUT
    slow = SlowDns()
    system = socket.getaddrinfo

    def getaddrinfo(host: Any, port: Any, *args: Any, **kwargs: Any) -> Any:
        if host not in slow.names:
            return system(host, port, *args, **kwargs)
        slow.started.append(host)
        slow.release.wait(30)
        raise socket.gaierror(socket.EAI_AGAIN, "Temporary failure in name resolution")

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    yield slow
    slow.release.set()
    for thread in threading.enumerate():  # the hung lookups give their threads back
        if thread.name == "partner-dns":
            thread.join(5)


@pytest.fixture
def pass_through_local_servers(respx_router: respx.MockRouter, local_partners: None) -> None:
    """Saleor stays stubbed at the HTTP layer; servers the test runs on loopback are reached."""
    respx_router.route(host="localhost").pass_through()
    respx_router.route(host="127.0.0.1").pass_through()


@pytest.fixture
def customers(saleor: SaleorStub) -> SaleorCustomers:
    """Saleor's customers and their orders, as the customer API asks Saleor about them."""
    from .customer_api import SaleorCustomers  # it imports this module's keys and URLs

    known = SaleorCustomers()
    known.mount(saleor)
    return known


@pytest.fixture
def customer_api(client: Client) -> CustomerApi:
    from .customer_api import CustomerApi

    return CustomerApi(client)


@pytest.fixture(autouse=True)
def _eager_tasks() -> Iterator[None]:
    celery_app.conf.task_always_eager = True
    yield
    celery_app.conf.task_always_eager = False


@pytest.fixture
def respx_router() -> Iterator[respx.MockRouter]:
    with respx.mock(assert_all_called=False, assert_all_mocked=True) as router:
        yield router


@pytest.fixture
def saleor(respx_router: respx.MockRouter) -> SaleorStub:
    stub = SaleorStub(api_url=SALEOR_API_URL, keys=[signing_key("key-1")], app_id="QXBwOjE=")
    stub.mount(respx_router)
    return stub


@pytest.fixture
def other_saleor(respx_router: respx.MockRouter) -> SaleorStub:
    stub = SaleorStub(
        api_url=OTHER_SALEOR_API_URL, keys=[signing_key("other-1")], app_id="QXBwOjk="
    )
    stub.mount(respx_router)
    return stub


def install_from(stub: SaleorStub, token: str = "app-token-1") -> Installation:
    return installations.install(saleor_api_url=stub.api_url, auth_token=token)


def _settled(installed: Installation, stub: SaleorStub) -> Installation:
    """As if installed an hour ago: past the key refetch cooldown, nothing recorded yet."""
    an_hour_ago = timezone.now() - timedelta(hours=1)
    Installation.objects.filter(pk=installed.pk).update(jwks_fetched_at=an_hour_ago)
    installed.refresh_from_db()
    stub.requests.clear()
    stub.jwks_requests = 0
    return installed


@pytest.fixture
def installation(db: Any, saleor: SaleorStub) -> Installation:
    return _settled(install_from(saleor), saleor)


@pytest.fixture
def other_installation(db: Any, other_saleor: SaleorStub) -> Installation:
    return _settled(install_from(other_saleor, token="app-token-2"), other_saleor)


PostWebhook = Callable[..., Any]


@pytest.fixture
def post_webhook(client: Client) -> PostWebhook:
    """POST a signed webhook as Saleor would; keyword overrides change any part of it."""

    def post(
        stub: SaleorStub,
        event: SaleorEvent,
        body: bytes | None = None,
        *,
        signature: str | None = None,
        headers: dict[str, str] | None = None,
        endpoint: SaleorEvent | None = None,
        key: SigningKey | None = None,
        **payload_kwargs: Any,
    ) -> Any:
        raw = body if body is not None else webhook_body(event, **payload_kwargs)
        sent_headers = {
            "Saleor-Event": event.value,
            "Saleor-Domain": stub.origin.split("//")[1],
            "Saleor-Api-Url": stub.api_url,
            "Saleor-Signature": signature
            if signature is not None
            else (key or stub.key).sign_webhook(raw),
        }
        sent_headers.update(headers or {})
        sent_headers = {k: v for k, v in sent_headers.items() if v is not None}
        return client.post(
            f"/api/webhooks/{(endpoint or event).path_segment}",
            data=raw,
            content_type="application/json",
            headers=sent_headers,
        )

    return post


@pytest.fixture
def staff_api(client: Client) -> Any:
    """Call PodOps' staff GraphQL API with dashboard-token headers (tests/staff_api.py)."""
    from .staff_api import StaffApi

    return StaffApi(client)
