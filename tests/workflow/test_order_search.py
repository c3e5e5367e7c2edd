"""The order list's search (productionOrders(filter: {search})): a case-insensitive part of the
customer's email, or exactly the order number or the Saleor order id; on PostgreSQL the email part
is answered from the trigram index (migration podops_production 0006), not by reading every order
of the installation."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from saleor_podops.production.models import ProductionOrder
from saleor_podops.saleor.models import Installation
from saleor_podops.workflow.selectors import OrderFilter, OrderSort, production_orders

pytestmark = pytest.mark.django_db

SEARCH_INDEX = "prodorder_email_trgm"


def given_orders(*installations: Installation, count: int, capitals: str) -> None:
    """``count`` orders of each installation, 1001, 1002, ... of customer1@example.com,
    customer2@example.com, ...; in the first one the order numbered ``capitals`` is of a customer
    who writes capitals (Ashley.Cook@Example.com)."""
    ProductionOrder.objects.bulk_create(
        ProductionOrder(
            installation=installation,
            saleor_order_id=f"T3JkZXI6{installation.pk}-{n}",
            number=str(1000 + n),
            customer_email=f"customer{n}@example.com",
        )
        for installation in installations
        for n in range(1, count + 1)
    )
    ProductionOrder.objects.filter(installation=installations[0], number=capitals).update(
        customer_email="Ashley.Cook@Example.com"
    )


def found(installation: Installation, search: str) -> list[str]:
    orders = production_orders(
        installation_id=installation.pk, filter=OrderFilter(search=search), sort=OrderSort.NUMBER
    )
    return list(orders.values_list("number", flat=True))


def test_search_matches_part_of_the_email_in_any_case_and_the_number_or_saleor_id_exactly(
    installation: Installation, other_installation: Installation
) -> None:
    # given orders of two installations, one of them of a customer who writes capitals
    given_orders(installation, other_installation, count=30, capitals="1007")

    # then part of an email in any case, only of the installation
    assert found(installation, "ashley.COOK@") == ["1007"]
    assert found(installation, "CUSTOMER2") == ["1002", *(str(n) for n in range(1020, 1030))]
    # the whole number (with or without #) or Saleor id; a part of them is no match
    assert found(installation, "  #1012 ") == ["1012"]
    assert found(installation, "101") == []
    assert found(installation, f"T3JkZXI6{installation.pk}-21") == ["1021"]
    assert found(installation, "T3JkZXI6") == []


def plan(sql: str) -> str:
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN {sql}")
        return "\n".join(row[0] for row in cursor.fetchall())


@pytest.mark.skipif(connection.vendor != "postgresql", reason="a PostgreSQL index and plan")
def test_the_email_search_reads_the_trigram_index_on_postgresql(
    installation: Installation, other_installation: Installation
) -> None:
    # given thousands of orders, as a live table holds them: the index's pending entries merged
    # (autovacuum's work; PostgreSQL prices a long pending list out) and statistics gathered
    given_orders(installation, other_installation, count=5000, capitals="4321")
    with connection.cursor() as cursor:
        cursor.execute("SELECT gin_clean_pending_list(%s::regclass)", [SEARCH_INDEX])
        cursor.execute(f"ANALYZE {ProductionOrder._meta.db_table}")
    orders = production_orders(
        installation_id=installation.pk,
        filter=OrderFilter(search="ashley.cook"),
        sort=OrderSort.NEWEST,
    )

    # when the staff API reads a page of the search and counts it
    with CaptureQueriesContext(connection) as queries:
        page = [order.number for order in orders[:51]]
        total = orders.count()

    # then PostgreSQL plans both with the email's trigram index, not a read of every order
    assert (page, total) == (["4321"], 1)
    for query in queries.captured_queries:
        assert f"Bitmap Index Scan on {SEARCH_INDEX}" in plan(query["sql"]), plan(query["sql"])
    assert len(queries.captured_queries) == 2
