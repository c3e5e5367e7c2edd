from __future__ import annotations

from typing import Any

import graphene

from saleor_podops.workflow.flow import (
    FlowSwitches,
    flow_settings_for,
    flow_settings_update,
    product_type_flow_update,
)

from ...core.auth import actor_of_identity, require_manager
from ...core.enums import ProductionStageEnum, RoleEnum
from ..types import FlowSettings
from .base import WorkflowMutation


class SkipRuleInput(graphene.InputObjectType):
    stage = ProductionStageEnum(required=True)
    roles = graphene.List(graphene.NonNull(RoleEnum), required=True)


class FlowSettingsInput(graphene.InputObjectType):
    image_review_enabled = graphene.Boolean()
    artwork_qc_enabled = graphene.Boolean()
    customer_approval_enabled = graphene.Boolean()
    skip_rules = graphene.List(
        graphene.NonNull(SkipRuleInput), description="Installation-wide only."
    )


def _value(enum_value: Any) -> str:
    return str(getattr(enum_value, "value", enum_value))


class FlowSettingsUpdate(WorkflowMutation):
    class Arguments:
        input = FlowSettingsInput(required=True)
        product_type_slug = graphene.String(
            description="Override for one product type (null switches follow the installation; "
            "all null removes the override). Without it: the installation's settings."
        )

    class Meta:
        description = (
            "Change which optional stages are on and who may skip. Items already in a stage "
            "that is switched off finish it; their next move skips it."
        )

    flow_settings = graphene.Field(FlowSettings)

    @classmethod
    def perform_mutation(
        cls,
        root: Any,
        info: graphene.ResolveInfo,
        input: dict[str, Any],
        product_type_slug: str | None = None,
    ) -> Any:
        identity = require_manager(info)
        switches = FlowSwitches(
            image_review_enabled=input.get("image_review_enabled"),
            artwork_qc_enabled=input.get("artwork_qc_enabled"),
            customer_approval_enabled=input.get("customer_approval_enabled"),
        )
        if product_type_slug is not None:
            product_type_flow_update(
                installation=identity.installation,
                product_type_slug=product_type_slug,
                switches=switches,
                actor=actor_of_identity(identity),
            )
            return cls(flow_settings=flow_settings_for(identity.installation), errors=[])
        skip_rules = input.get("skip_rules")
        settings = flow_settings_update(
            installation=identity.installation,
            switches=switches,
            skip_roles=(
                {
                    _value(rule["stage"]): [_value(role) for role in rule["roles"]]
                    for rule in skip_rules
                }
                if skip_rules is not None
                else None
            ),
            actor=actor_of_identity(identity),
        )
        return cls(flow_settings=settings, errors=[])
