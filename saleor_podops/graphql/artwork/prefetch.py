"""Loading the customer's photos of many items at once, so a list that shows them costs one query
for the whole page rather than one per item."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import Prefetch, QuerySet, prefetch_related_objects

from saleor_podops.artwork.models import CustomerUpload
from saleor_podops.production.models import ProductionItem

_ATTRIBUTE = "customer_upload_list"


def _uploads() -> QuerySet[CustomerUpload]:
    return CustomerUpload.objects.select_related("replaces").order_by("pk")


def customer_uploads_prefetch(path: str = "") -> Prefetch[Any]:
    """The photos of items, for prefetch_related; ``path`` leads from the rows to the items
    (e.g. ``item_list__`` for orders whose items are prefetched as ``item_list``)."""
    return Prefetch(f"{path}uploads", queryset=_uploads(), to_attr=_ATTRIBUTE)


def with_customer_uploads(queryset: QuerySet[Any], path: str = "") -> QuerySet[Any]:
    """``queryset`` prefetching the photos of its items (``path``: see customer_uploads_prefetch)."""
    return queryset.prefetch_related(customer_uploads_prefetch(path))


def prefetch_customer_uploads(items: Iterable[ProductionItem]) -> None:
    """Load the photos of ``items`` (model instances already fetched) in one query."""
    pending = [item for item in items if not hasattr(item, _ATTRIBUTE)]
    if pending:
        prefetch_related_objects(
            pending, Prefetch("uploads", queryset=_uploads(), to_attr=_ATTRIBUTE)
        )


def customer_uploads_of(item: ProductionItem) -> list[CustomerUpload]:
    prefetched = getattr(item, _ATTRIBUTE, None)
    if prefetched is not None:
        return list(prefetched)
    return list(_uploads().filter(item=item))
