"""Print partners are called only at public addresses: the address rule, the check of a URL when a
manager saves it, and the check on every call, on the address the host resolves to right then (the
connection goes to that address). ``PODOPS_PARTNER_ALLOW_PRIVATE_URLS`` lifts the rule."""

from __future__ import annotations

import ipaddress
import time
from collections.abc import Iterator
from typing import Any

import pytest
import respx
from pytest_httpserver import HTTPServer

from saleor_podops.partners.generic_http import GenericHttpPartner
from saleor_podops.partners.http import (
    LOOKUP_THREADS,
    AddressLookupTimeout,
    AddressRefused,
    address_kind,
    url_refusal,
)
from saleor_podops.partners.interface import PartnerPermanentError, PartnerTransientError
from saleor_podops.partners.printful import PrintfulPartner

from ..conftest import SLOW_DNS_TIMEOUT, SlowDns
from .fake_partner import JOBS_PATH, FakePartner
from .fake_printful import API_KEY
from .test_generic_http import SECRET, job

PUBLIC = "93.184.216.34"
PUBLIC_V6 = "2606:2800:220:1:248:1893:25c8:1946"
ONLY_PUBLIC = "PodOps calls print partners only at public addresses"


@pytest.fixture
def public_only(settings: Any) -> None:
    settings.PARTNER_ALLOW_PRIVATE_URLS = False


@pytest.fixture
def fake(httpserver: HTTPServer) -> FakePartner:
    partner = FakePartner(httpserver, SECRET)
    partner.mount()
    return partner


@pytest.fixture
def mocked() -> Iterator[respx.MockRouter]:
    with respx.mock(assert_all_called=False, assert_all_mocked=True) as router:
        yield router


def http_partner(url: str) -> GenericHttpPartner:
    return GenericHttpPartner(endpoint_url=url, secret=SECRET, connect_timeout=1.0)


@pytest.mark.parametrize(
    ("address", "kind"),
    [
        ("127.0.0.1", "a loopback address"),
        ("127.8.9.10", "a loopback address"),
        ("10.1.2.3", "a private address"),
        ("172.16.0.1", "a private address"),
        ("192.168.1.20", "a private address"),
        ("169.254.169.254", "a link-local address"),
        ("0.0.0.0", "an unspecified address"),
        ("224.0.0.251", "a multicast address"),
        ("240.0.0.1", "a reserved address"),
        ("255.255.255.255", "a reserved address"),
        ("100.64.0.1", "an address that is not public"),
        ("::1", "a loopback address"),
        ("::", "an unspecified address"),
        ("fe80::1", "a link-local address"),
        ("fd00:ec2::254", "a private address"),
        ("fc00::1", "a private address"),
        ("ff02::1", "a multicast address"),
        ("::ffff:127.0.0.1", "a loopback address"),
        ("::ffff:10.0.0.1", "a private address"),
        (PUBLIC, ""),
        ("1.1.1.1", ""),
        (PUBLIC_V6, ""),
    ],
)
def test_only_public_addresses_are_called(address: str, kind: str) -> None:
    assert address_kind(ipaddress.ip_address(address)) == kind


@pytest.mark.parametrize(
    ("url", "names", "refusal"),
    [
        ("http://127.0.0.1:8080/jobs", {}, "127.0.0.1 is a loopback address"),
        ("https://10.0.0.5/jobs", {}, "10.0.0.5 is a private address"),
        ("http://169.254.169.254/latest", {}, "169.254.169.254 is a link-local address"),
        ("http://[::1]:9/jobs", {}, "::1 is a loopback address"),
        ("https://[fd00:ec2::254]/jobs", {}, "fd00:ec2::254 is a private address"),
        ("http://0.0.0.0/jobs", {}, "0.0.0.0 is an unspecified address"),
        ("http://localhost:8080/jobs", {}, "localhost resolves to 127.0.0.1, a loopback address"),
        # another spelling of 127.0.0.1 (the resolver reads it as one)
        ("http://2130706433/jobs", {}, "2130706433 resolves to 127.0.0.1, a loopback address"),
        (
            "https://printer.internal/jobs",
            {"printer.internal": ["192.168.1.20"]},
            "printer.internal resolves to 192.168.1.20, a private address",
        ),
        (
            "https://printer.internal/jobs",
            {"printer.internal": ["fe80::1"]},
            "printer.internal resolves to fe80::1, a link-local address",
        ),
        # one private address among public ones is enough
        (
            "https://printer.example/jobs",
            {"printer.example": [PUBLIC, "10.0.0.5"]},
            "printer.example resolves to 10.0.0.5, a private address",
        ),
        ("https://printer.example/jobs", {"printer.example": [PUBLIC, PUBLIC_V6]}, ""),
        (f"https://[{PUBLIC_V6}]/jobs", {}, ""),
        # a name that does not resolve now is left to the check on every call
        ("https://printer.invalid/jobs", {}, ""),
    ],
)
def test_a_url_is_refused_when_its_host_is_or_resolves_to_a_non_public_address(
    public_only: None,
    dns: dict[str, list[str]],
    url: str,
    names: dict[str, list[str]],
    refusal: str,
) -> None:
    dns.update(names)
    assert url_refusal(url) == refusal


def test_the_setting_allows_any_address(settings: Any, fake: FakePartner) -> None:
    # production: the partner on 127.0.0.1 is refused at save and never reached
    url = f"http://127.0.0.1:{fake.server.port}{JOBS_PATH}"
    settings.PARTNER_ALLOW_PRIVATE_URLS = False
    assert url_refusal(url) == "127.0.0.1 is a loopback address"
    with pytest.raises(AddressRefused) as refused:
        http_partner(url).submit_job(job())
    assert str(refused.value) == f"127.0.0.1 is a loopback address; {ONLY_PUBLIC}"
    assert isinstance(refused.value, PartnerPermanentError)
    assert fake.requests == []

    # allowed (the embedded default): the same partner is saved and called
    settings.PARTNER_ALLOW_PRIVATE_URLS = True
    assert url_refusal(url) == ""
    assert http_partner(url).submit_job(job()).external_id == "pj-1"
    assert len(fake.requests) == 1


def test_a_call_goes_to_the_address_that_was_checked(
    public_only: None, dns: dict[str, list[str]], mocked: respx.MockRouter
) -> None:
    dns["printer.example"] = [PUBLIC]
    route = mocked.post(f"https://{PUBLIC}/v1/jobs").respond(201, json={"id": "pj-9"})

    result = http_partner("https://printer.example/v1/jobs").submit_job(job())

    assert result.external_id == "pj-9"
    [call] = route.calls
    # the connection is to the address checked; the host is named in Host and in TLS (SNI and
    # the certificate check)
    assert str(call.request.url) == f"https://{PUBLIC}/v1/jobs"
    assert call.request.headers["Host"] == "printer.example"
    assert call.request.extensions["sni_hostname"] == "printer.example"


def test_a_name_that_resolves_to_a_private_address_at_call_time_is_refused(
    public_only: None, dns: dict[str, list[str]], fake: FakePartner
) -> None:
    # given a name that was public when the partner was saved
    port = fake.server.port
    url = f"http://printer.example:{port}{JOBS_PATH}"
    dns["printer.example"] = [PUBLIC]
    assert url_refusal(url) == ""

    # when it resolves to 127.0.0.1 later, where a server listens
    dns["printer.example"] = ["127.0.0.1"]
    with pytest.raises(AddressRefused) as refused:
        http_partner(url).submit_job(job())

    # then the call is refused before connecting: the server got nothing
    assert str(refused.value) == (
        f"printer.example resolves to 127.0.0.1, a loopback address; {ONLY_PUBLIC}"
    )
    assert fake.requests == []


def test_literals_and_every_call_of_an_adapter_are_checked(public_only: None) -> None:
    with pytest.raises(AddressRefused) as v6:
        http_partner("http://[::1]:9/v1/jobs").cancel_job("pj-1")
    assert str(v6.value) == f"::1 is a loopback address; {ONLY_PUBLIC}"

    printful = PrintfulPartner(api_url="http://169.254.169.254", api_key=API_KEY)
    with pytest.raises(AddressRefused) as metadata:
        printful.register_webhook("https://podops.example.com/api/partners/x/webhook/t")
    assert str(metadata.value) == f"169.254.169.254 is a link-local address; {ONLY_PUBLIC}"


def test_a_name_that_does_not_resolve_is_tried_again(public_only: None) -> None:
    with pytest.raises(PartnerTransientError) as failed:
        http_partner("https://printer.invalid/v1/jobs").submit_job(job())
    assert str(failed.value).startswith("ConnectError: printer.invalid does not resolve")


def test_a_redirect_is_not_followed_to_where_it_points(
    public_only: None, dns: dict[str, list[str]], mocked: respx.MockRouter
) -> None:
    dns["printer.example"] = [PUBLIC]
    mocked.post(f"https://{PUBLIC}/v1/jobs").respond(
        307, headers={"Location": "http://127.0.0.1/v1/jobs"}
    )

    with pytest.raises(PartnerPermanentError) as refused:
        http_partner("https://printer.example/v1/jobs").submit_job(job())

    assert str(refused.value).startswith("submit: HTTP 307")
    assert len(mocked.calls) == 1


def test_a_lookup_that_hangs_times_out_with_a_typed_error(
    public_only: None, slow_dns: SlowDns
) -> None:
    slow_dns.names.add("printer.example")

    started = time.monotonic()
    with pytest.raises(AddressLookupTimeout) as timed_out:
        url_refusal("https://printer.example/jobs")

    assert time.monotonic() - started < 1
    assert str(timed_out.value) == f"printer.example did not resolve within {SLOW_DNS_TIMEOUT:g} s"
    assert (timed_out.value.host, timed_out.value.timeout) == ("printer.example", SLOW_DNS_TIMEOUT)
    assert isinstance(timed_out.value, PartnerTransientError)
    assert slow_dns.started == ["printer.example"]


def test_a_call_whose_lookup_hangs_is_a_transient_failure_and_never_connects(
    public_only: None, slow_dns: SlowDns, mocked: respx.MockRouter
) -> None:
    slow_dns.names.add("printer.example")
    route = mocked.post(url__regex=r".*").respond(201, json={"id": "pj-1"})

    with pytest.raises(PartnerTransientError) as generic:
        http_partner("https://printer.example/v1/jobs").submit_job(job())
    printful = PrintfulPartner(api_url="https://printer.example", api_key=API_KEY)
    with pytest.raises(PartnerTransientError) as printful_call:
        printful.register_webhook("https://podops.example.com/api/partners/x/webhook/t")

    assert str(generic.value) == "timeout: ConnectTimeout"
    assert str(printful_call.value) == "register webhooks: timeout (ConnectTimeout)"
    assert route.calls.call_count == 0


def test_lookups_that_hang_never_hold_more_than_a_few_threads(
    public_only: None, slow_dns: SlowDns, dns: dict[str, list[str]]
) -> None:
    # given a resolver that does not answer for one name
    slow_dns.names.add("printer.example")

    # when many checks of that name time out
    for _ in range(LOOKUP_THREADS + 3):
        with pytest.raises(AddressLookupTimeout):
            url_refusal("https://printer.example/jobs")

    # then only as many lookups started as there are lookup threads; the rest timed out waiting
    assert slow_dns.started == ["printer.example"] * LOOKUP_THREADS
    dns["partner.example"] = [PUBLIC]
    with pytest.raises(AddressLookupTimeout):
        url_refusal("https://partner.example/jobs")

    # and once the resolver answers again, lookups work
    slow_dns.release.set()
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        try:
            assert url_refusal("https://partner.example/jobs") == ""
            break
        except AddressLookupTimeout:
            time.sleep(0.01)
    else:
        pytest.fail("lookups did not recover")
