"""A Printful partner in the settings audit log: its API key and webhook token are recorded as
changed, never by value; its Printful settings by value."""

from __future__ import annotations

import json
from typing import Any

import pytest

from saleor_podops.audit.models import SettingsChange
from saleor_podops.partners.models import PrintPartner
from saleor_podops.saleor.models import Installation

from ..partners.fake_printful import API_KEY, FakePrintful
from ..staff_api import MANAGER, StaffApi, team

pytestmark = pytest.mark.django_db

SAVE = """
mutation($in: PrintPartnerInput!) {
  printPartnerCreate(input: $in) { partner { id } errors { field code } }
}
"""
UPDATE = """
mutation($id: ID!, $in: PrintPartnerInput!) {
  printPartnerUpdate(id: $id, input: $in) { errors { field code } }
}
"""
NEW_KEY = "pf-private-token-rotated-9876543210"


def test_a_printful_partners_key_and_token_are_logged_as_changed_only(
    installation: Installation, staff_api: StaffApi, printful: FakePrintful
) -> None:
    # given a switched-off Printful partner (it registers no webhooks)
    team(installation)
    base = {
        "name": "Printful",
        "kind": "PRINTFUL",
        "endpointUrl": printful.url,
        "printful": {"storeId": "4321"},
        "isActive": False,
    }
    created = staff_api.as_user(installation, MANAGER, SAVE, {"in": {**base, "apiKey": API_KEY}})
    partner_id = created["data"]["printPartnerCreate"]["partner"]["id"]
    first_token = PrintPartner.objects.get().webhook_token

    # when a manager gives it a new key, a new webhook token and another store
    answer = staff_api.as_user(
        installation,
        MANAGER,
        UPDATE,
        {
            "id": partner_id,
            "in": {
                **base,
                "apiKey": NEW_KEY,
                "rotateWebhookToken": True,
                "printful": {"storeId": "5555"},
            },
        },
    )

    # then the update's row says the key and token changed, and shows the store ids
    assert answer["data"]["printPartnerUpdate"]["errors"] == []
    update, create = SettingsChange.objects.order_by("-created_at", "-id")
    assert create.after["api_key"] == create.after["webhook_token"] == "(changed)"
    assert create.before["api_key"] == "(not set)"
    store = {"variant_ids": {}, "file_placements": {}, "shipping_methods": {}}
    assert update.before == {
        "api_key": "(set)",
        "webhook_token": "(set)",
        "options": {**store, "store_id": "4321"},
    }
    assert update.after == {
        "api_key": "(changed)",
        "webhook_token": "(changed)",
        "options": {**store, "store_id": "5555"},
    }
    stored = json.dumps(list(SettingsChange.objects.values()), default=str)
    for secret in (API_KEY, NEW_KEY, first_token, PrintPartner.objects.get().webhook_token):
        assert secret not in stored


def test_saving_a_printful_partner_unchanged_logs_nothing(
    installation: Installation, staff_api: StaffApi, printful: FakePrintful
) -> None:
    team(installation)
    data: dict[str, Any] = {
        "name": "Printful",
        "kind": "PRINTFUL",
        "endpointUrl": printful.url,
        "apiKey": API_KEY,
        "printful": {"storeId": "4321"},
        "isActive": False,
    }
    created = staff_api.as_user(installation, MANAGER, SAVE, {"in": data})
    partner_id = created["data"]["printPartnerCreate"]["partner"]["id"]

    # the same key again, and the key left out (kept): nothing changed
    staff_api.as_user(installation, MANAGER, UPDATE, {"id": partner_id, "in": data})
    staff_api.as_user(
        installation, MANAGER, UPDATE, {"id": partner_id, "in": {**data, "apiKey": None}}
    )

    assert SettingsChange.objects.count() == 1
