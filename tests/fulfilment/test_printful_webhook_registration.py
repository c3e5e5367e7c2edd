"""PodOps points a Printful store's webhooks at its own tokened URL whenever a manager saves an
active Printful partner; the outcome (registered, refused, to be tried again) is on the partner."""

from __future__ import annotations

from collections import deque
from typing import Any

import pytest

from saleor_podops.fulfilment.printful_webhooks import partner_webhook_register
from saleor_podops.partners.interface import PartnerTransientError
from saleor_podops.partners.models import PrintPartner
from saleor_podops.partners.printful import EVENTS
from saleor_podops.saleor.models import Installation

from ..partners.fake_printful import API_KEY, FakePrintful
from ..staff_api import FULFILLER, MANAGER, StaffApi, team

pytestmark = pytest.mark.django_db

SAVE = """
mutation($in: PrintPartnerInput!) {
  printPartnerCreate(input: $in) {
    partner { id webhookUrl webhookRegisteredAt webhookRegistrationError }
    errors { field code }
  }
}
"""
UPDATE = """
mutation($id: ID!, $in: PrintPartnerInput!) {
  printPartnerUpdate(id: $id, input: $in) {
    partner { webhookUrl webhookRegisteredAt webhookRegistrationError } errors { field code }
  }
}
"""
PARTNERS = "{ printPartners { webhookRegisteredAt webhookRegistrationError } }"


def _partner_input(printful: FakePrintful, **changes: Any) -> dict[str, Any]:
    return {
        "name": "Printful",
        "kind": "PRINTFUL",
        "endpointUrl": printful.url,
        "apiKey": API_KEY,
        "printful": {"storeId": "4321"},
        **changes,
    }


def test_saving_a_printful_partner_points_the_store_webhooks_at_podops(
    installation: Installation,
    staff_api: StaffApi,
    printful: FakePrintful,
    django_capture_on_commit_callbacks: Any,
) -> None:
    team(installation)
    with django_capture_on_commit_callbacks(execute=True):
        answer = staff_api.as_user(installation, MANAGER, SAVE, {"in": _partner_input(printful)})
    created = answer["data"]["printPartnerCreate"]["partner"]
    partner = PrintPartner.objects.get()

    # the store's one webhook URL is the partner's tokened URL, for the events PodOps reads
    [call] = [r for r in printful.requests if r["path"] == "/webhooks"]
    assert (call["method"], call["auth"], call["store"]) == ("POST", f"Bearer {API_KEY}", "4321")
    assert printful.webhook_config is not None
    assert printful.webhook_config["url"] == partner.webhook_url() == created["webhookUrl"]
    assert partner.webhook_token in printful.webhook_config["url"]
    assert set(printful.webhook_config["types"]) == EVENTS
    seen = staff_api.as_user(installation, FULFILLER, PARTNERS)["data"]["printPartners"]
    assert seen[0]["webhookRegisteredAt"] is not None
    assert seen[0]["webhookRegistrationError"] == ""

    # a rotated token is registered again, so Printful never posts to the retired URL
    old_url = printful.webhook_config["url"]
    with django_capture_on_commit_callbacks(execute=True):
        answer = staff_api.as_user(
            installation,
            MANAGER,
            UPDATE,
            {"id": created["id"], "in": _partner_input(printful, rotateWebhookToken=True)},
        )
    partner.refresh_from_db()
    assert printful.webhook_config["url"] == partner.webhook_url() != old_url
    assert answer["data"]["printPartnerUpdate"]["partner"]["webhookUrl"] == partner.webhook_url()


def test_an_inactive_or_other_partner_registers_nothing(
    installation: Installation,
    staff_api: StaffApi,
    printful: FakePrintful,
    django_capture_on_commit_callbacks: Any,
) -> None:
    team(installation)
    with django_capture_on_commit_callbacks(execute=True):
        staff_api.as_user(
            installation, MANAGER, SAVE, {"in": _partner_input(printful, isActive=False)}
        )
        staff_api.as_user(installation, MANAGER, SAVE, {"in": {"name": "Desk", "kind": "MANUAL"}})
    assert printful.requests == []
    assert printful.webhook_config is None


def test_a_refusal_is_kept_and_a_transient_failure_is_tried_again(
    installation: Installation,
    staff_api: StaffApi,
    printful: FakePrintful,
    django_capture_on_commit_callbacks: Any,
) -> None:
    team(installation)
    # Printful refuses (400): the reason is on the partner, nothing retried
    printful.script = deque(["400"])
    with django_capture_on_commit_callbacks(execute=True):
        staff_api.as_user(installation, MANAGER, SAVE, {"in": _partner_input(printful)})
    partner = PrintPartner.objects.get()
    assert partner.webhook_registered_at is None
    assert "HTTP 400" in partner.webhook_registration_error
    [seen] = staff_api.as_user(installation, MANAGER, PARTNERS)["data"]["printPartners"]
    assert "HTTP 400" in seen["webhookRegistrationError"]

    # Printful is down (500): kept as "will try again" and raised for the task's retry
    printful.script = deque(["500"])
    with pytest.raises(PartnerTransientError):
        partner_webhook_register(partner.pk)
    partner.refresh_from_db()
    assert partner.webhook_registration_error.startswith("Will try again")
    assert printful.webhook_config is None

    # the next try succeeds and clears the error
    assert partner_webhook_register(partner.pk) is True
    partner.refresh_from_db()
    assert (partner.webhook_registered_at is not None, partner.webhook_registration_error) == (
        True,
        "",
    )
    assert printful.webhook_config is not None


def test_a_registration_overtaken_by_a_newer_token_does_not_count(
    installation: Installation, printful: FakePrintful, monkeypatch: pytest.MonkeyPatch
) -> None:
    partner = PrintPartner(
        installation=installation, name="Printful", kind="PRINTFUL", endpoint_url=printful.url
    )
    partner.set_api_key(API_KEY)
    partner.new_webhook_token()
    partner.save()

    from saleor_podops.partners.printful import PrintfulPartner

    register = PrintfulPartner.register_webhook

    def rotate_meanwhile(self: PrintfulPartner, url: str) -> None:
        register(self, url)
        newer = PrintPartner.objects.get(pk=partner.pk)
        newer.new_webhook_token()
        newer.save()

    monkeypatch.setattr(PrintfulPartner, "register_webhook", rotate_meanwhile)
    partner_webhook_register(partner.pk)
    partner.refresh_from_db()
    assert partner.webhook_registered_at is None
