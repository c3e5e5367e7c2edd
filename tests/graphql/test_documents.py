"""The document cache: a document is parsed and validated once, then executed anew on every request
(variables, the caller and their permissions are never cached); bounded by size, oldest out."""

from __future__ import annotations

import pytest

from saleor_podops.graphql.core.documents import DocumentCache, documents
from saleor_podops.graphql.schema import schema
from saleor_podops.saleor.models import Installation

from ..staff_api import ADMIN, ARTIST, NO_ROLE, StaffApi, paid_order, team

STAGE_OF = "query Q($id: ID) { productionOrder(id: $id) { number stage } }"
ORDERS = "{ productionOrders(first: 5) { edges { node { number } } } }"


@pytest.mark.django_db
def test_a_cached_document_runs_with_each_requests_variables_and_caller(
    installation: Installation, staff_api: StaffApi
) -> None:
    # given two orders and an empty cache
    team(installation)
    first, second = paid_order(installation, "1001"), paid_order(installation, "1002")
    documents.clear()

    # when the same document is sent for each order, then by a person without a role
    answers = [
        staff_api.as_user(installation, ADMIN, STAGE_OF, {"id": global_id})
        for global_id in (order_id(first.pk), order_id(second.pk))
    ]
    refused = staff_api.as_user(installation, NO_ROLE, STAGE_OF, {"id": order_id(first.pk)})

    # then it was parsed and validated once, and answered each time for that request
    assert [a["data"]["productionOrder"]["number"] for a in answers] == ["1001", "1002"]
    assert refused["errors"][0]["extensions"]["code"] == "PERMISSION_DENIED"
    assert (documents.misses, documents.hits, len(documents)) == (1, 2, 1)


@pytest.mark.django_db
def test_an_invalid_document_is_refused_the_same_way_from_the_cache(
    installation: Installation, staff_api: StaffApi
) -> None:
    team(installation)
    documents.clear()

    answers = [
        staff_api.as_user(installation, ARTIST, "{ productionOrders { edges { nope } } }")
        for _ in range(2)
    ]
    syntax = [staff_api.as_user(installation, ARTIST, "{ productionOrders {") for _ in range(2)]

    assert answers[0] == answers[1]
    assert [e["message"] for e in answers[0]["errors"]] == [
        "Cannot query field 'nope' on type 'ProductionOrderEdge'. Did you mean 'node'?"
    ]
    assert syntax[0] == syntax[1]
    assert syntax[0]["errors"][0]["message"] == "Syntax Error: Expected Name, found <EOF>."
    assert (documents.misses, documents.hits) == (2, 2)


def test_the_cache_keeps_the_most_recently_used_documents_within_its_budget() -> None:
    # given a cache with room for two of these documents
    cache = DocumentCache(budget=2 * len(ORDERS) + 10, max_length=200)
    graphql_schema = schema.graphql_schema
    other = ORDERS.replace("5", "6")
    third = ORDERS.replace("5", "7")

    # when three documents are checked, the first used again before the third arrives
    first = cache.checked(graphql_schema, ORDERS)
    cache.checked(graphql_schema, other)
    assert cache.checked(graphql_schema, ORDERS) is first
    cache.checked(graphql_schema, third)

    # then the least recently used one went out
    assert len(cache) == 2
    assert cache.checked(graphql_schema, ORDERS) is first
    assert (cache.hits, cache.misses) == (2, 3)
    cache.checked(graphql_schema, other)
    assert cache.misses == 4


def test_a_document_longer_than_the_limit_is_checked_every_time_and_not_kept() -> None:
    cache = DocumentCache(max_length=len(ORDERS) - 1)

    checked = [cache.checked(schema.graphql_schema, ORDERS) for _ in range(2)]

    assert checked[0] is not checked[1]
    assert checked[0].errors == ()
    assert (len(cache), cache.hits, cache.misses) == (0, 0, 0)


def order_id(pk: int) -> str:
    from graphql_relay import to_global_id

    return to_global_id("ProductionOrder", str(pk))
