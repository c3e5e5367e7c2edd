"""PodOps takes a Printful store's webhooks away from a partner that no longer reads them: switched off
with no job in flight (at once, or by the sweep once its last job is done: a switched-off partner
still reports on the jobs it has), or no longer a Printful partner; only while the store's one URL is
still this partner's. A reprint for a switched-off partner points them back. The outcome is on the
partner in the staff API."""

from __future__ import annotations

import json
from collections import deque
from typing import Any

import pytest
from django.test import Client

from saleor_podops.fulfilment.models import DefectReason
from saleor_podops.fulfilment.printful_webhooks import (
    partner_webhook_register,
    partner_webhook_remove,
    partners_webhook_removal_due,
)
from saleor_podops.fulfilment.qa import line_reprint
from saleor_podops.fulfilment.tasks import remove_due_partner_webhooks
from saleor_podops.partners.interface import PartnerTransientError
from saleor_podops.partners.models import PrintPartner
from saleor_podops.partners.printful import PrintfulPartner
from saleor_podops.production.models import ProductionOrder
from saleor_podops.saleor.models import Installation
from saleor_podops.saleor.webhook_events import SaleorEvent

from ..conftest import PostWebhook
from ..partners.fake_printful import API_KEY, STORE_ID, FakePrintful
from ..saleor_stub import SaleorStub
from ..staff_api import MANAGER, StaffApi, team
from .builders import MANAGER_P, printful_partner
from .test_printful_flow import sent, webhook

pytestmark = pytest.mark.django_db

SAVE = """
mutation($in: PrintPartnerInput!) {
  printPartnerCreate(input: $in) { partner { id } errors { field code message } }
}
"""
UPDATE = """
mutation($id: ID!, $in: PrintPartnerInput!) {
  printPartnerUpdate(id: $id, input: $in) { partner { id } errors { field code message } }
}
"""
PARTNERS = """{ printPartners { name kind isActive webhookRegisteredAt webhookRegistrationError
  webhookRemovedAt webhookRemovalError } }"""
STORE_CALLS = [("GET", "/webhooks"), ("DELETE", "/webhooks")]


def _input(printful: FakePrintful, **changes: Any) -> dict[str, Any]:
    return {
        "name": "Printful",
        "kind": "PRINTFUL",
        "endpointUrl": printful.url,
        "apiKey": API_KEY,
        "printful": {"storeId": STORE_ID, "variantIds": json.dumps({"portrait": 1})},
        **changes,
    }


def _saved(
    installation: Installation,
    staff_api: StaffApi,
    capture: Any,
    data: dict[str, Any],
    partner_id: str | None = None,
) -> str:
    """Create (or update) a partner through the staff API, running what it schedules."""
    with capture(execute=True):
        if partner_id is None:
            answer = staff_api.as_user(installation, MANAGER, SAVE, {"in": data})
            result = answer["data"]["printPartnerCreate"]
        else:
            variables = {"id": partner_id, "in": data}
            answer = staff_api.as_user(installation, MANAGER, UPDATE, variables)
            result = answer["data"]["printPartnerUpdate"]
    assert result["errors"] == [], answer
    return str(result["partner"]["id"])


def _seen(installation: Installation, staff_api: StaffApi, name: str = "Printful") -> Any:
    partners = staff_api.as_user(installation, MANAGER, PARTNERS)["data"]["printPartners"]
    return next(p for p in partners if p["name"] == name)


def _assert_removed(installation: Installation, staff_api: StaffApi, name: str = "Printful") -> Any:
    """The staff API shows the partner's webhook removed, without an error; answers the row."""
    seen = _seen(installation, staff_api, name)
    assert (seen["webhookRegisteredAt"], seen["webhookRemovalError"]) == (None, "")
    assert seen["webhookRemovedAt"] is not None
    return seen


def _assert_points_here(
    installation: Installation, staff_api: StaffApi, printful: FakePrintful
) -> None:
    partner = PrintPartner.objects.get(name="Printful")
    assert printful.webhook_config is not None
    assert printful.webhook_config["url"] == partner.webhook_url()
    seen = _seen(installation, staff_api)
    assert seen["webhookRegisteredAt"] is not None
    assert (seen["webhookRemovedAt"], seen["webhookRemovalError"]) == (None, "")


def test_switching_off_a_partner_with_no_job_in_flight_removes_its_webhook(
    installation: Installation,
    staff_api: StaffApi,
    printful: FakePrintful,
    django_capture_on_commit_callbacks: Any,
) -> None:
    # given an active Printful partner whose store posts to PodOps
    team(installation)
    capture = django_capture_on_commit_callbacks
    partner_id = _saved(installation, staff_api, capture, _input(printful))
    partner = PrintPartner.objects.get()
    assert printful.webhook_config is not None
    assert printful.webhook_config["url"] == partner.webhook_url()
    printful.requests.clear()

    # when a manager switches it off
    _saved(installation, staff_api, capture, _input(printful, isActive=False), partner_id)

    # then the store's webhooks are looked up and removed, with the partner's key and store
    assert printful.api_calls() == STORE_CALLS
    assert {(r["auth"], r["store"]) for r in printful.requests} == {(f"Bearer {API_KEY}", "4321")}
    assert printful.webhook_config is None
    _assert_removed(installation, staff_api)
    partner.refresh_from_db()
    assert partner.webhook_api_url == ""

    # and nothing is left to remove: the sweep and a repeated task call nothing
    printful.requests.clear()
    assert remove_due_partner_webhooks() == 0
    assert partner_webhook_remove(partner.pk) is False
    assert printful.requests == []

    # when it is switched on again, the store posts to PodOps again
    _saved(installation, staff_api, capture, _input(printful, isActive=True), partner_id)
    _assert_points_here(installation, staff_api, printful)


def _switched_off_with_a_job_in_flight(
    installation: Installation,
    staff_api: StaffApi,
    printful: FakePrintful,
    capture: Any,
) -> tuple[PrintPartner, ProductionOrder, Any]:
    team(installation)
    partner_id = _saved(installation, staff_api, capture, _input(printful))
    partner = PrintPartner.objects.get()
    order, job = sent(installation, partner, "8401", capture)
    printful.requests.clear()
    _saved(installation, staff_api, capture, _input(printful, isActive=False), partner_id)
    partner.refresh_from_db()
    return partner, order, job


def _post(
    client: Client, partner: PrintPartner, printful: FakePrintful, event: str, **kw: Any
) -> Any:
    order_id = printful.only_order()["id"] if "order_id" not in kw else kw.pop("order_id")
    body = printful.webhook(event, order_id, **kw)
    return webhook(client, partner, body, token=partner.webhook_token)


def test_a_switched_off_partner_keeps_its_webhook_until_its_jobs_are_done(
    installation: Installation,
    staff_api: StaffApi,
    printful: FakePrintful,
    client: Client,
    django_capture_on_commit_callbacks: Any,
) -> None:
    # given a partner switched off while Printful prints one of its jobs
    partner, _order, job = _switched_off_with_a_job_in_flight(
        installation, staff_api, printful, django_capture_on_commit_callbacks
    )

    # then its webhook stays: nothing was removed, and the sweep leaves it
    assert printful.requests == []
    _assert_points_here(installation, staff_api, printful)
    assert remove_due_partner_webhooks() == 0
    assert printful.requests == []

    # and Printful's reports on the job still arrive and apply
    printful_order = printful.only_order()
    printful_order["status"] = "inprocess"
    printing = _post(client, partner, printful, "order_updated")
    job.refresh_from_db()
    assert (printing.status_code, job.partner_status) == (200, "PRINTING")

    # when the job ships
    shipment = printful.ship(printful_order["id"], "TN-OFF")
    shipped = _post(
        client, partner, printful, "package_shipped", shipment_id=shipment, created=1795000300
    )
    job.refresh_from_db()
    assert (shipped.status_code, job.partner_status) == (200, "SHIPPED")
    printful.requests.clear()

    # then the sweep removes the webhook, once
    assert partners_webhook_removal_due() == [partner.pk]
    assert remove_due_partner_webhooks() == 1
    assert printful.api_calls() == STORE_CALLS
    assert printful.webhook_config is None
    assert _assert_removed(installation, staff_api)["isActive"] is False
    printful.requests.clear()
    assert remove_due_partner_webhooks() == 0
    assert printful.requests == []


def test_a_reprint_for_a_switched_off_partner_points_its_webhook_back(
    installation: Installation,
    staff_api: StaffApi,
    printful: FakePrintful,
    client: Client,
    django_capture_on_commit_callbacks: Any,
) -> None:
    # given a switched-off partner whose last job shipped, its webhook removed
    capture = django_capture_on_commit_callbacks
    partner, _order, job = _switched_off_with_a_job_in_flight(
        installation, staff_api, printful, capture
    )
    shipment = printful.ship(printful.only_order()["id"], "TN-1")
    shipped = _post(client, partner, printful, "package_shipped", shipment_id=shipment)
    assert shipped.status_code == 200
    assert remove_due_partner_webhooks() == 1
    assert printful.webhook_config is None

    # when a manager reprints its line (it came back damaged) at that partner
    with capture(execute=True):
        reprint = line_reprint(line=job.lines.get(), person=MANAGER_P, reason=DefectReason.DAMAGED)

    # then the reprint is a Printful order and the store posts to PodOps again, kept while the
    # reprint is in flight
    assert len(printful.orders) == 2
    _assert_points_here(installation, staff_api, printful)
    assert remove_due_partner_webhooks() == 0
    assert reprint.job.partner_id == partner.pk


def test_a_printful_partner_with_a_job_in_flight_keeps_its_kind_until_the_job_is_done(
    installation: Installation,
    staff_api: StaffApi,
    printful: FakePrintful,
    client: Client,
    django_capture_on_commit_callbacks: Any,
) -> None:
    # given a Printful partner with a job in flight
    capture = django_capture_on_commit_callbacks
    team(installation)
    partner_id = _saved(installation, staff_api, capture, _input(printful))
    partner = PrintPartner.objects.get()
    sent(installation, partner, "8501", capture)
    printful.requests.clear()
    before = list(PrintPartner.objects.values())

    # when a manager makes it a generic HTTP partner
    http = {
        "name": "Printful",
        "kind": "GENERIC_HTTP",
        "endpointUrl": "http://127.0.0.1:9/v1/jobs",
        "secret": "s" * 32,
    }
    with capture(execute=True):
        answer = staff_api.as_user(installation, MANAGER, UPDATE, {"id": partner_id, "in": http})

    # then it is refused with a typed error: nothing saved, its webhook left pointing here
    assert answer["data"]["printPartnerUpdate"] == {
        "partner": None,
        "errors": [
            {
                "field": "kind",
                "code": "PARTNER_JOBS_IN_FLIGHT",
                "message": "Printful has 1 job(s) that have neither shipped nor failed nor been "
                "cancelled: its kind stays until they are done (switch it off to send it no new "
                "work)",
            }
        ],
    }
    assert list(PrintPartner.objects.values()) == before
    assert printful.requests == []
    _assert_points_here(installation, staff_api, printful)

    # when the job ships, the same change is taken
    shipment = printful.ship(printful.only_order()["id"], "TN-1")
    shipped = _post(client, partner, printful, "package_shipped", shipment_id=shipment)
    assert shipped.status_code == 200
    printful.requests.clear()
    _saved(installation, staff_api, capture, http, partner_id)

    # and the webhook is removed at once, through the Printful API address it was registered
    # through (the partner could not read Printful's events any more)
    assert printful.api_calls() == STORE_CALLS
    assert {(r["auth"], r["store"]) for r in printful.requests} == {(f"Bearer {API_KEY}", "4321")}
    assert printful.webhook_config is None
    assert _assert_removed(installation, staff_api)["kind"] == "GENERIC_HTTP"


def test_a_store_webhook_another_tool_took_is_left_alone(
    installation: Installation,
    staff_api: StaffApi,
    printful: FakePrintful,
    django_capture_on_commit_callbacks: Any,
) -> None:
    # given a partner whose store's one webhook URL was since taken by another tool (or another
    # PodOps installation on the same store)
    capture = django_capture_on_commit_callbacks
    team(installation)
    partner_id = _saved(installation, staff_api, capture, _input(printful))
    elsewhere = {"url": "https://other-tool.example/printful", "types": ["package_shipped"]}
    printful.webhook_config = {**elsewhere, "params": []}
    printful.requests.clear()

    # when the partner is switched off
    _saved(installation, staff_api, capture, _input(printful, isActive=False), partner_id)

    # then its removal looks and leaves the other one's webhook in place
    assert printful.api_calls() == [("GET", "/webhooks")]
    assert printful.webhook_config == {**elsewhere, "params": []}
    _assert_removed(installation, staff_api)


def test_a_transient_failure_is_tried_again_and_a_refusal_is_kept_for_a_person(
    installation: Installation,
    staff_api: StaffApi,
    printful: FakePrintful,
    django_capture_on_commit_callbacks: Any,
) -> None:
    capture = django_capture_on_commit_callbacks
    team(installation)
    partner_id = _saved(installation, staff_api, capture, _input(printful))
    partner = PrintPartner.objects.get()
    PrintPartner.objects.filter(pk=partner.pk).update(is_active=False)  # no task: by hand below

    # Printful is down: kept as "will try again", raised for the task's retry, and still due
    printful.script = deque(["500"])
    with pytest.raises(PartnerTransientError):
        partner_webhook_remove(partner.pk)
    partner.refresh_from_db()
    assert partner.webhook_removal_error.startswith("Will try again: look up webhooks: HTTP 500")
    assert (partner.webhook_api_url, printful.webhook_config is not None) == (printful.url, True)
    assert partners_webhook_removal_due() == [partner.pk]

    # the next try removes it and clears the error
    assert partner_webhook_remove(partner.pk) is True
    partner.refresh_from_db()
    assert (partner.webhook_removal_error, partner.webhook_api_url) == ("", "")
    assert printful.webhook_config is None

    # a refusal (the key was revoked): kept on the partner for a person, never retried
    _saved(installation, staff_api, capture, _input(printful, isActive=True), partner_id)
    assert printful.webhook_config is not None
    printful.script = deque(["400"])
    printful.requests.clear()
    _saved(installation, staff_api, capture, _input(printful, isActive=False), partner_id)
    seen = _seen(installation, staff_api)
    assert seen["webhookRemovalError"] == (
        "look up webhooks: HTTP 400 Something went wrong "
        "(remove the webhook in Printful's dashboard)"
    )
    assert (seen["webhookRegisteredAt"], seen["webhookRemovedAt"]) == (None, None)
    assert printful.webhook_config is not None
    assert printful.api_calls() == [("GET", "/webhooks")]
    assert remove_due_partner_webhooks() == 0
    assert printful.api_calls() == [("GET", "/webhooks")]


def test_switched_on_again_while_the_removal_was_on_its_way_registers_again(
    installation: Installation,
    printful: FakePrintful,
    monkeypatch: pytest.MonkeyPatch,
    django_capture_on_commit_callbacks: Any,
) -> None:
    # given a switched-off partner whose removal is under way
    partner = printful_partner(installation, printful.url, api_key=API_KEY)
    assert partner_webhook_register(partner.pk) is True
    PrintPartner.objects.filter(pk=partner.pk).update(is_active=False)
    remove = PrintfulPartner.remove_webhook

    def switched_on_meanwhile(self: PrintfulPartner, path: str) -> bool:
        # a manager switches it on while the DELETE is on its way (its registration may land
        # before it)
        PrintPartner.objects.filter(pk=partner.pk).update(is_active=True)
        return remove(self, path)

    monkeypatch.setattr(PrintfulPartner, "remove_webhook", switched_on_meanwhile)

    # when the removal is done
    with django_capture_on_commit_callbacks(execute=True):
        assert partner_webhook_remove(partner.pk) is True

    # then the partner, active again, is registered again
    partner.refresh_from_db()
    assert printful.webhook_config is not None
    assert printful.webhook_config["url"] == partner.webhook_url()
    assert partner.webhook_registered_at is not None
    assert partner.webhook_api_url == printful.url


def test_switched_off_while_the_registration_was_on_its_way_removes_it(
    installation: Installation,
    printful: FakePrintful,
    monkeypatch: pytest.MonkeyPatch,
    django_capture_on_commit_callbacks: Any,
) -> None:
    # given an active partner whose registration is under way
    partner = printful_partner(installation, printful.url, api_key=API_KEY)
    register = PrintfulPartner.register_webhook

    def switched_off_meanwhile(self: PrintfulPartner, url: str) -> None:
        register(self, url)
        PrintPartner.objects.filter(pk=partner.pk).update(is_active=False)

    monkeypatch.setattr(PrintfulPartner, "register_webhook", switched_off_meanwhile)

    # when the registration is done
    with django_capture_on_commit_callbacks(execute=True):
        assert partner_webhook_register(partner.pk) is True

    # then the switched-off partner (no job in flight) has it removed again
    partner.refresh_from_db()
    assert printful.webhook_config is None
    assert (partner.webhook_registered_at, partner.webhook_api_url) == (None, "")
    assert partner.webhook_removed_at is not None


def test_deleting_the_app_removes_the_webhook_and_installing_again_points_it_back(
    installation: Installation,
    staff_api: StaffApi,
    printful: FakePrintful,
    saleor: SaleorStub,
    post_webhook: PostWebhook,
    client: Client,
    django_capture_on_commit_callbacks: Any,
) -> None:
    # given an active Printful partner whose store posts to PodOps
    capture = django_capture_on_commit_callbacks
    team(installation)
    _saved(installation, staff_api, capture, _input(printful))
    _assert_points_here(installation, staff_api, printful)
    printful.requests.clear()

    # when the app is deleted in Saleor (PodOps would refuse what the store posts)
    with capture(execute=True):
        deleted = post_webhook(saleor, SaleorEvent.APP_DELETED, app_id=installation.app_id)

    # then the store's webhook is removed
    assert deleted.status_code == 200
    assert printful.api_calls() == STORE_CALLS
    assert printful.webhook_config is None
    partner = PrintPartner.objects.get()
    assert (partner.webhook_api_url, partner.webhook_registered_at) == ("", None)
    assert partner.webhook_removed_at is not None
    assert partners_webhook_removal_due() == []

    # when the merchant installs PodOps again, the store posts to PodOps again
    printful.requests.clear()
    with capture(execute=True):
        installed = client.post(
            "/api/register",
            data={"auth_token": "token-again"},
            content_type="application/json",
            headers={"Saleor-Api-Url": saleor.api_url},
        )
    assert installed.status_code == 200
    _assert_points_here(installation, staff_api, printful)


def test_the_sweep_removes_the_webhook_of_an_installation_no_longer_served(
    installation: Installation,
    staff_api: StaffApi,
    printful: FakePrintful,
    django_capture_on_commit_callbacks: Any,
) -> None:
    # given a registered partner whose installation was deactivated without its removal running
    capture = django_capture_on_commit_callbacks
    team(installation)
    _saved(installation, staff_api, capture, _input(printful))
    Installation.objects.filter(pk=installation.pk).update(is_active=False)

    # when the sweep runs, the webhook is removed
    assert partners_webhook_removal_due() == [PrintPartner.objects.get().pk]
    assert remove_due_partner_webhooks() == 1
    assert printful.webhook_config is None


def test_a_printful_partner_with_a_job_in_flight_stays_on_its_store_but_takes_a_new_key(
    installation: Installation,
    staff_api: StaffApi,
    printful: FakePrintful,
    django_capture_on_commit_callbacks: Any,
) -> None:
    # given a Printful partner with a job in flight at its store
    capture = django_capture_on_commit_callbacks
    team(installation)
    partner_id = _saved(installation, staff_api, capture, _input(printful))
    sent(installation, PrintPartner.objects.get(), "8601", capture)
    before = list(PrintPartner.objects.values())
    other_store = {**_input(printful), "printful": {"storeId": "9999", "variantIds": "{}"}}

    # when a manager points it at another store, then it is refused and nothing changes
    answer = staff_api.as_user(installation, MANAGER, UPDATE, {"id": partner_id, "in": other_store})
    [error] = answer["data"]["printPartnerUpdate"]["errors"]
    assert (error["field"], error["code"]) == ("printful", "PARTNER_JOBS_IN_FLIGHT")
    assert list(PrintPartner.objects.values()) == before
    _assert_points_here(installation, staff_api, printful)

    # when the manager rotates its API key for the same store, it is taken
    _saved(
        installation,
        staff_api,
        capture,
        _input(printful, apiKey="rotated-printful-key"),
        partner_id,
    )
    assert PrintPartner.objects.get().api_key == "rotated-printful-key"
