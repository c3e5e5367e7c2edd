"""The one HTTP client factory for calls to print partners: explicit timeouts, no redirects, and only
public addresses (a partner's endpoint is a URL a manager typed: without the rule PodOps would POST
order data to whatever it names, loopback and internal services included).

The rule: PodOps connects to a partner only at a public address: never loopback, private (RFC 1918,
IPv6 unique local), link-local (the cloud metadata address 169.254.169.254 among them),
unspecified, multicast, reserved or otherwise not globally reachable addresses. It is checked when
a manager saves the endpoint (``url_refusal``) and again on every call, on the address the host
resolves to right then, and the connection goes to that very address (DNS may have changed since
the save: a name that resolved to a public address may resolve to 127.0.0.1 now). With
``PODOPS_PARTNER_ALLOW_PRIVATE_URLS`` (on in the embedded default) any address is allowed, so a
laptop can run a partner on 127.0.0.1.

A lookup is bounded by ``PODOPS_PARTNER_DNS_TIMEOUT`` (the system resolver takes no timeout): it
runs on a thread of its own and its caller stops waiting at the bound (``AddressLookupTimeout``).
A lookup that hangs keeps its thread until the resolver gives up; at most ``LOOKUP_THREADS`` run at
once in a process, and while they all hang further lookups time out without starting, so a
resolver that does not answer never piles up threads.
"""

from __future__ import annotations

import ipaddress
import os
import socket
import threading
import time
from typing import Any
from urllib.parse import urlsplit

import httpx
from django.conf import settings

from .interface import PartnerPermanentError, PartnerTransientError

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


class AddressRefused(PartnerPermanentError):
    """The partner's host is (or resolves to) an address PodOps does not call."""


class AddressLookupTimeout(PartnerTransientError):
    """The partner's host name was not resolved within ``PODOPS_PARTNER_DNS_TIMEOUT``."""

    def __init__(self, host: str, timeout: float) -> None:
        super().__init__(f"{host} did not resolve within {timeout:g} s")
        self.host = host
        self.timeout = timeout


LOOKUP_THREADS = 4  # lookups running at once in a process (each on a daemon thread)
_lookup_slots = threading.BoundedSemaphore(LOOKUP_THREADS)


def _reset_lookup_slots() -> None:
    """In a forked child: the parent's lookup threads do not run there to give their slots back."""
    global _lookup_slots
    _lookup_slots = threading.BoundedSemaphore(LOOKUP_THREADS)


os.register_at_fork(after_in_child=_reset_lookup_slots)


def _getaddrinfo_bounded(host: str, port: int, timeout: float) -> list[Any]:
    """``socket.getaddrinfo`` on a daemon thread, waited for until ``timeout`` (a lookup left
    behind holds its slot until the resolver gives up, and never delays the process's exit)."""
    deadline = time.monotonic() + timeout
    slots = _lookup_slots
    if not slots.acquire(timeout=timeout):  # every slot held by a lookup that hangs
        raise AddressLookupTimeout(host, timeout)
    outcome: dict[str, Any] = {}
    done = threading.Event()

    def lookup() -> None:
        try:
            outcome["found"] = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except Exception as exc:  # handed to the caller
            outcome["error"] = exc
        finally:
            slots.release()
            done.set()

    threading.Thread(target=lookup, name="partner-dns", daemon=True).start()
    if not done.wait(max(deadline - time.monotonic(), 0)):
        raise AddressLookupTimeout(host, timeout)
    if "error" in outcome:
        raise outcome["error"]
    return list(outcome["found"])


def address_kind(address: IPAddress) -> str:
    """What kind of address PodOps refuses ``address`` as ("a loopback address"), or "" when it
    is a public one."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped  # ::ffff:127.0.0.1 is 127.0.0.1
    checks = (
        (address.is_unspecified, "an unspecified address"),
        (address.is_loopback, "a loopback address"),
        (address.is_link_local, "a link-local address"),
        (address.is_multicast, "a multicast address"),
        (address.is_reserved, "a reserved address"),
        (address.is_private, "a private address"),
        (not address.is_global, "an address that is not public"),
    )
    return next((kind for refused, kind in checks if refused), "")


def resolve(host: str, port: int) -> list[IPAddress]:
    """The addresses ``host`` stands for now (an IP literal stands for itself); raises
    ``socket.gaierror`` when it does not resolve, ``AddressLookupTimeout`` when the lookup takes
    longer than ``PODOPS_PARTNER_DNS_TIMEOUT``."""
    found = _getaddrinfo_bounded(host, port, settings.PARTNER_DNS_TIMEOUT_SECONDS)
    addresses: list[IPAddress] = []
    for _family, _type, _proto, _name, sockaddr in found:
        address = ipaddress.ip_address(str(sockaddr[0]).split("%", 1)[0])
        if address not in addresses:
            addresses.append(address)
    return addresses


def refusal(host: str, addresses: list[IPAddress]) -> str:
    """Why ``host`` may not be called at these addresses ("" when every one is public)."""
    for address in addresses:
        kind = address_kind(address)
        if kind:
            return (
                f"{host} is {kind}"
                if host == str(address)
                else f"{host} resolves to {address}, {kind}"
            )
    return ""


def url_refusal(url: str) -> str:
    """Why PodOps would not call ``url`` ("" when it would, as far as can be told now). A host
    that does not resolve now is not refused here: every call checks it again. A lookup that
    times out raises ``AddressLookupTimeout``: nothing can be told."""
    if settings.PARTNER_ALLOW_PRIVATE_URLS:
        return ""
    parts = urlsplit(url)
    host = parts.hostname or ""
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
        addresses = resolve(host, port)
    except (OSError, ValueError, UnicodeError):
        return ""
    return refusal(host, addresses)


class _PublicAddressTransport(httpx.HTTPTransport):
    """Resolves the host itself, refuses a non-public address, and connects to the address it
    checked (TLS still verifies the certificate for the host name, and ``Host`` names it)."""

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        host = request.url.raw_host.decode("ascii")
        port = request.url.port or (443 if request.url.scheme == "https" else 80)
        try:
            addresses = resolve(host, port)
        except AddressLookupTimeout as exc:
            raise httpx.ConnectTimeout(str(exc), request=request) from exc
        except (OSError, UnicodeError) as exc:
            raise httpx.ConnectError(f"{host} does not resolve: {exc}", request=request) from exc
        refused = refusal(request.url.host, addresses)
        if refused:
            raise AddressRefused(f"{refused}; PodOps calls print partners only at public addresses")
        address = str(addresses[0])
        if address != host:
            request.extensions = {**request.extensions, "sni_hostname": host}
            request.url = request.url.copy_with(host=address)
        return super().handle_request(request)


def partner_http_client(timeout: httpx.Timeout) -> httpx.Client:
    transport = None if settings.PARTNER_ALLOW_PRIVATE_URLS else _PublicAddressTransport()
    return httpx.Client(timeout=timeout, follow_redirects=False, transport=transport)
