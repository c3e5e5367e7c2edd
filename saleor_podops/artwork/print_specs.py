"""Print sizes per product type (per installation), read as ``imaging.PrintSize``."""

from __future__ import annotations

from saleor_podops.saleor.models import Installation

from .imaging import PrintSize
from .models import PrintSpec


def print_size_for(*, installation_id: int, product_type_slug: str) -> PrintSize | None:
    """The print size of a product type, or None when the shop has not configured one (then no
    resolution check can be made)."""
    if not product_type_slug:
        return None
    spec = PrintSpec.objects.filter(
        installation_id=installation_id, product_type_slug=product_type_slug
    ).first()
    if spec is None:
        return None
    return PrintSize(
        width_in=spec.print_width_in,
        height_in=spec.print_height_in,
        min_dpi=spec.min_dpi,
        warn_dpi=spec.warn_dpi,
    )


def print_spec_set(
    *,
    installation: Installation,
    product_type_slug: str,
    size: PrintSize,
) -> PrintSpec:
    """Create or change a product type's print size (the staff settings page calls this)."""
    spec, _ = PrintSpec.objects.update_or_create(
        installation=installation,
        product_type_slug=product_type_slug,
        defaults={
            "print_width_in": size.width_in,
            "print_height_in": size.height_in,
            "min_dpi": size.min_dpi,
            "warn_dpi": size.warn_dpi,
        },
    )
    return spec
