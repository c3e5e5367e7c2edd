from __future__ import annotations

from decimal import Decimal
from typing import Any

import graphene

from saleor_podops.fulfilment.configuration import fulfilment_settings_update

from ...core.auth import person_of, require_manager
from ..types import FulfilmentSettings
from .base import FulfilmentMutation, partner_of


class FulfilmentSettingsInput(graphene.InputObjectType):
    grace_minutes = graphene.Int()
    spot_check_percent = graphene.Float()
    qa_product_types = graphene.List(graphene.NonNull(graphene.String))
    batch_max_items = graphene.Int()
    express_shipping_methods = graphene.List(graphene.NonNull(graphene.String))
    high_value_threshold = graphene.Float()
    due_soon_hours = graphene.Int()
    sla_hours = graphene.JSONString(description="Stage -> hours.")
    print_methods = graphene.JSONString(description="Product type -> print method.")
    default_partner = graphene.ID()
    fallback_warehouse_id = graphene.String()


class FulfilmentSettingsUpdate(FulfilmentMutation):
    class Arguments:
        input = FulfilmentSettingsInput(required=True)

    class Meta:
        description = "Managers: change the fulfilment settings (only the fields given)."

    settings = graphene.Field(FulfilmentSettings)

    @classmethod
    def act(cls, info: graphene.ResolveInfo, **data: Any) -> Any:
        identity = require_manager(info)
        changes = dict(data["input"])
        if "default_partner" in changes and changes["default_partner"] is not None:
            changes["default_partner"] = partner_of(
                identity, changes["default_partner"], field="default_partner"
            )
        if changes.get("high_value_threshold") is not None:
            changes["high_value_threshold"] = Decimal(str(changes["high_value_threshold"]))
        settings = fulfilment_settings_update(
            installation=identity.installation, changes=changes, person=person_of(identity)
        )
        return cls(settings=settings, errors=[])
