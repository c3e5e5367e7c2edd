"""Print specs in the staff GraphQL API: read per product type with the shop's default, set and
removed by managers, every refusal typed and leaving the specs as they were. (Who may call them:
tests/graphql/test_authorization_matrix.py.)"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from saleor_podops.artwork.imaging import PrintSize
from saleor_podops.artwork.models import PrintSpec
from saleor_podops.artwork.print_specs import SHOP_DEFAULT_SLUG, print_spec_set
from saleor_podops.saleor.models import Installation

from ..staff_api import ADMIN, ARTIST, MANAGER, StaffApi, team
from .conftest import MakeItem

pytestmark = pytest.mark.django_db

SPECS = """
{ printSpecs {
    shopDefault { productTypeSlug printWidthIn printHeightIn minDpi warnDpi }
    productTypes { productTypeSlug source spec { productTypeSlug printWidthIn printHeightIn minDpi
      warnDpi pixelsAtMinDpi { width height } pixelsAtWarnDpi { width height } } }
} }
"""
UPDATE = """
mutation Update($slug: String, $input: PrintSpecInput!) {
  printSpecUpdate(productTypeSlug: $slug, input: $input) {
    errors { field code message }
    printSpec { productTypeSlug printWidthIn printHeightIn minDpi warnDpi }
  }
}
"""
DELETE = """
mutation Delete($slug: String) {
  printSpecDelete(productTypeSlug: $slug) { errors { field code message } }
}
"""


def rows(installation: Installation) -> list[tuple[Any, ...]]:
    return list(
        PrintSpec.objects.filter(installation=installation)
        .order_by("product_type_slug")
        .values_list(
            "product_type_slug", "print_width_in", "print_height_in", "min_dpi", "warn_dpi"
        )
    )


def test_a_manager_sets_a_product_types_spec_and_reads_it_back(
    installation: Installation, staff_api: StaffApi, make_item: MakeItem
) -> None:
    team(installation)
    make_item(product_type_slug="mug")

    answer = staff_api.as_user(
        installation,
        MANAGER,
        UPDATE,
        {"slug": "poster", "input": {"printWidthIn": "18", "printHeightIn": "24.5", "minDpi": 100}},
    )

    assert answer == {
        "data": {
            "printSpecUpdate": {
                "errors": [],
                # the warning DPI was left out: the usual 300
                "printSpec": {
                    "productTypeSlug": "poster",
                    "printWidthIn": "18.00",
                    "printHeightIn": "24.50",
                    "minDpi": 100,
                    "warnDpi": 300,
                },
            }
        }
    }
    # an artist reads them (print checks are their business)
    assert staff_api.as_user(installation, ARTIST, SPECS) == {
        "data": {
            "printSpecs": {
                "shopDefault": None,
                "productTypes": [
                    {"productTypeSlug": "mug", "source": "NONE", "spec": None},
                    {
                        "productTypeSlug": "poster",
                        "source": "PRODUCT_TYPE",
                        "spec": {
                            "productTypeSlug": "poster",
                            "printWidthIn": "18.00",
                            "printHeightIn": "24.50",
                            "minDpi": 100,
                            "warnDpi": 300,
                            "pixelsAtMinDpi": {"width": 1800, "height": 2450},
                            "pixelsAtWarnDpi": {"width": 5400, "height": 7350},
                        },
                    },
                ],
            }
        }
    }


def test_the_shop_default_is_set_without_a_slug_and_applies_to_types_without_a_spec(
    installation: Installation, staff_api: StaffApi, make_item: MakeItem
) -> None:
    team(installation)
    make_item(product_type_slug="mug")

    answer = staff_api.as_user(
        installation,
        ADMIN,
        UPDATE,
        {"input": {"printWidthIn": "8", "printHeightIn": "10", "warnDpi": None}},
    )

    assert answer["data"]["printSpecUpdate"] == {
        "errors": [],
        "printSpec": {
            "productTypeSlug": None,
            "printWidthIn": "8.00",
            "printHeightIn": "10.00",
            "minDpi": 150,
            "warnDpi": 300,
        },
    }
    specs = staff_api.as_user(installation, MANAGER, SPECS)["data"]["printSpecs"]
    assert specs["shopDefault"] == {
        "productTypeSlug": None,
        "printWidthIn": "8.00",
        "printHeightIn": "10.00",
        "minDpi": 150,
        "warnDpi": 300,
    }
    assert specs["productTypes"] == [
        {
            "productTypeSlug": "mug",
            "source": "SHOP_DEFAULT",
            "spec": {
                "productTypeSlug": None,
                "printWidthIn": "8.00",
                "printHeightIn": "10.00",
                "minDpi": 150,
                "warnDpi": 300,
                "pixelsAtMinDpi": {"width": 1200, "height": 1500},
                "pixelsAtWarnDpi": {"width": 2400, "height": 3000},
            },
        }
    ]
    assert rows(installation) == [(SHOP_DEFAULT_SLUG, Decimal(8), Decimal(10), 150, 300)]


@pytest.mark.parametrize(
    ("slug", "spec", "errors"),
    [
        (
            "poster",
            {"printWidthIn": "0", "printHeightIn": "-1", "minDpi": 400, "warnDpi": 300},
            [
                {
                    "field": "printWidthIn",
                    "code": "INVALID_SIZE",
                    "message": "The print width is more than 0 and at most 1000 inches, with at "
                    "most two decimals",
                },
                {
                    "field": "printHeightIn",
                    "code": "INVALID_SIZE",
                    "message": "The print height is more than 0 and at most 1000 inches, with at "
                    "most two decimals",
                },
                {
                    "field": "warnDpi",
                    "code": "INVALID_DPI",
                    "message": "The warning DPI is at least the minimum DPI (prints under the "
                    "minimum are refused, under the warning DPI only flagged)",
                },
            ],
        ),
        (
            "poster",
            {"printWidthIn": "8", "printHeightIn": "10", "minDpi": 0},
            [
                {
                    "field": "minDpi",
                    "code": "INVALID_DPI",
                    "message": "The minimum DPI is between 1 and 2400",
                }
            ],
        ),
        (
            "",
            {"printWidthIn": "8", "printHeightIn": "10"},
            [
                {
                    "field": "productTypeSlug",
                    "code": "INVALID_PRODUCT_TYPE",
                    "message": "Name the product type, or leave it out for the shop's default",
                }
            ],
        ),
        (
            "two words",
            {"printWidthIn": "8", "printHeightIn": "10"},
            [
                {
                    "field": "productTypeSlug",
                    "code": "INVALID_PRODUCT_TYPE",
                    "message": "A product type slug has letters, digits, hyphens and "
                    "underscores (at most 255)",
                }
            ],
        ),
    ],
)
def test_an_invalid_spec_answers_typed_errors_and_changes_nothing(
    installation: Installation,
    staff_api: StaffApi,
    slug: str,
    spec: dict[str, Any],
    errors: list[dict[str, str]],
) -> None:
    team(installation)
    print_spec_set(
        installation=installation,
        product_type_slug="poster",
        size=PrintSize(Decimal(12), Decimal(18), min_dpi=120, warn_dpi=240),
    )
    before = rows(installation)

    answer = staff_api.as_user(installation, MANAGER, UPDATE, {"slug": slug, "input": spec})

    assert answer == {"data": {"printSpecUpdate": {"errors": errors, "printSpec": None}}}
    assert rows(installation) == before


def test_a_size_that_is_not_a_number_is_refused_by_the_api(
    installation: Installation, staff_api: StaffApi
) -> None:
    team(installation)

    answer = staff_api.as_user(
        installation, MANAGER, UPDATE, {"input": {"printWidthIn": "wide", "printHeightIn": "10"}}
    )

    (error,) = answer["errors"]
    assert "printWidthIn" in error["message"]
    assert rows(installation) == []


def test_removing_a_product_types_spec_falls_back_to_the_shop_default(
    installation: Installation, staff_api: StaffApi
) -> None:
    team(installation)
    staff_api.as_user(
        installation, MANAGER, UPDATE, {"input": {"printWidthIn": "8", "printHeightIn": "10"}}
    )
    staff_api.as_user(
        installation,
        MANAGER,
        UPDATE,
        {"slug": "poster", "input": {"printWidthIn": "24", "printHeightIn": "36"}},
    )

    removed = staff_api.as_user(installation, MANAGER, DELETE, {"slug": "poster"})
    again = staff_api.as_user(installation, MANAGER, DELETE, {"slug": "poster"})

    assert removed == {"data": {"printSpecDelete": {"errors": []}}}
    assert again == {
        "data": {
            "printSpecDelete": {
                "errors": [
                    {
                        "field": "productTypeSlug",
                        "code": "NOT_FOUND",
                        "message": "The product type 'poster' has no print spec of its own",
                    }
                ]
            }
        }
    }
    specs = staff_api.as_user(installation, MANAGER, SPECS)["data"]["printSpecs"]
    assert [(row["productTypeSlug"], row["source"]) for row in specs["productTypes"]] == []
    assert rows(installation) == [(SHOP_DEFAULT_SLUG, Decimal(8), Decimal(10), 150, 300)]

    staff_api.as_user(installation, MANAGER, DELETE, {})
    assert rows(installation) == []


def test_print_specs_cost_the_same_queries_for_many_product_types(
    installation: Installation, staff_api: StaffApi, make_item: MakeItem
) -> None:
    team(installation)
    size = PrintSize(Decimal(8), Decimal(10), min_dpi=150, warn_dpi=300)
    print_spec_set(installation=installation, product_type_slug=SHOP_DEFAULT_SLUG, size=size)

    def count() -> int:
        with CaptureQueriesContext(connection) as captured:
            answer = staff_api.as_user(installation, MANAGER, SPECS)
        assert "errors" not in answer, answer
        return len(captured)

    make_item(number="1", product_type_slug="type-0")
    print_spec_set(installation=installation, product_type_slug="own-0", size=size)
    few = count()
    for number in range(1, 8):
        make_item(number=str(number + 1), product_type_slug=f"type-{number}")
        print_spec_set(installation=installation, product_type_slug=f"own-{number}", size=size)
    many = count()

    assert few == many
