from __future__ import annotations

from typing import Any

import graphene

from saleor_podops.artwork.print_specs import print_spec_delete, print_spec_target

from ...core.auth import actor_of_identity, require_manager
from ...core.mutations import BaseMutation
from ..types import PrintSpecError


class PrintSpecDelete(BaseMutation):
    class Arguments:
        product_type_slug = graphene.String(
            description="The product type (it then uses the shop's default); without it: the "
            "shop's default (product types without a spec then get no resolution check)."
        )

    class Meta:
        description = "Managers: remove a product type's own print spec, or the shop's default."

    error_type = PrintSpecError
    errors = graphene.List(graphene.NonNull(PrintSpecError), required=True)

    @classmethod
    def perform_mutation(
        cls, root: Any, info: graphene.ResolveInfo, product_type_slug: str | None = None
    ) -> Any:
        identity = require_manager(info)
        print_spec_delete(
            installation=identity.installation,
            product_type_slug=print_spec_target(product_type_slug),
            actor=actor_of_identity(identity),
        )
        return cls(errors=[])
