from __future__ import annotations

from typing import Any

import graphene
from graphene_django import DjangoObjectType

from saleor_podops.workflow.models import FlowSettings as FlowSettingsModel
from saleor_podops.workflow.models import ProductTypeFlow as ProductTypeFlowModel
from saleor_podops.workflow.models import ReasonCode as ReasonCodeModel

from ..core.enums import ProductionStageEnum, RoleEnum, WorkflowErrorCodeEnum


class WorkflowError(graphene.ObjectType):
    field = graphene.String(description="The input field at fault; null for the whole input.")
    code = WorkflowErrorCodeEnum(required=True)
    message = graphene.String(required=True)


class SkipRule(graphene.ObjectType):
    stage = ProductionStageEnum(required=True)
    roles = graphene.List(graphene.NonNull(RoleEnum), required=True)


class ProductTypeFlow(DjangoObjectType):
    class Meta:
        model = ProductTypeFlowModel
        fields = (
            "product_type_slug",
            "image_review_enabled",
            "artwork_qc_enabled",
            "customer_approval_enabled",
        )


class FlowSettings(DjangoObjectType):
    skip_rules = graphene.List(
        graphene.NonNull(SkipRule),
        required=True,
        description="Who may skip each skippable stage (ADMIN always may).",
    )
    product_types = graphene.List(graphene.NonNull(ProductTypeFlow), required=True)

    class Meta:
        model = FlowSettingsModel
        fields = ("image_review_enabled", "artwork_qc_enabled", "customer_approval_enabled")

    @staticmethod
    def resolve_skip_rules(root: FlowSettingsModel, info: graphene.ResolveInfo) -> list[Any]:
        return [
            SkipRule(stage=stage, roles=sorted(roles))
            for stage, roles in sorted((root.skip_roles or {}).items())
        ]

    @staticmethod
    def resolve_product_types(root: FlowSettingsModel, info: graphene.ResolveInfo) -> Any:
        return ProductTypeFlowModel.objects.filter(installation_id=root.installation_id)


class ReasonCode(DjangoObjectType):
    class Meta:
        model = ReasonCodeModel
        fields = ("code", "label", "position", "is_active")
