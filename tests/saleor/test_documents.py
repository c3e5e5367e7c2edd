"""Every GraphQL document PodOps sends to Saleor is valid for both supported schemas."""

from __future__ import annotations

import pytest

from saleor_podops.saleor.client.transport import all_documents
from saleor_podops.saleor.webhook_events import SUBSCRIPTIONS

from ..saleor_schemas import validation_errors


@pytest.mark.parametrize("name", sorted(all_documents()))
def test_client_document_is_valid_for_both_schemas(name: str) -> None:
    assert validation_errors(all_documents()[name]) == {"3.23": [], "3.24": []}


@pytest.mark.parametrize("subscription", SUBSCRIPTIONS, ids=lambda s: s.event.value)
def test_subscription_document_is_valid_for_both_schemas(subscription) -> None:  # type: ignore[no-untyped-def]
    assert validation_errors(subscription.query) == {"3.23": [], "3.24": []}


def test_the_client_has_documents() -> None:
    assert {"app_id", "update_public_metadata", "order_note_add", "product_types"} <= set(
        all_documents()
    )


def test_order_status_values_are_saleors_spelling() -> None:
    from saleor_podops.saleor.payloads import SaleorOrderStatus

    from ..saleor_schemas import saleor_schema

    for version in ("3.23", "3.24"):
        assert {s.value for s in SaleorOrderStatus} == set(
            saleor_schema(version).get_type("OrderStatus").values
        )
