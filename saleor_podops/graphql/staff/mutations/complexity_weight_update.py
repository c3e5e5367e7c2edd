from __future__ import annotations

from typing import Any

import graphene

from saleor_podops.staff.actions import complexity_weight_set

from ...core.auth import actor_of_identity, require_manager
from ...core.mutations import BaseMutation
from ..types import ComplexityWeight, StaffError


class ComplexityWeightUpdate(BaseMutation):
    class Arguments:
        product_type_slug = graphene.String(required=True)
        weight = graphene.Int(required=True, description="Work units an item takes (1-100).")

    class Meta:
        description = "Set how many work units an item of a product type takes (default 1)."

    error_type = StaffError
    errors = graphene.List(graphene.NonNull(StaffError), required=True)
    complexity_weight = graphene.Field(ComplexityWeight)

    @classmethod
    def perform_mutation(
        cls, root: Any, info: graphene.ResolveInfo, product_type_slug: str, weight: int
    ) -> Any:
        identity = require_manager(info)
        row = complexity_weight_set(
            installation=identity.installation,
            product_type_slug=product_type_slug,
            weight=weight,
            actor=actor_of_identity(identity),
        )
        return cls(complexity_weight=row, errors=[])
