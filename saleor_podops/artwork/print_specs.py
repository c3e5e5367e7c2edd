"""Print sizes per product type (per installation), read as ``imaging.PrintSize``.

A product type's own spec wins; a product type without one uses the shop's default spec (stored as
the row with an empty product type slug: Saleor's product type slugs are never empty); with neither,
no resolution check is made. A change applies to the checks made from then on: the print checks
already recorded with customer photos and artwork versions stay as they were.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from enum import StrEnum

from django.core.exceptions import ValidationError
from django.db import transaction

from saleor_podops.audit.changes import settings_change_record
from saleor_podops.audit.models import SettingsArea
from saleor_podops.production.models import ProductionItem
from saleor_podops.production.timeline import SYSTEM, Actor
from saleor_podops.saleor.models import Installation

from .error_codes import PrintSpecErrorCode
from .imaging import PrintSize
from .models import PrintSpec

# The row holding the shop's default spec.
SHOP_DEFAULT_SLUG = ""
# What a spec gets when only its size is given: a print is refused below 150 DPI and warned about
# below 300 DPI (the usual photo print thresholds).
DEFAULT_MIN_DPI = PrintSpec.DEFAULT_MIN_DPI
DEFAULT_WARN_DPI = PrintSpec.DEFAULT_WARN_DPI
MAX_PRINT_INCHES = Decimal(1000)
MAX_DPI = 2400
_CENTS = Decimal("0.01")
# Saleor's product type slugs: letters (any script), digits, hyphens and underscores.
_SLUG = re.compile(r"^[-\w]+\Z")
_SLUG_MAX_LENGTH = 255


class PrintSpecSource(StrEnum):
    """Where the spec that applies to a product type comes from."""

    PRODUCT_TYPE = "PRODUCT_TYPE"
    SHOP_DEFAULT = "SHOP_DEFAULT"
    NONE = "NONE"


@dataclass(frozen=True)
class ProductTypePrintSpec:
    product_type_slug: str
    source: PrintSpecSource
    spec: PrintSpec | None


@dataclass(frozen=True)
class PrintSpecsOverview:
    shop_default: PrintSpec | None
    product_types: list[ProductTypePrintSpec]


def print_size_of(spec: PrintSpec) -> PrintSize:
    return PrintSize(
        width_in=spec.print_width_in,
        height_in=spec.print_height_in,
        min_dpi=spec.min_dpi,
        warn_dpi=spec.warn_dpi,
    )


def print_size_for(*, installation_id: int, product_type_slug: str) -> PrintSize | None:
    """The print size of a product type: its own, else the shop's default, else None (then no
    resolution check can be made)."""
    specs = {
        spec.product_type_slug: spec
        for spec in PrintSpec.objects.filter(
            installation_id=installation_id,
            product_type_slug__in={product_type_slug, SHOP_DEFAULT_SLUG},
        )
    }
    spec = specs.get(product_type_slug) or specs.get(SHOP_DEFAULT_SLUG)
    return print_size_of(spec) if spec is not None else None


def print_specs_overview(*, installation_id: int) -> PrintSpecsOverview:
    """The shop's default and, for every product type PodOps knows (one with a spec of its own or
    with production items), the spec that applies to it and where it comes from. Two queries."""
    specs = {
        spec.product_type_slug: spec
        for spec in PrintSpec.objects.filter(installation_id=installation_id)
    }
    seen = (
        ProductionItem.objects.filter(installation_id=installation_id)
        .exclude(product_type_slug="")
        .values_list("product_type_slug", flat=True)
        .order_by()  # no default ordering: DISTINCT over the slug alone
        .distinct()
    )
    shop_default = specs.pop(SHOP_DEFAULT_SLUG, None)
    rows = []
    for slug in sorted(set(seen) | set(specs)):
        if slug in specs:
            rows.append(ProductTypePrintSpec(slug, PrintSpecSource.PRODUCT_TYPE, specs[slug]))
        elif shop_default is not None:
            rows.append(ProductTypePrintSpec(slug, PrintSpecSource.SHOP_DEFAULT, shop_default))
        else:
            rows.append(ProductTypePrintSpec(slug, PrintSpecSource.NONE, None))
    return PrintSpecsOverview(shop_default=shop_default, product_types=rows)


def print_spec_target(product_type_slug: str | None) -> str:
    """The slug a staff request names: None is the shop's default. An empty slug is refused
    rather than read as the default."""
    if product_type_slug is None:
        return SHOP_DEFAULT_SLUG
    if product_type_slug == SHOP_DEFAULT_SLUG:
        raise ValidationError(
            {
                "product_type_slug": ValidationError(
                    "Name the product type, or leave it out for the shop's default",
                    code=PrintSpecErrorCode.INVALID_PRODUCT_TYPE,
                )
            }
        )
    return product_type_slug


def _slug_errors(product_type_slug: str) -> list[ValidationError]:
    if product_type_slug == SHOP_DEFAULT_SLUG:
        return []
    if len(product_type_slug) > _SLUG_MAX_LENGTH or not _SLUG.match(product_type_slug):
        return [
            ValidationError(
                "A product type slug has letters, digits, hyphens and underscores "
                f"(at most {_SLUG_MAX_LENGTH})",
                code=PrintSpecErrorCode.INVALID_PRODUCT_TYPE,
            )
        ]
    return []


def _inches_errors(value: Decimal, label: str) -> list[ValidationError]:
    try:
        precise = value.is_finite() and value == value.quantize(_CENTS)
    except InvalidOperation:
        precise = False
    if not precise or not Decimal(0) < value <= MAX_PRINT_INCHES:
        return [
            ValidationError(
                f"The {label} is more than 0 and at most {MAX_PRINT_INCHES} inches, "
                "with at most two decimals",
                code=PrintSpecErrorCode.INVALID_SIZE,
            )
        ]
    return []


def _dpi_errors(size: PrintSize) -> dict[str, list[ValidationError]]:
    errors: dict[str, list[ValidationError]] = {}
    for field, value, label in (
        ("min_dpi", size.min_dpi, "minimum"),
        ("warn_dpi", size.warn_dpi, "warning"),
    ):
        if not 1 <= value <= MAX_DPI:
            errors[field] = [
                ValidationError(
                    f"The {label} DPI is between 1 and {MAX_DPI}",
                    code=PrintSpecErrorCode.INVALID_DPI,
                )
            ]
    if not errors and size.min_dpi > size.warn_dpi:
        errors["warn_dpi"] = [
            ValidationError(
                "The warning DPI is at least the minimum DPI (prints under the minimum are "
                "refused, under the warning DPI only flagged)",
                code=PrintSpecErrorCode.INVALID_DPI,
            )
        ]
    return errors


def print_spec_check(*, product_type_slug: str, size: PrintSize) -> None:
    """Every problem of a spec at once, as a ValidationError per field; nothing when it is fine."""
    errors: dict[str, list[ValidationError]] = {}
    if slug_errors := _slug_errors(product_type_slug):
        errors["product_type_slug"] = slug_errors
    for field, value, label in (
        ("print_width_in", size.width_in, "print width"),
        ("print_height_in", size.height_in, "print height"),
    ):
        if size_errors := _inches_errors(value, label):
            errors[field] = size_errors
    errors.update(_dpi_errors(size))
    if errors:
        raise ValidationError(errors)


def _spec_values(spec: PrintSpec | None) -> dict[str, object]:
    if spec is None:
        return {}
    return {
        "print_width_in": spec.print_width_in,
        "print_height_in": spec.print_height_in,
        "min_dpi": spec.min_dpi,
        "warn_dpi": spec.warn_dpi,
    }


def _record(
    installation: Installation,
    product_type_slug: str,
    actor: Actor,
    before: PrintSpec | None,
    after: PrintSpec | None,
) -> None:
    """In the settings history; the shop's default spec has no subject."""
    settings_change_record(
        installation=installation,
        area=SettingsArea.PRINT_SPEC,
        actor=actor,
        subject=product_type_slug,
        before=_spec_values(before),
        after=_spec_values(after),
    )


def print_spec_set(
    *,
    installation: Installation,
    product_type_slug: str,
    size: PrintSize,
    actor: Actor = SYSTEM,
) -> PrintSpec:
    """Create or change a product type's print spec (``SHOP_DEFAULT_SLUG``: the shop's default).
    An invalid spec raises ValidationError (codes: ``PrintSpecErrorCode``) and changes nothing."""
    print_spec_check(product_type_slug=product_type_slug, size=size)
    with transaction.atomic():
        previous = (
            PrintSpec.objects.select_for_update()
            .filter(installation=installation, product_type_slug=product_type_slug)
            .first()
        )
        spec, _ = PrintSpec.objects.update_or_create(
            installation=installation,
            product_type_slug=product_type_slug,
            defaults={
                "print_width_in": size.width_in.quantize(_CENTS),
                "print_height_in": size.height_in.quantize(_CENTS),
                "min_dpi": size.min_dpi,
                "warn_dpi": size.warn_dpi,
            },
        )
        _record(installation, product_type_slug, actor, previous, spec)
    return spec


def print_spec_delete(
    *, installation: Installation, product_type_slug: str, actor: Actor = SYSTEM
) -> None:
    """Remove a product type's own spec (it then uses the shop's default), or the shop's default
    (``SHOP_DEFAULT_SLUG``: product types without a spec are then not checked)."""
    with transaction.atomic():
        previous = (
            PrintSpec.objects.select_for_update()
            .filter(installation=installation, product_type_slug=product_type_slug)
            .first()
        )
        if previous is not None:
            PrintSpec.objects.filter(pk=previous.pk).delete()
            _record(installation, product_type_slug, actor, previous, None)
    if previous is None:
        what = (
            "The shop has no default print spec"
            if product_type_slug == SHOP_DEFAULT_SLUG
            else (f"The product type {product_type_slug[:64]!r} has no print spec of its own")
        )
        raise ValidationError(
            {"product_type_slug": ValidationError(what, code=PrintSpecErrorCode.NOT_FOUND)}
        )
