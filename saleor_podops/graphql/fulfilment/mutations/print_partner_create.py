from __future__ import annotations

from typing import Any

import graphene
from django.core.exceptions import ValidationError

from saleor_podops.fulfilment.configuration import (
    PartnerInput,
    PrintfulOptions,
    print_partner_create,
)
from saleor_podops.partners.models import PartnerKind

from ...core.auth import person_of, require_manager
from ..types import PartnerKindEnum, PrintPartner
from .base import FulfilmentMutation


class PrintfulSettingsInput(graphene.InputObjectType):
    store_id = graphene.String(default_value="", description="For account-level API tokens.")
    variant_ids = graphene.JSONString(
        description="SKU (or product type slug) -> Printful catalog variant id, e.g. "
        '{"POSTER-A3": 1, "portrait": 4012}.'
    )
    file_placements = graphene.JSONString(
        description="Product type slug -> Printful file placement (default: default)."
    )
    shipping_methods = graphene.JSONString(
        description="Saleor shipping method name -> Printful shipping (default: STANDARD)."
    )


class PrintPartnerInput(graphene.InputObjectType):
    name = graphene.String(required=True)
    kind = PartnerKindEnum(required=True)
    endpoint_url = graphene.String(
        default_value="",
        description="Generic HTTP: the job endpoint. Printful: its API address (default "
        "https://api.printful.com).",
    )
    secret = graphene.String(description="Shared HMAC secret; leave out to keep the stored one.")
    api_key = graphene.String(
        description="Printful: the API key (private token), stored encrypted and never shown; "
        "leave out to keep the stored one."
    )
    printful = PrintfulSettingsInput(description="Printful: its settings; leave out to keep them.")
    rotate_webhook_token = graphene.Boolean(
        default_value=False,
        description="Printful: a new secret token in the webhook URL (the old URL stops working).",
    )
    rate_per_minute = graphene.Int(default_value=60)
    burst = graphene.Int(default_value=10)
    is_active = graphene.Boolean(default_value=True)


def _mapping(value: Any, field: str) -> dict[str, Any]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise ValidationError({"printful": ValidationError(f"{field}: a JSON object", "INVALID")})
    return value


def partner_input(data: dict[str, Any]) -> PartnerInput:
    printful = data.get("printful")
    return PartnerInput(
        name=data["name"],
        kind=PartnerKind(data["kind"]),
        endpoint_url=data.get("endpoint_url") or "",
        secret=data.get("secret"),
        rate_per_minute=data.get("rate_per_minute", 60),
        burst=data.get("burst", 10),
        is_active=data.get("is_active", True),
        api_key=data.get("api_key"),
        printful=None
        if printful is None
        else PrintfulOptions(
            store_id=(printful.get("store_id") or "").strip(),
            variant_ids=_mapping(printful.get("variant_ids"), "variantIds"),
            file_placements=_mapping(printful.get("file_placements"), "filePlacements"),
            shipping_methods=_mapping(printful.get("shipping_methods"), "shippingMethods"),
        ),
        rotate_webhook_token=bool(data.get("rotate_webhook_token")),
    )


class PrintPartnerCreate(FulfilmentMutation):
    class Arguments:
        input = PrintPartnerInput(required=True)

    class Meta:
        description = "Managers: add a print partner."

    partner = graphene.Field(PrintPartner)

    @classmethod
    def act(cls, info: graphene.ResolveInfo, **data: Any) -> Any:
        identity = require_manager(info)
        partner = print_partner_create(
            installation=identity.installation,
            data=partner_input(data["input"]),
            person=person_of(identity),
        )
        return cls(partner=partner, errors=[])
