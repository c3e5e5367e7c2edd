"""Printful keeps one webhook URL per store, so an installation has one partner on a store at a time:
a partner that would register the store's webhooks (saved active, switched on, or a reprint at a
switched-off one) is refused while another partner of the installation wants that store's (active,
or switched off with jobs in flight); nothing is saved and the store's webhook stays where it is."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from saleor_podops.fulfilment.error_codes import FulfilmentError, FulfilmentErrorCode
from saleor_podops.fulfilment.models import DefectReason, JobLine, PartnerJob
from saleor_podops.fulfilment.qa import line_reprint
from saleor_podops.fulfilment.tasks import remove_due_partner_webhooks
from saleor_podops.partners.models import PartnerKind, PrintPartner, same_printful_store
from saleor_podops.saleor.models import Installation

from ..partners.fake_printful import STORE_ID, FakePrintful
from ..staff_api import MANAGER, StaffApi, team
from .builders import MANAGER_P
from .test_printful_flow import sent
from .test_printful_webhook_removal import SAVE, UPDATE, _input, _post, _saved

pytestmark = pytest.mark.django_db

IN_USE = (
    "Printful uses this Printful store already, and Printful sends a store's webhooks to one URL "
    "(two partners would take it from each other): change Printful instead, or switch it off "
    "once it has no jobs in flight"
)
IN_FLIGHT = (
    "Printful still hears from this Printful store about its jobs in flight, and Printful sends "
    "a store's webhooks to one URL (two partners would take it from each other): this partner "
    "can use the store once they are done"
)


def _refused(answer: dict[str, Any], mutation: str, message: str) -> None:
    assert answer["data"][mutation] == {
        "partner": None,
        "errors": [{"field": "printful", "code": "PRINTFUL_STORE_IN_USE", "message": message}],
    }


def _second(fake: FakePrintful, **changes: Any) -> dict[str, Any]:
    """A second partner on the first one's store."""
    return {**_input(fake), "name": "Printful EU", **changes}


@pytest.mark.parametrize(
    "changes",
    [
        {"apiKey": "pf-another-token-0123456789"},  # the same store id, another key
        {"printful": {"storeId": ""}},  # the same key, its only store
    ],
)
def test_a_second_active_partner_on_a_store_is_refused_and_nothing_is_saved(
    installation: Installation,
    staff_api: StaffApi,
    printful: FakePrintful,
    django_capture_on_commit_callbacks: Any,
    changes: dict[str, Any],
) -> None:
    # given an active Printful partner whose store posts to PodOps
    capture = django_capture_on_commit_callbacks
    team(installation)
    _saved(installation, staff_api, capture, _input(printful))
    first = PrintPartner.objects.get()
    printful.requests.clear()
    before = list(PrintPartner.objects.values())

    # when a manager adds another active partner on the same store
    with capture(execute=True):
        answer = staff_api.as_user(
            installation, MANAGER, SAVE, {"in": _second(printful, **changes)}
        )

    # then it is refused: nothing saved, nothing asked of Printful, the webhook stays the first's
    _refused(answer, "printPartnerCreate", IN_USE)
    assert list(PrintPartner.objects.values()) == before
    assert printful.requests == []
    assert printful.webhook_config is not None
    assert printful.webhook_config["url"] == first.webhook_url()


def test_a_partner_on_a_used_store_is_switched_on_once_the_other_is_done_with_it(
    installation: Installation,
    staff_api: StaffApi,
    printful: FakePrintful,
    client: Client,
    django_capture_on_commit_callbacks: Any,
) -> None:
    # given an active partner with a job in flight, and a switched-off one on the same store
    # (saved switched off, it registers nothing)
    capture = django_capture_on_commit_callbacks
    team(installation)
    first_id = _saved(installation, staff_api, capture, _input(printful))
    first = PrintPartner.objects.get()
    sent(installation, first, "8601", capture)
    second_id = _saved(installation, staff_api, capture, _second(printful, isActive=False))
    assert printful.webhook_config is not None
    assert printful.webhook_config["url"] == first.webhook_url()

    # when a manager switches the second on: refused, nothing changes
    before = list(PrintPartner.objects.order_by("pk").values())
    variables = {"id": second_id, "in": _second(printful)}
    with capture(execute=True):
        answer = staff_api.as_user(installation, MANAGER, UPDATE, variables)
    _refused(answer, "printPartnerUpdate", IN_USE)
    assert list(PrintPartner.objects.order_by("pk").values()) == before

    # when the first is switched off, its job still in flight: still refused
    _saved(installation, staff_api, capture, _input(printful, isActive=False), first_id)
    with capture(execute=True):
        answer = staff_api.as_user(installation, MANAGER, UPDATE, variables)
    _refused(answer, "printPartnerUpdate", IN_FLIGHT)
    assert printful.webhook_config["url"] == first.webhook_url()

    # when the first's job ships and the sweep takes its webhook away, the second is taken and
    # the store posts to it
    shipment = printful.ship(printful.only_order()["id"], "TN-1")
    assert (
        _post(client, first, printful, "package_shipped", shipment_id=shipment).status_code == 200
    )
    assert remove_due_partner_webhooks() == 1
    assert _saved(installation, staff_api, capture, _second(printful), second_id) == second_id
    second = PrintPartner.objects.get(name="Printful EU")
    assert printful.webhook_config is not None
    assert printful.webhook_config["url"] == second.webhook_url()


def test_a_reprint_at_a_switched_off_partner_whose_store_another_uses_is_refused(
    installation: Installation,
    staff_api: StaffApi,
    printful: FakePrintful,
    client: Client,
    django_capture_on_commit_callbacks: Any,
) -> None:
    # given a switched-off partner whose job shipped, and another partner now on its store
    capture = django_capture_on_commit_callbacks
    team(installation)
    first_id = _saved(installation, staff_api, capture, _input(printful))
    first = PrintPartner.objects.get()
    _order, job = sent(installation, first, "8701", capture)
    shipment = printful.ship(printful.only_order()["id"], "TN-1")
    assert (
        _post(client, first, printful, "package_shipped", shipment_id=shipment).status_code == 200
    )
    _saved(installation, staff_api, capture, _input(printful, isActive=False), first_id)
    _saved(installation, staff_api, capture, _second(printful))
    second = PrintPartner.objects.get(name="Printful EU")
    printful.requests.clear()

    # when a manager reprints the first's line (it came back damaged)
    with pytest.raises(FulfilmentError) as refused, capture(execute=True):
        line_reprint(line=job.lines.get(), person=MANAGER_P, reason=DefectReason.DAMAGED)

    # then it is refused: no job made, nothing asked of Printful, the store posts to the second
    assert refused.value.code == FulfilmentErrorCode.PRINTFUL_STORE_IN_USE
    assert refused.value.message_text == (
        "Printful EU uses the Printful store of Printful (switched off) now, and Printful sends a "
        "store's webhooks to one URL: a reprint at Printful would take them from Printful EU. "
        "Reprint it by hand and resolve the job"
    )
    assert (PartnerJob.objects.count(), JobLine.objects.count()) == (1, 1)
    assert printful.requests == []
    assert printful.webhook_config is not None
    assert printful.webhook_config["url"] == second.webhook_url()


def _printful(api_key: str, store_id: str = "", api_url: str = "") -> PrintPartner:
    partner = PrintPartner(kind=PartnerKind.PRINTFUL, endpoint_url=api_url)
    partner.set_api_key(api_key)
    partner.options = {"store_id": store_id}
    return partner


@pytest.mark.parametrize(
    ("first", "second", "same"),
    [
        # a store id names the store, whatever the key
        (("key-a", STORE_ID), ("key-b", STORE_ID), True),
        (("key-a", STORE_ID), ("key-a", "9999"), False),
        # without one, a key names its store (a store token, or an account's only store)
        (("key-a", ""), ("key-a", ""), True),
        (("key-a", STORE_ID), ("key-a", ""), True),
        (("key-a", ""), ("key-b", ""), False),
        (("key-a", STORE_ID), ("key-b", ""), False),
        # at the same API address (its default spelt out or not)
        (("key-a", STORE_ID, "https://API.printful.com/"), ("key-a", STORE_ID), True),
        (("key-a", STORE_ID, "https://printful-proxy.example"), ("key-a", STORE_ID), False),
    ],
)
def test_which_partners_are_on_one_store(
    first: tuple[str, ...], second: tuple[str, ...], same: bool
) -> None:
    assert same_printful_store(_printful(*first), _printful(*second)) is same
    assert same_printful_store(_printful(*second), _printful(*first)) is same
