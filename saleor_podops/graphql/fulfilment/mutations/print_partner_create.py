from __future__ import annotations

from typing import Any

import graphene

from saleor_podops.fulfilment.configuration import PartnerInput, print_partner_create
from saleor_podops.partners.models import PartnerKind

from ...core.auth import person_of, require_manager
from ..types import PartnerKindEnum, PrintPartner
from .base import FulfilmentMutation


class PrintPartnerInput(graphene.InputObjectType):
    name = graphene.String(required=True)
    kind = PartnerKindEnum(required=True)
    endpoint_url = graphene.String(default_value="")
    secret = graphene.String(description="Shared HMAC secret; leave out to keep the stored one.")
    rate_per_minute = graphene.Int(default_value=60)
    burst = graphene.Int(default_value=10)
    is_active = graphene.Boolean(default_value=True)


def partner_input(data: dict[str, Any]) -> PartnerInput:
    return PartnerInput(
        name=data["name"],
        kind=PartnerKind(data["kind"]),
        endpoint_url=data.get("endpoint_url") or "",
        secret=data.get("secret"),
        rate_per_minute=data.get("rate_per_minute", 60),
        burst=data.get("burst", 10),
        is_active=data.get("is_active", True),
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
