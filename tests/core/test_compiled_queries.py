"""CompiledQuery: built and compiled once, then the same rows as the ORM gives for each call."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.db.models import F, QuerySet
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from saleor_podops.core.compiled_queries import AnyOf, CompiledQuery
from saleor_podops.production.models import ProductionOrder
from saleor_podops.saleor.models import Installation

COLUMNS = ("number", "shipping_address", "paid_at", "needs_attention", "total_gross_amount")


@pytest.fixture
def orders(installation: Installation) -> list[ProductionOrder]:
    return [
        ProductionOrder.objects.create(
            installation=installation,
            saleor_order_id=f"order-{number}",
            number=str(number),
            customer_email=f"{number}@example.com",
            shipping_address={"city": "Berlin", "number": number},
            paid_at=timezone.now(),
            needs_attention=number % 2 == 0,
        )
        for number in (1001, 1002)
    ]


def test_each_call_gives_the_rows_the_orm_gives_with_its_own_values(
    orders: list[ProductionOrder],
) -> None:
    built: list[dict[str, Any]] = []

    def build(email: str, number: str) -> QuerySet[ProductionOrder, Any]:
        built.append({"email": email, "number": number})
        return ProductionOrder.objects.filter(customer_email=email, number=number).values_list(
            *COLUMNS
        )

    query = CompiledQuery(build, "email", "number")

    for order in orders:
        expected = list(
            ProductionOrder.objects.filter(pk=order.pk).values_list(*COLUMNS)
        )  # JSON, datetime, boolean and decimal columns converted by the ORM
        with CaptureQueriesContext(connection) as captured:
            rows = query.rows(email=order.customer_email, number=order.number)
        assert rows == expected
        assert len(captured) == 1
    assert query.rows(email="1001@example.com", number="1002") == []
    assert len(built) == 1  # built and compiled once, with markers, not the values


def test_the_sql_has_a_placeholder_for_each_parameter_and_no_value(
    orders: list[ProductionOrder],
) -> None:
    query = CompiledQuery(
        lambda number: ProductionOrder.objects.filter(number=number).values_list("id"), "number"
    )

    assert query.rows(number="1002") == [(orders[1].pk,)]
    assert "1002" not in query.sql()
    assert "%s" in query.sql()


@pytest.mark.parametrize(
    "build",
    [
        lambda email: ProductionOrder.objects.filter(customer_email__icontains=email).values_list(
            "id"
        ),
        lambda email: ProductionOrder.objects.filter(
            customer_email__in=[email, "x@example.com"]
        ).values_list("id"),
    ],
    ids=["rewritten value", "a constant beside it"],
)
def test_a_parameter_that_is_not_compared_as_it_is_is_refused(db: Any, build: Any) -> None:
    query = CompiledQuery(build, "email")

    with pytest.raises(ValueError, match="only values compared as they are"):
        query.rows(email="ann@example.com")


def test_a_queryset_of_models_is_refused(db: Any) -> None:
    query = CompiledQuery(lambda number: ProductionOrder.objects.filter(number=number), "number")

    with pytest.raises(TypeError, match="values_list"):
        query.rows(number="1001")


def test_any_of_matches_what_in_matches(orders: list[ProductionOrder]) -> None:
    wanted = [orders[1].pk, orders[0].pk, 999_999]

    found = ProductionOrder.objects.filter(AnyOf(F("id"), wanted)).order_by("pk")

    assert list(found) == list(ProductionOrder.objects.filter(pk__in=wanted).order_by("pk"))
    assert list(found) == orders
    assert list(ProductionOrder.objects.filter(AnyOf(F("number"), ["1002"]))) == [orders[1]]
    assert list(ProductionOrder.objects.filter(AnyOf(F("id"), []))) == []


def test_a_list_is_one_parameter_whatever_its_length(orders: list[ProductionOrder]) -> None:
    query = CompiledQuery(
        lambda ids: (
            ProductionOrder.objects.filter(AnyOf(F("id"), ids)).order_by("pk").values_list("number")
        ),
        "ids",
    )

    assert query.rows(ids=[orders[0].pk]) == [("1001",)]
    assert query.rows(ids=[o.pk for o in orders]) == [("1001",), ("1002",)]
    assert query.rows(ids=[orders[1].pk, 123_456, 654_321]) == [("1002",)]
    assert query.sql().count("%s") == 1
