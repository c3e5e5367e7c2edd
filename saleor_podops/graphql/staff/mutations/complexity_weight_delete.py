from __future__ import annotations

from typing import Any

import graphene

from saleor_podops.staff.actions import complexity_weight_delete

from ...core.auth import actor_of_identity, require_manager
from ...core.mutations import BaseMutation
from ..types import StaffError


class ComplexityWeightDelete(BaseMutation):
    class Arguments:
        product_type_slug = graphene.String(required=True)

    class Meta:
        description = (
            "Managers: remove a product type's complexity weight, so its items take 1 unit again "
            "(as setting it to 1 does: items already held keep the units they were assigned with)."
        )

    error_type = StaffError
    errors = graphene.List(graphene.NonNull(StaffError), required=True)

    @classmethod
    def perform_mutation(cls, root: Any, info: graphene.ResolveInfo, product_type_slug: str) -> Any:
        identity = require_manager(info)
        complexity_weight_delete(
            installation=identity.installation,
            product_type_slug=product_type_slug,
            actor=actor_of_identity(identity),
        )
        return cls(errors=[])
