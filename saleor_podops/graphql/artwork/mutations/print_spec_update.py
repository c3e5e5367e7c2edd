from __future__ import annotations

from typing import Any

import graphene

from saleor_podops.artwork.imaging import PrintSize
from saleor_podops.artwork.print_specs import (
    DEFAULT_MIN_DPI,
    DEFAULT_WARN_DPI,
    print_spec_set,
    print_spec_target,
)

from ...core.auth import actor_of_identity, require_manager
from ...core.mutations import BaseMutation
from ..types import PrintSpec, PrintSpecError


class PrintSpecInput(graphene.InputObjectType):
    print_width_in = graphene.Decimal(required=True, description="Inches, more than 0.")
    print_height_in = graphene.Decimal(required=True, description="Inches, more than 0.")
    min_dpi = graphene.Int(
        default_value=DEFAULT_MIN_DPI, description="Files printing under it are refused."
    )
    warn_dpi = graphene.Int(
        default_value=DEFAULT_WARN_DPI,
        description="Files printing under it are flagged (at least minDpi).",
    )


def _or_default(value: int | None, default: int) -> int:
    return default if value is None else value


class PrintSpecUpdate(BaseMutation):
    class Arguments:
        product_type_slug = graphene.String(
            description="The product type; without it: the shop's default, used by every product "
            "type without a spec of its own."
        )
        input = PrintSpecInput(required=True)

    class Meta:
        description = (
            "Managers: set the print size and resolution rules of a product type (or the shop's "
            "default). Checks made from then on use it; recorded print checks stay as they were."
        )

    error_type = PrintSpecError
    errors = graphene.List(graphene.NonNull(PrintSpecError), required=True)
    print_spec = graphene.Field(PrintSpec)

    @classmethod
    def perform_mutation(
        cls,
        root: Any,
        info: graphene.ResolveInfo,
        input: dict[str, Any],
        product_type_slug: str | None = None,
    ) -> Any:
        identity = require_manager(info)
        spec = print_spec_set(
            installation=identity.installation,
            product_type_slug=print_spec_target(product_type_slug),
            size=PrintSize(
                width_in=input["print_width_in"],
                height_in=input["print_height_in"],
                # an explicit null is the default too
                min_dpi=_or_default(input.get("min_dpi"), DEFAULT_MIN_DPI),
                warn_dpi=_or_default(input.get("warn_dpi"), DEFAULT_WARN_DPI),
            ),
            actor=actor_of_identity(identity),
        )
        return cls(print_spec=spec, errors=[])
