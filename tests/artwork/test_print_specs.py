"""Print specs per product type and the shop's default: which one applies, what is refused (and
then nothing changes), and the overview the settings page shows."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from saleor_podops.artwork.imaging import PrintSize
from saleor_podops.artwork.models import CustomerUpload, PrintSpec
from saleor_podops.artwork.print_specs import (
    SHOP_DEFAULT_SLUG,
    PrintSpecSource,
    print_size_for,
    print_spec_delete,
    print_spec_set,
    print_spec_target,
    print_specs_overview,
)
from saleor_podops.saleor.models import Installation

from .conftest import MakeItem
from .images import image_bytes
from .test_uploads_http import new_session, upload

pytestmark = pytest.mark.django_db

A4 = PrintSize(Decimal("8.27"), Decimal("11.69"), min_dpi=150, warn_dpi=300)
POSTER = PrintSize(Decimal(24), Decimal(36), min_dpi=100, warn_dpi=200)


def specs(installation: Installation) -> list[tuple[str, Decimal, Decimal, int, int]]:
    return list(
        PrintSpec.objects.filter(installation=installation)
        .order_by("product_type_slug")
        .values_list(
            "product_type_slug", "print_width_in", "print_height_in", "min_dpi", "warn_dpi"
        )
    )


def test_a_product_types_own_spec_wins_over_the_shop_default(installation: Installation) -> None:
    print_spec_set(installation=installation, product_type_slug=SHOP_DEFAULT_SLUG, size=A4)
    print_spec_set(installation=installation, product_type_slug="poster", size=POSTER)

    assert print_size_for(installation_id=installation.pk, product_type_slug="poster") == POSTER
    assert print_size_for(installation_id=installation.pk, product_type_slug="mug") == A4
    # an item without a product type uses the shop default too
    assert print_size_for(installation_id=installation.pk, product_type_slug="") == A4


def test_without_any_spec_nothing_is_checked_and_other_shops_specs_never_apply(
    installation: Installation, other_installation: Installation
) -> None:
    print_spec_set(installation=other_installation, product_type_slug=SHOP_DEFAULT_SLUG, size=A4)
    print_spec_set(installation=other_installation, product_type_slug="poster", size=POSTER)

    assert print_size_for(installation_id=installation.pk, product_type_slug="poster") is None
    assert print_size_for(installation_id=installation.pk, product_type_slug="") is None


def test_setting_a_spec_again_changes_the_one_row(installation: Installation) -> None:
    print_spec_set(installation=installation, product_type_slug="poster", size=A4)

    print_spec_set(installation=installation, product_type_slug="poster", size=POSTER)

    assert specs(installation) == [("poster", Decimal(24), Decimal(36), 100, 200)]


def _size(
    width: str = "8", height: str = "10", min_dpi: int = 150, warn_dpi: int = 300
) -> PrintSize:
    return PrintSize(Decimal(width), Decimal(height), min_dpi=min_dpi, warn_dpi=warn_dpi)


@pytest.mark.parametrize(
    ("slug", "size", "expected"),
    [
        ("poster", _size(width="0"), {"print_width_in": ["INVALID_SIZE"]}),
        ("poster", _size(height="-2"), {"print_height_in": ["INVALID_SIZE"]}),
        ("poster", _size(width="8.125"), {"print_width_in": ["INVALID_SIZE"]}),
        ("poster", _size(width="NaN"), {"print_width_in": ["INVALID_SIZE"]}),
        ("poster", _size(height="Infinity"), {"print_height_in": ["INVALID_SIZE"]}),
        ("poster", _size(width="1000.01"), {"print_width_in": ["INVALID_SIZE"]}),
        ("poster", _size(min_dpi=0), {"min_dpi": ["INVALID_DPI"]}),
        ("poster", _size(warn_dpi=2401), {"warn_dpi": ["INVALID_DPI"]}),
        ("poster", _size(min_dpi=300, warn_dpi=299), {"warn_dpi": ["INVALID_DPI"]}),
        ("big poster", _size(), {"product_type_slug": ["INVALID_PRODUCT_TYPE"]}),
        ("p" * 256, _size(), {"product_type_slug": ["INVALID_PRODUCT_TYPE"]}),
        (
            "mug/../x",
            _size(width="0", height="0", min_dpi=-1),
            {
                "product_type_slug": ["INVALID_PRODUCT_TYPE"],
                "print_width_in": ["INVALID_SIZE"],
                "print_height_in": ["INVALID_SIZE"],
                "min_dpi": ["INVALID_DPI"],
            },
        ),
    ],
)
def test_an_invalid_spec_is_refused_with_every_problem_and_nothing_changes(
    installation: Installation, slug: str, size: PrintSize, expected: dict[str, list[str]]
) -> None:
    print_spec_set(installation=installation, product_type_slug="poster", size=POSTER)
    before = specs(installation)

    with pytest.raises(ValidationError) as refused:
        print_spec_set(installation=installation, product_type_slug=slug, size=size)

    assert {
        field: [error.code for error in errors]
        for field, errors in refused.value.error_dict.items()
    } == expected
    assert specs(installation) == before


def test_the_warning_dpi_message_says_why(installation: Installation) -> None:
    with pytest.raises(ValidationError) as refused:
        print_spec_set(
            installation=installation,
            product_type_slug="mug",
            size=_size(min_dpi=300, warn_dpi=299),
        )

    assert refused.value.message_dict == {
        "warn_dpi": [
            "The warning DPI is at least the minimum DPI (prints under the minimum are refused, "
            "under the warning DPI only flagged)"
        ]
    }


def test_unicode_slugs_like_saleors_are_accepted(installation: Installation) -> None:
    print_spec_set(installation=installation, product_type_slug="plakát_a3-matt", size=A4)

    assert [row[0] for row in specs(installation)] == ["plakát_a3-matt"]


def test_an_empty_slug_from_a_request_is_refused_and_none_means_the_shop_default() -> None:
    assert print_spec_target(None) == SHOP_DEFAULT_SLUG
    assert print_spec_target("mug") == "mug"
    with pytest.raises(ValidationError) as refused:
        print_spec_target("")
    assert refused.value.error_dict["product_type_slug"][0].code == "INVALID_PRODUCT_TYPE"


def test_deleting_a_product_types_spec_falls_back_to_the_shop_default(
    installation: Installation,
) -> None:
    print_spec_set(installation=installation, product_type_slug=SHOP_DEFAULT_SLUG, size=A4)
    print_spec_set(installation=installation, product_type_slug="poster", size=POSTER)

    print_spec_delete(installation=installation, product_type_slug="poster")

    assert print_size_for(installation_id=installation.pk, product_type_slug="poster") == A4
    print_spec_delete(installation=installation, product_type_slug=SHOP_DEFAULT_SLUG)
    assert print_size_for(installation_id=installation.pk, product_type_slug="poster") is None


@pytest.mark.parametrize(
    ("slug", "message"),
    [
        ("poster", "The product type 'poster' has no print spec of its own"),
        (SHOP_DEFAULT_SLUG, "The shop has no default print spec"),
    ],
)
def test_deleting_a_missing_spec_is_not_found_and_another_shops_stays(
    installation: Installation, other_installation: Installation, slug: str, message: str
) -> None:
    print_spec_set(installation=other_installation, product_type_slug=slug, size=A4)

    with pytest.raises(ValidationError) as refused:
        print_spec_delete(installation=installation, product_type_slug=slug)

    assert refused.value.error_dict["product_type_slug"][0].code == "NOT_FOUND"
    assert refused.value.message_dict == {"product_type_slug": [message]}
    assert len(specs(other_installation)) == 1


def test_the_overview_lists_every_known_product_type_with_the_spec_that_applies(
    installation: Installation, other_installation: Installation, make_item: MakeItem
) -> None:
    # given: items of three product types (one without a type), one with its own spec,
    # and a spec for a product type that has no items yet; another shop's types stay out
    make_item(number="1", product_type_slug="poster")
    make_item(number="2", product_type_slug="mug")
    make_item(number="3", product_type_slug="mug")
    make_item(number="4", product_type_slug="")
    make_item(number="5", product_type_slug="secret", owner=other_installation)
    print_spec_set(installation=installation, product_type_slug="poster", size=POSTER)
    print_spec_set(installation=installation, product_type_slug="canvas", size=A4)

    without_default = print_specs_overview(installation_id=installation.pk)
    print_spec_set(installation=installation, product_type_slug=SHOP_DEFAULT_SLUG, size=A4)
    with CaptureQueriesContext(connection) as captured:
        with_default = print_specs_overview(installation_id=installation.pk)

    assert without_default.shop_default is None
    assert [(row.product_type_slug, row.source) for row in without_default.product_types] == [
        ("canvas", PrintSpecSource.PRODUCT_TYPE),
        ("mug", PrintSpecSource.NONE),
        ("poster", PrintSpecSource.PRODUCT_TYPE),
    ]
    assert without_default.product_types[1].spec is None
    assert with_default.shop_default is not None
    assert with_default.shop_default.product_type_slug == SHOP_DEFAULT_SLUG
    assert [
        (row.product_type_slug, row.source, row.spec and row.spec.print_width_in)
        for row in with_default.product_types
    ] == [
        ("canvas", PrintSpecSource.PRODUCT_TYPE, Decimal("8.27")),
        ("mug", PrintSpecSource.SHOP_DEFAULT, Decimal("8.27")),
        ("poster", PrintSpecSource.PRODUCT_TYPE, Decimal(24)),
    ]
    assert len(captured) == 2


def test_the_shop_default_checks_customer_photos_of_product_types_without_a_spec(
    client: Client, installation: Installation, media_root: Path
) -> None:
    # given: no spec for "mug", a shop default of 2 x 3 in at 50 DPI at least
    print_spec_set(
        installation=installation,
        product_type_slug=SHOP_DEFAULT_SLUG,
        size=PrintSize(Decimal(2), Decimal(3), min_dpi=50, warn_dpi=50),
    )
    session = new_session(client, installation, productType="mug")

    response = upload(
        client, installation, image_bytes("PNG", (99, 150)), name="a.png", token=session["token"]
    )

    assert response.status_code == 400
    assert response.json()["error"]["code"] == "IMAGE_TOO_SMALL"
    assert CustomerUpload.objects.count() == 0
