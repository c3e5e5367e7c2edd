"""What a customer may read: their orders with items, the proofs and photo requests waiting for
them, and the history of an order in their words. Lists cost a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count, F, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from saleor_podops.artwork.models import CustomerUpload
from saleor_podops.production.models import (
    ActorType,
    EventType,
    ProductionItem,
    ProductionOrder,
    TimelineEvent,
)
from saleor_podops.production.stages import Stage

from .access import CustomerAccess
from .models import (
    DecisionKind,
    PhotoRequest,
    PhotoRequestStatus,
    Proof,
    ProofDecision,
    ProofStatus,
)
from .wording import event_words


def _changes_so_far() -> Coalesce:
    counted = (
        ProofDecision.objects.filter(
            proof__item_id=OuterRef("item_id"), kind=DecisionKind.CHANGES_REQUESTED
        )
        .order_by()
        .values("proof__item_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def open_proofs_queryset() -> QuerySet[Proof]:
    return (
        Proof.objects.filter(
            status=ProofStatus.AWAITING,
            item__stage=Stage.CUSTOMER_APPROVAL,
            item__stage_entered_at=F("stage_entered_at"),
        )
        .select_related("version", "item", "order")
        .annotate(changes_so_far=_changes_so_far())
        .order_by("created_at", "pk")
    )


def open_photo_requests_queryset() -> QuerySet[PhotoRequest]:
    current = CustomerUpload.objects.filter(replaced_by__isnull=True).order_by("-version", "-pk")
    return (
        PhotoRequest.objects.filter(
            status=PhotoRequestStatus.AWAITING,
            item__stage=Stage.AWAITING_CUSTOMER,
            stage_entered_at=F("item__stage_entered_at"),
        )
        .select_related("item", "order")
        .prefetch_related(Prefetch("item__uploads", queryset=current, to_attr="current_uploads"))
        .order_by("created_at", "pk")
    )


def _scope(access: CustomerAccess, prefix: str = "") -> Q:
    condition = Q(**{f"{prefix}installation_id": access.installation.pk}) & Q(
        **{f"{prefix}order_id__in": access.order_ids}
    )
    if access.item_id is not None:
        condition &= Q(**{f"{prefix}item_id": access.item_id})
    return condition


def customer_open_proofs(access: CustomerAccess) -> list[Proof]:
    return list(open_proofs_queryset().filter(_scope(access)))


def customer_open_photo_requests(access: CustomerAccess) -> list[PhotoRequest]:
    return list(open_photo_requests_queryset().filter(_scope(access)))


def customer_orders(access: CustomerAccess, order_pk: int | None = None) -> list[ProductionOrder]:
    """The customer's orders (or the one asked for), newest first, each with its items and what
    waits on them (``open_proofs`` and ``open_photo_requests`` on each item)."""
    order_ids = access.order_ids if order_pk is None else access.order_ids & {order_pk}
    items = ProductionItem.objects.order_by("line_index").prefetch_related(
        Prefetch("proofs", queryset=open_proofs_queryset(), to_attr="open_proofs"),
        Prefetch(
            "photo_requests", queryset=open_photo_requests_queryset(), to_attr="open_photo_requests"
        ),
    )
    return list(
        ProductionOrder.objects.filter(installation_id=access.installation.pk, pk__in=order_ids)
        .order_by("-created_at", "-pk")
        .prefetch_related(Prefetch("items", queryset=items))
    )


def customer_order(access: CustomerAccess, order_pk: int | None) -> ProductionOrder | None:
    if order_pk is None:
        return None
    return next(iter(customer_orders(access, order_pk)), None)


@dataclass(frozen=True)
class HistoryEntry:
    at: datetime
    text: str
    comment: str


def customer_history(order: ProductionOrder) -> list[HistoryEntry]:
    entries = []
    for event in TimelineEvent.objects.filter(order=order, is_internal=False).order_by(
        "created_at", "id"
    ):
        text = event_words(event)
        if text is None:
            continue
        # Only the customer's own words are shown back; staff comments stay inside.
        own_words = event.actor_type == ActorType.CUSTOMER and event.type == EventType.REJECTED
        entries.append(
            HistoryEntry(at=event.created_at, text=text, comment=event.comment if own_words else "")
        )
    return entries
