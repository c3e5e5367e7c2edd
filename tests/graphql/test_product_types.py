"""The shop's product types in the staff GraphQL API (``saleorProductTypes``): read through to the
installation's Saleor with its app token (the document is checked against both Saleor schemas by the
stub and tests/saleor/test_documents.py), searched, narrowed to slugs, and a typed error when Saleor
cannot be reached or refuses. (Who may call it: tests/graphql/test_authorization_matrix.py.)"""

from __future__ import annotations

import httpx
import pytest

from saleor_podops.saleor.models import Installation
from saleor_podops.staff.roles import Role

from ..saleor_stub import SaleorStub
from ..staff_api import ADMIN, ARTIST, MANAGER, PROCESSOR, StaffApi, staff_member, team

pytestmark = pytest.mark.django_db

QUERY = """
query Types($search: String, $slugs: [String!], $first: Int) {
  saleorProductTypes(search: $search, slugs: $slugs, first: $first) { slug name }
}
"""
SHOP = [
    {"slug": "poster", "name": "Poster"},
    {"slug": "mug", "name": "Mug"},
    {"slug": "canvas-print", "name": "Canvas print"},
    {"slug": "pet-portrait", "name": "Pet portrait"},
]


@pytest.fixture
def shop(saleor: SaleorStub) -> SaleorStub:
    saleor.product_types = [dict(product_type) for product_type in SHOP]
    return saleor


def test_a_manager_gets_the_shops_product_types_by_name_with_the_app_token(
    installation: Installation, staff_api: StaffApi, shop: SaleorStub
) -> None:
    team(installation)

    answer = staff_api.as_user(installation, MANAGER, QUERY)

    assert answer == {
        "data": {
            "saleorProductTypes": [
                {"slug": "canvas-print", "name": "Canvas print"},
                {"slug": "mug", "name": "Mug"},
                {"slug": "pet-portrait", "name": "Pet portrait"},
                {"slug": "poster", "name": "Poster"},
            ]
        }
    }
    (request,) = shop.operations("ProductTypes")
    assert request["authorization"] == "Bearer app-token-1"
    # no search and no slugs: neither is sent (Saleor reads an absent filter as none)
    assert request["variables"] == {"first": 20}


def test_a_search_and_first_are_passed_to_saleor(
    installation: Installation, staff_api: StaffApi, shop: SaleorStub
) -> None:
    team(installation)

    answer = staff_api.as_user(installation, ADMIN, QUERY, {"search": " PORT ", "first": 1})

    assert answer == {
        "data": {"saleorProductTypes": [{"slug": "pet-portrait", "name": "Pet portrait"}]}
    }
    (request,) = shop.operations("ProductTypes")
    assert request["variables"] == {"first": 1, "search": "PORT"}


def test_slugs_tell_which_saved_slugs_saleor_still_knows(
    installation: Installation, staff_api: StaffApi, shop: SaleorStub
) -> None:
    team(installation)

    answer = staff_api.as_user(
        installation, MANAGER, QUERY, {"slugs": ["poster", "retired-type", "poster"]}
    )

    assert answer == {"data": {"saleorProductTypes": [{"slug": "poster", "name": "Poster"}]}}
    (request,) = shop.operations("ProductTypes")
    assert request["variables"] == {"first": 20, "slugs": ["poster", "retired-type"]}


def test_no_slugs_asks_saleor_nothing(
    installation: Installation, staff_api: StaffApi, shop: SaleorStub
) -> None:
    # Saleor would read an empty slug list as no filter and answer every product type
    team(installation)

    answer = staff_api.as_user(installation, MANAGER, QUERY, {"slugs": []})

    assert answer == {"data": {"saleorProductTypes": []}}
    assert shop.operations("ProductTypes") == []


@pytest.mark.parametrize("user", [ARTIST, PROCESSOR])
def test_a_worker_is_refused_and_saleor_is_not_asked(
    installation: Installation, staff_api: StaffApi, shop: SaleorStub, user: str
) -> None:
    team(installation)

    answer = staff_api.as_user(installation, user, QUERY)

    (error,) = answer["errors"]
    assert error["extensions"]["code"] == "PERMISSION_DENIED"
    assert error["message"] == "You need one of these PodOps roles: ADMIN, MANAGER."
    assert answer["data"] is None
    assert shop.operations("ProductTypes") == []


@pytest.mark.parametrize("first", [0, 101, -1])
def test_first_out_of_range_is_refused_before_asking_saleor(
    installation: Installation, staff_api: StaffApi, shop: SaleorStub, first: int
) -> None:
    team(installation)

    answer = staff_api.as_user(installation, MANAGER, QUERY, {"first": first})

    (error,) = answer["errors"]
    assert error["extensions"]["code"] == "INVALID_ARGUMENT"
    assert error["message"] == "first must be between 1 and 100"
    assert answer["data"] is None
    assert shop.operations("ProductTypes") == []


@pytest.mark.parametrize(
    "failure",
    [
        httpx.Response(503),
        httpx.Response(429),
        httpx.ConnectError("connection refused"),
        httpx.ReadTimeout("timed out"),
        httpx.Response(200, text="<html>maintenance</html>"),
    ],
    ids=["503", "429", "connection refused", "timeout", "not GraphQL"],
)
def test_saleor_out_of_reach_is_a_saleor_unavailable_error_after_one_try(
    installation: Installation,
    staff_api: StaffApi,
    shop: SaleorStub,
    failure: httpx.Response | Exception,
) -> None:
    # given a Saleor that does not answer (a person waits: no retries)
    team(installation)
    tries = 0

    def unreachable(record: dict[str, object]) -> httpx.Response:
        nonlocal tries
        tries += 1
        if isinstance(failure, Exception):
            raise failure
        return failure

    shop.responders["ProductTypes"] = unreachable

    answer = staff_api.as_user(installation, MANAGER, QUERY)

    (error,) = answer["errors"]
    assert error["extensions"]["code"] == "SALEOR_UNAVAILABLE"
    assert error["message"] == "Saleor could not be reached for its product types: try again."
    assert answer["data"] is None
    assert tries == 1


@pytest.mark.parametrize(
    "refusal",
    [
        httpx.Response(200, json={"errors": [{"message": "Invalid token."}]}),
        httpx.Response(401),
        httpx.Response(200, json={"data": {"productTypes": None}}),
    ],
    ids=["GraphQL error", "401", "no result"],
)
def test_a_refusal_by_saleor_is_a_saleor_error(
    installation: Installation, staff_api: StaffApi, shop: SaleorStub, refusal: httpx.Response
) -> None:
    team(installation)
    shop.responders["ProductTypes"] = lambda record: refusal

    answer = staff_api.as_user(installation, MANAGER, QUERY)

    (error,) = answer["errors"]
    assert error["extensions"]["code"] == "SALEOR_ERROR"
    assert error["message"].startswith("Saleor refused the product types request: product_types")
    assert answer["data"] is None
    assert len(shop.operations("ProductTypes")) == 1


def test_each_installation_asks_its_own_saleor_with_its_own_token(
    installation: Installation,
    other_installation: Installation,
    staff_api: StaffApi,
    shop: SaleorStub,
    other_saleor: SaleorStub,
) -> None:
    # given another shop with other product types
    staff_member(other_installation, ADMIN, Role.ADMIN)
    other_saleor.product_types = [{"slug": "t-shirt", "name": "T-shirt"}]

    answer = staff_api.as_user(other_installation, ADMIN, QUERY)

    assert answer == {"data": {"saleorProductTypes": [{"slug": "t-shirt", "name": "T-shirt"}]}}
    (request,) = other_saleor.operations("ProductTypes")
    assert request["authorization"] == "Bearer app-token-2"
    assert shop.operations("ProductTypes") == []
