"""A partner's endpoint must be a public address (production): a manager saving one that is not gets
a typed error on the field and nothing is saved, and a send to a name that resolves to a private
address by then is a recorded failure of the job, never a call."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
import respx
import time_machine
from django.utils import timezone
from pytest_httpserver import HTTPServer

from saleor_podops.fulfilment import dispatch
from saleor_podops.fulfilment.models import DispatchState
from saleor_podops.fulfilment.tasks import dispatch_due_jobs
from saleor_podops.partners.models import PrintPartner
from saleor_podops.production.models import EventType, TimelineEvent
from saleor_podops.production.stages import Stage
from saleor_podops.saleor.models import Installation

from ..conftest import SLOW_DNS_TIMEOUT, SlowDns
from ..partners.fake_partner import JOBS_PATH, FakePartner
from ..partners.fake_printful import API_KEY
from ..staff_api import MANAGER, StaffApi, team
from .builders import MANAGER_P, PARTNER_SECRET, approved_order, items_of
from .test_dispatch import AFTER_GRACE, failures, send_batch

pytestmark = pytest.mark.django_db

PUBLIC = "93.184.216.34"
ONLY_PUBLIC = "PodOps calls print partners only at public addresses"

CREATE = """
mutation($in: PrintPartnerInput!) {
  printPartnerCreate(input: $in) { partner { id endpointUrl } errors { field code message } }
}
"""
UPDATE = """
mutation($id: ID!, $in: PrintPartnerInput!) {
  printPartnerUpdate(id: $id, input: $in) { partner { endpointUrl } errors { field code message } }
}
"""


@pytest.fixture
def public_only(settings: Any) -> None:
    settings.PARTNER_ALLOW_PRIVATE_URLS = False


@pytest.fixture
def fake(httpserver: HTTPServer) -> FakePartner:
    partner = FakePartner(httpserver, PARTNER_SECRET)
    partner.mount()
    return partner


def http_input(url: str) -> dict[str, Any]:
    return {
        "name": "Printer API",
        "kind": "GENERIC_HTTP",
        "endpointUrl": url,
        "secret": PARTNER_SECRET,
    }


def refused(answer: dict[str, Any], mutation: str, message: str) -> None:
    assert answer["data"][mutation] == {
        "partner": None,
        "errors": [
            {
                "field": "endpointUrl",
                "code": "ENDPOINT_NOT_PUBLIC",
                "message": f"{ONLY_PUBLIC}: {message}",
            }
        ],
    }


@pytest.mark.parametrize(
    ("url", "names", "message"),
    [
        ("http://127.0.0.1:8080/jobs", {}, "127.0.0.1 is a loopback address"),
        ("https://192.168.1.20/jobs", {}, "192.168.1.20 is a private address"),
        ("http://169.254.169.254/latest/meta-data/", {}, "169.254.169.254 is a link-local address"),
        ("http://[::1]:8080/jobs", {}, "::1 is a loopback address"),
        ("https://[fd12:3456::1]/jobs", {}, "fd12:3456::1 is a private address"),
        (
            "https://printer.example/jobs",
            {"printer.example": ["10.20.30.40"]},
            "printer.example resolves to 10.20.30.40, a private address",
        ),
    ],
)
def test_a_partner_endpoint_that_is_not_public_is_refused_and_nothing_is_saved(
    installation: Installation,
    staff_api: StaffApi,
    public_only: None,
    dns: dict[str, list[str]],
    url: str,
    names: dict[str, list[str]],
    message: str,
) -> None:
    team(installation)
    dns.update(names)

    answer = staff_api.as_user(installation, MANAGER, CREATE, {"in": http_input(url)})

    refused(answer, "printPartnerCreate", message)
    assert PrintPartner.objects.count() == 0


def test_moving_a_partner_to_a_private_endpoint_is_refused_and_nothing_changes(
    installation: Installation,
    staff_api: StaffApi,
    public_only: None,
    dns: dict[str, list[str]],
) -> None:
    team(installation)
    dns["printer.example"] = [PUBLIC]
    made = staff_api.as_user(
        installation, MANAGER, CREATE, {"in": http_input("https://printer.example/jobs")}
    )
    partner = made["data"]["printPartnerCreate"]["partner"]
    assert partner["endpointUrl"] == "https://printer.example/jobs"
    before = list(PrintPartner.objects.values())

    answer = staff_api.as_user(
        installation,
        MANAGER,
        UPDATE,
        {"id": partner["id"], "in": http_input("http://10.0.0.5/jobs")},
    )

    refused(answer, "printPartnerUpdate", "10.0.0.5 is a private address")
    assert list(PrintPartner.objects.values()) == before


def test_printfuls_api_address_is_checked_too(
    installation: Installation, staff_api: StaffApi, public_only: None
) -> None:
    team(installation)
    printful = {
        "name": "Printful",
        "kind": "PRINTFUL",
        "apiKey": API_KEY,
        "endpointUrl": "http://169.254.169.254",
    }

    answer = staff_api.as_user(installation, MANAGER, CREATE, {"in": printful})

    refused(answer, "printPartnerCreate", "169.254.169.254 is a link-local address")
    assert PrintPartner.objects.count() == 0


def test_an_endpoint_whose_address_lookup_times_out_is_refused_and_nothing_changes(
    installation: Installation,
    staff_api: StaffApi,
    public_only: None,
    dns: dict[str, list[str]],
    slow_dns: SlowDns,
) -> None:
    # given a partner at a public name
    team(installation)
    dns["printer.example"] = [PUBLIC]
    made = staff_api.as_user(
        installation, MANAGER, CREATE, {"in": http_input("https://printer.example/jobs")}
    )
    partner_id = made["data"]["printPartnerCreate"]["partner"]["id"]
    before = list(PrintPartner.objects.values())

    # when a manager moves it (or adds one) to a name whose resolver does not answer
    slow_dns.names.add("slow.example")
    url = "https://slow.example/jobs"
    moved = staff_api.as_user(
        installation, MANAGER, UPDATE, {"id": partner_id, "in": http_input(url)}
    )
    added = staff_api.as_user(
        installation, MANAGER, CREATE, {"in": {**http_input(url), "name": "Other printer"}}
    )

    # then both are refused with a typed error on the field; nothing changed
    error = {
        "field": "endpointUrl",
        "code": "ENDPOINT_LOOKUP_TIMEOUT",
        "message": f"The address of slow.example could not be looked up within "
        f"{SLOW_DNS_TIMEOUT:g} s, so PodOps could not check that it is public: nothing was "
        "saved, try again",
    }
    assert moved["data"]["printPartnerUpdate"] == {"partner": None, "errors": [error]}
    assert added["data"]["printPartnerCreate"] == {"partner": None, "errors": [error]}
    assert list(PrintPartner.objects.values()) == before
    assert slow_dns.started == ["slow.example", "slow.example"]


def test_the_setting_lets_a_manager_save_a_local_partner(
    installation: Installation, staff_api: StaffApi, settings: Any
) -> None:
    team(installation)
    settings.PARTNER_ALLOW_PRIVATE_URLS = True

    answer = staff_api.as_user(
        installation, MANAGER, CREATE, {"in": http_input("http://127.0.0.1:8080/jobs")}
    )

    assert answer["data"]["printPartnerCreate"]["errors"] == []
    assert PrintPartner.objects.get().endpoint_url == "http://127.0.0.1:8080/jobs"


def test_a_send_to_a_name_that_now_resolves_to_a_private_address_is_a_recorded_failure(
    installation: Installation,
    staff_api: StaffApi,
    settings: Any,
    public_only: None,
    dns: dict[str, list[str]],
    fake: FakePartner,
    respx_router: respx.MockRouter,
    django_capture_on_commit_callbacks: Any,
) -> None:
    # given a partner saved while its name resolved to a public address
    team(installation)
    url = f"http://printer.example:{fake.server.port}{JOBS_PATH}"
    dns["printer.example"] = [PUBLIC]
    made = staff_api.as_user(installation, MANAGER, CREATE, {"in": http_input(url)})
    assert made["data"]["printPartnerCreate"]["errors"] == []
    partner = PrintPartner.objects.get()
    PrintPartner.objects.filter(pk=partner.pk).update(rate_per_minute=600, burst=50, tokens=50.0)
    order = approved_order(installation, "7001")

    # when the name resolves to 127.0.0.1 by the time the job is sent (a local server listens)
    dns["printer.example"] = ["127.0.0.1"]
    with time_machine.travel(timezone.now() + AFTER_GRACE):
        [job] = send_batch(installation, partner, [order], django_capture_on_commit_callbacks)

    # then nothing reached it: the job could not be sent and waits for a manager, with why on
    # its timeline, and it is not tried again by itself
    reason = f"printer.example resolves to 127.0.0.1, a loopback address; {ONLY_PUBLIC}"
    job.refresh_from_db()
    assert fake.requests == []
    assert (job.dispatch_state, job.attempts, job.external_id, job.last_error) == (
        DispatchState.SEND_FAILED,
        1,
        "",
        reason,
    )
    assert failures(job) == [(1, False)]
    event = TimelineEvent.objects.get(type=EventType.PARTNER_SEND_FAILED, order=job.order)
    assert (
        event.comment == f"Try 1 of job {job.pk}: {reason} (given up: a manager can send it again)"
    )
    assert [item.stage for item in items_of(order)] == [Stage.IN_PRODUCTION]
    with time_machine.travel(timezone.now() + timedelta(hours=2)):
        assert dispatch_due_jobs() == 0

    # and with private addresses allowed (a laptop), the manager's retry reaches the partner
    settings.PARTNER_ALLOW_PRIVATE_URLS = True
    respx_router.route(host="printer.example").pass_through()
    with django_capture_on_commit_callbacks(execute=True):
        dispatch.job_retry_send(job=job, person=MANAGER_P)
    job.refresh_from_db()
    assert (job.dispatch_state, job.external_id) == (DispatchState.SENT, "pj-1")
    assert len(fake.requests) == 1
